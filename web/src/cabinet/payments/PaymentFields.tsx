import { Alert, Group, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../src/shared/contracts/trading';
import type { PortalPaymentSystem } from '../../api/paymentTypes';
import { parseMinor, useMinorMoney } from '../../pages/payments/paymentFormat';
import { useTradingFormat } from '../../pages/online/tradingFormat';

/** What the deposit and withdrawal forms share: an account, a system for it, and an amount. */
export interface PaymentFormValues {
  login: string;
  systemId: string;
  amount: string;
  currency: string;
}

export const EMPTY_PAYMENT: PaymentFormValues = { login: '', systemId: '', amount: '', currency: '' };

/** The amount's checks against the chosen system (minimum, maximum, currency digits). */
export function amountError(
  values: PaymentFormValues,
  system: PortalPaymentSystem | undefined,
  t: (key: string, options?: Record<string, unknown>) => string,
  money: (minor: number, currency: string) => string,
): string | null {
  if (!values.amount.trim()) return t('common.required');
  const minor = parseMinor(values.amount, values.currency || 'USD');
  if (minor === null) return t('payments.cabinet.badAmount');
  if (system && minor < system.minAmount)
    return t('payments.cabinet.belowMin', { min: money(system.minAmount, values.currency) });
  if (system?.maxAmount != null && minor > system.maxAmount)
    return t('payments.cabinet.aboveMax', { max: money(system.maxAmount, values.currency) });
  return null;
}

interface PaymentFieldsProps {
  accounts: AccountView[];
  systems: PortalPaymentSystem[] | undefined;
  systemsLoading: boolean;
  values: PaymentFormValues;
  errors: Partial<Record<keyof PaymentFormValues, string>>;
  onChange: (patch: Partial<PaymentFormValues>) => void;
  /** "Free margin" for withdrawals, "Balance" for deposits. */
  figure: 'balance' | 'freeMargin';
  prefix: string;
}

export function PaymentFields({
  accounts,
  systems,
  systemsLoading,
  values,
  errors,
  onChange,
  figure,
  prefix,
}: PaymentFieldsProps) {
  const { t } = useTranslation();
  const { money } = useTradingFormat();
  const minorMoney = useMinorMoney();
  const account = accounts.find((a) => a.login === values.login);
  const system = systems?.find((s) => s.id === values.systemId);
  const withdrawal = figure === 'freeMargin';
  const currencies = withdrawal || !system ? [values.currency] : system.currencies;

  return (
    <Stack gap="sm">
      <Select
        label={t('payments.cabinet.account')}
        data={accounts.map((a) => ({
          value: a.login,
          label: `${a.login} · ${a.currency} · ${money(a[figure], a.currency)}`,
        }))}
        value={values.login || null}
        onChange={(login) => {
          const next = accounts.find((a) => a.login === login);
          onChange({ login: login ?? '', systemId: '', currency: next?.currency ?? '' });
        }}
        error={errors.login}
        allowDeselect={false}
        required
        data-testid={`${prefix}-account`}
      />
      {account && (
        <Text size="sm" c="dimmed" data-testid={`${prefix}-figure`}>
          {t(`payments.cabinet.${figure}`, { amount: money(account[figure], account.currency) })}
        </Text>
      )}
      {account && (
        <Radio.Group
          label={t('payments.cabinet.system')}
          value={values.systemId}
          onChange={(systemId) => {
            const next = systems?.find((s) => s.id === systemId);
            // The account's own currency when the system takes it (no conversion), else the system's first.
            // A withdrawal is always in the account's currency (it is taken from that balance).
            const currency =
              withdrawal || next?.currencies.includes(account.currency)
                ? account.currency
                : (next?.currencies[0] ?? '');
            onChange({ systemId, currency });
          }}
          error={errors.systemId}
          required
        >
          <Stack gap={6} mt={6} data-testid={`${prefix}-systems`}>
            {systemsLoading ? (
              <Text size="sm" c="dimmed">
                {t('payments.cabinet.loadingSystems')}
              </Text>
            ) : !systems?.length ? (
              <Alert color="yellow" variant="light" p="xs" data-testid={`${prefix}-no-systems`}>
                {t('payments.cabinet.noSystems')}
              </Alert>
            ) : (
              systems.map((s) => (
                <Radio
                  key={s.id}
                  value={s.id}
                  label={s.name}
                  description={[
                    t(`payments.method.${s.method}`),
                    s.maxAmount != null
                      ? t('payments.cabinet.limits', {
                          min: minorMoney(s.minAmount, s.currencies[0] ?? account.currency),
                          max: minorMoney(s.maxAmount, s.currencies[0] ?? account.currency),
                        })
                      : t('payments.cabinet.minOnly', {
                          min: minorMoney(s.minAmount, s.currencies[0] ?? account.currency),
                        }),
                    s.feePercent || s.feeFixed
                      ? t('payments.cabinet.fee', { percent: s.feePercent / 100 })
                      : t('payments.cabinet.noFee'),
                  ].join(' · ')}
                  data-testid={`${prefix}-system`}
                  data-system-name={s.name}
                />
              ))
            )}
          </Stack>
        </Radio.Group>
      )}
      {system && (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t('payments.cabinet.amount', { currency: values.currency })}
            inputMode="decimal"
            dir="ltr"
            value={values.amount}
            onChange={(e) => onChange({ amount: e.currentTarget.value })}
            error={errors.amount}
            required
            data-testid={`${prefix}-amount`}
          />
          {currencies.length > 1 && (
            <Select
              w={110}
              label={t('payments.cabinet.currency')}
              data={currencies}
              value={values.currency}
              onChange={(currency) => currency && onChange({ currency })}
              allowDeselect={false}
              data-testid={`${prefix}-currency`}
            />
          )}
        </Group>
      )}
      {system && account && values.currency && values.currency !== account.currency && (
        <Text size="xs" c="dimmed">
          {t('payments.cabinet.converted', { from: values.currency, to: account.currency })}
        </Text>
      )}
    </Stack>
  );
}
