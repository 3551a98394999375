import { Select } from '@mantine/core';
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
  labels,
  testIdPrefix,
}: {
  value: AccountTerms;
  onChange: (terms: AccountTerms) => void;
  labels: { currency: string; leverage: string; leverageHint?: string };
  /** `<prefix>-currency` and `<prefix>-leverage`. */
  testIdPrefix: string;
}) {
  return (
    <>
      <Select
        label={labels.currency}
        data={[...CURRENCIES]}
        value={value.currency}
        onChange={(currency) => currency && onChange({ ...value, currency: currency as Currency })}
        allowDeselect={false}
        data-testid={`${testIdPrefix}-currency`}
      />
      <Select
        label={labels.leverage}
        description={labels.leverageHint}
        data={LEVERAGE_OPTIONS}
        value={String(value.leverage)}
        onChange={(leverage) => leverage && onChange({ ...value, leverage: Number(leverage) })}
        allowDeselect={false}
        data-testid={`${testIdPrefix}-leverage`}
      />
    </>
  );
}
