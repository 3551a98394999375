import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { meApi } from '../api/me';
import { useCurrentUser } from '../session/useSession';
import { storeLanguage, type UiLanguage } from './languages';

/**
 * Switches the UI language and, when signed in, saves it as the user's
 * locale on the server. Saving is best effort: the local choice still applies.
 */
export function useChangeLanguage(): (language: UiLanguage) => void {
  const { i18n } = useTranslation();
  const user = useCurrentUser();
  const signedIn = user !== null;

  return useCallback(
    (language: UiLanguage) => {
      storeLanguage(language);
      void i18n.changeLanguage(language);
      if (signedIn) meApi.update({ locale: language }).catch(() => undefined);
    },
    [i18n, signedIn],
  );
}
