import type { TFunction } from 'i18next';
import type { AlertRuleView } from '../../../../../src/shared/contracts/trading';

type Rule = Pick<AlertRuleView, 'kind' | 'params'>;

/**
 * A rule's condition in words, e.g. "Equity below 30 % of net deposits · clears 10 % past the line".
 * Amounts are in each account's own currency, so they are shown as plain numbers.
 */
export function describeRule(t: TFunction, rule: Rule, number: (value: number) => string): string {
  const { params } = rule;
  const pct = (value: number) => `${number(value)} %`;
  /** What a threshold says, or the rule's words for "not set" while it has none. */
  const given = (value: number | undefined, says: (value: number) => string, otherwise = 'notSet') =>
    value === undefined ? t(`online.rules.describe.${otherwise}`) : says(value);
  let condition: string;
  switch (rule.kind) {
    case 'low_balance':
    case 'low_equity': {
      const which = rule.kind === 'low_balance' ? 'balance' : 'equity';
      condition =
        params.percentOfDeposits !== undefined
          ? t(`online.rules.describe.${which}BelowPercent`, { percent: pct(params.percentOfDeposits) })
          : given(params.amount, (amount) =>
              t(`online.rules.describe.${which}BelowAmount`, { amount: number(amount) }),
            );
      break;
    }
    case 'margin_call':
      condition = given(
        params.marginLevel,
        (level) => t('online.rules.describe.marginLevel', { percent: pct(level) }),
        'marginCallReport',
      );
      break;
    case 'stop_out':
      condition = t('online.rules.describe.stopOut');
      break;
    case 'no_trading':
      condition = given(params.days, (days) => t('online.rules.describe.noTrading', { days: number(days) }));
      break;
    case 'large_loss':
      condition = given(params.loss, (loss) =>
        t('online.rules.describe.largeLoss', { amount: number(loss) }),
      );
      break;
    default:
      condition = rule.kind;
  }
  if (params.clearPercent === undefined) return condition;
  return `${condition} · ${t('online.rules.describe.clearBand', { percent: pct(params.clearPercent) })}`;
}
