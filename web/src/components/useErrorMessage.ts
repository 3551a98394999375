import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';

/**
 * Turns any thrown error into a sentence for the user. Known API codes get a
 * translated message; otherwise the server's own `message` is shown, since it
 * is more specific than anything generic we could say.
 */
export function useErrorMessage(): (error: unknown) => string {
  const { t, i18n } = useTranslation();

  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return t('errors.unknown');
      // Validation messages name the exact rule that failed; keep the server's wording.
      if (error.code === 'validation_failed' && error.message) {
        // Shown next to the field already, so drop a leading "field: " if the server adds one.
        return error.field && error.message.startsWith(`${error.field}: `)
          ? error.message.slice(error.field.length + 2)
          : error.message;
      }
      if (error.status === 429) return t('errors.rate_limited');
      if (error.status === 423) return t('errors.account_locked');
      const key = `errors.${error.code}`;
      if (i18n.exists(key)) return t(key);
      if (error.status === 403) return t('errors.forbidden');
      return error.message || t('errors.unknown');
    },
    [t, i18n],
  );
}
