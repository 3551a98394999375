import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { meApi } from '../api/me';
import { isUiLanguage, storedLanguage } from '../i18n/languages';
import type { User } from '../../../src/shared/contracts/identity';

/**
 * Reconciles the UI language with the user's saved locale once per sign-in:
 * a language explicitly chosen on this device wins (and is saved to the
 * server); otherwise the user's saved locale is applied.
 */
export function useUserLocaleSync(user: User): void {
  const { i18n } = useTranslation();

  useEffect(() => {
    const chosen = storedLanguage();
    if (chosen) {
      if (chosen !== user.locale) meApi.update({ locale: chosen }).catch(() => undefined);
      return;
    }
    if (isUiLanguage(user.locale) && user.locale !== i18n.language) void i18n.changeLanguage(user.locale);
    // Only on a new sign-in, not on every profile refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [user.id]);
}
