import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CURRENCIES, type Currency, LEVERAGES } from '../../../src/shared/trading';

/** What a new trading account is opened with, besides its kind. */
export interface AccountTerms {
  currency: Currency;
  leverage: number;
}

export const DEFAULT_ACCOUNT_TERMS: AccountTerms = { currency: 'USD', leverage: 100 };

const LEVERAGE_OPTIONS = LEVERAGES.map((value) => ({ value: String(value), label: `1:${value}` }));

/** The currency and leverage pickers of "open an account", for staff on the card and for the trader. */
export function AccountTermsFields({
  value,
  onChange,
  textsKey,
  withHint,
  testIdPrefix,
}: {
  value: AccountTerms;
  onChange: (terms: AccountTerms) => void;
  /** Where the labels are: `<textsKey>.currency`, `.leverage` and, `withHint`, `.leverageHint`. */
  textsKey: string;
  withHint?: boolean;
  /** `<prefix>-currency` and `<prefix>-leverage`. */
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <Select
        label={t(`${textsKey}.currency`)}
        data={[...CURRENCIES]}
        value={value.currency}
        onChange={(currency) => currency && onChange({ ...value, currency: currency as Currency })}
        allowDeselect={false}
        data-testid={`${testIdPrefix}-currency`}
      />
      <Select
        label={t(`${textsKey}.leverage`)}
        description={withHint ? t(`${textsKey}.leverageHint`) : undefined}
        data={LEVERAGE_OPTIONS}
        value={String(value.leverage)}
        onChange={(leverage) => leverage && onChange({ ...value, leverage: Number(leverage) })}
        allowDeselect={false}
        data-testid={`${testIdPrefix}-leverage`}
      />
    </>
  );
}
