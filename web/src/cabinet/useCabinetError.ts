import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useErrorMessage } from '../components/useErrorMessage';

/**
 * Error sentences for the cabinet: its own codes and field messages first (in the trader's language,
 * never the server's English), then the workspace's general ones.
 */
export function useCabinetError(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const general = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      if (isApiError(error)) {
        if (error.code === 'validation_failed' && error.field) {
          const key = `cabinet.errors.fields.${error.field}`;
          if (i18n.exists(key)) return t(key);
        }
        if (error.status === 423) return t('cabinet.errors.account_locked');
        const key = `cabinet.errors.${error.code}`;
        if (i18n.exists(key)) return t(key);
      }
      return general(error);
    },
    [t, i18n, general],
  );
}
