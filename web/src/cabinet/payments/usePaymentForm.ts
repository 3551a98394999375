import { useTranslation } from 'react-i18next';
import type { PaymentDirection } from '../../api/paymentValues';
import { useFormState } from '../../components/useFormState';
import { useRules, type Rules } from '../../components/validation';
import { parseMinor, useMinorMoney } from '../../pages/payments/paymentFormat';
import { useCabinetAccounts } from '../api';
import { useCabinetPaymentSystems } from './api';
import { amountError, EMPTY_PAYMENT, type PaymentFormValues } from './PaymentFields';

/**
 * The state of a deposit or withdrawal form: the trader's live accounts, the systems for the picked
 * account, the fields and their checks; `fields` goes straight to <PaymentFields>.
 */
export function usePaymentForm<T extends PaymentFormValues>(
  direction: PaymentDirection,
  extra: Omit<T, keyof PaymentFormValues>,
  extraRules: Rules<T> = {},
) {
  const { t } = useTranslation();
  const rules = useRules();
  const minorMoney = useMinorMoney();
  const accounts = useCabinetAccounts();
  // Money moves on live accounts only; demo money is not real.
  const live = (accounts.data ?? []).filter((a) => a.kind === 'live');
  const form = useFormState<T>(
    { ...EMPTY_PAYMENT, ...extra } as T,
    {
      login: [rules.required(t('payments.cabinet.pickAccount'))],
      systemId: [rules.required(t('payments.cabinet.pickSystem'))],
      amount: [(_v: string, values: T) => amountError(values, system, t, minorMoney)],
      ...extraRules,
    } as Rules<T>,
  );
  const systems = useCabinetPaymentSystems(direction, form.values.login || null);
  const system = systems.data?.find((s) => s.id === form.values.systemId);
  const account = live.find((a) => a.login === form.values.login);
  const minor = parseMinor(form.values.amount, form.values.currency || 'USD');

  const onChange = (patch: Partial<PaymentFormValues>) => {
    for (const [key, value] of Object.entries(patch)) form.setField(key as keyof T, value as T[keyof T]);
  };

  return {
    form,
    accounts,
    live,
    account,
    system,
    minor,
    /** What PaymentFormPage needs from the form besides the page's own words and submit. */
    frame: { accountsPending: accounts.isPending, hasLive: live.length > 0, formError: form.formError },
    fields: {
      accounts: live,
      systems: systems.data,
      systemsLoading: systems.isPending && !!form.values.login,
      values: form.values,
      errors: form.errors,
      onChange,
    },
  };
}
