import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useErrorMessage } from '../../components/useErrorMessage';

/** Error sentences for complaints: their own codes in the UI language, then the general ones. */
export function useComplaintError(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  const general = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      if (isApiError(error) && i18n.exists(`complaints.errors.${error.code}`))
        return t(`complaints.errors.${error.code}`);
      return general(error);
    },
    [t, i18n, general],
  );
}
