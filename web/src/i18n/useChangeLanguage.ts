import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { storeLanguage, type UiLanguage } from './languages';

/**
 * Switches the UI language and remembers the choice on this device. It knows nothing of sessions: the
 * cabinet and the sign-in pages use it too, and must not ask the staff API who is signed in. The staff
 * header additionally saves the choice to the user's profile (see AppHeader).
 */
export function useChangeLanguage(): (language: UiLanguage) => void {
  const { i18n } = useTranslation();
  return useCallback(
    (language: UiLanguage) => {
      storeLanguage(language);
      void i18n.changeLanguage(language);
    },
    [i18n],
  );
}
