import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';

/**
 * The payments API's refusals in the viewer's language (`payments.errors.<code>`: not verified, above the
 * free margin, the second approver…), then whatever the screen's own mapping says (`base`).
 */
export function usePaymentsError(base: (error: unknown) => string): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const key = isApiError(error) ? `payments.errors.${error.code}` : '';
      return key && i18n.exists(key) ? t(key) : base(error);
    },
    [t, i18n, base],
  );
}
