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
  let condition: string;
  switch (rule.kind) {
    case 'low_balance':
    case 'low_equity': {
      const which = rule.kind === 'low_balance' ? 'balance' : 'equity';
      if (params.percentOfDeposits !== undefined)
        condition = t(`online.rules.describe.${which}BelowPercent`, {
          percent: pct(params.percentOfDeposits),
        });
      else if (params.amount !== undefined)
        condition = t(`online.rules.describe.${which}BelowAmount`, { amount: number(params.amount) });
      else condition = t('online.rules.describe.notSet');
      break;
    }
    case 'margin_call':
      condition =
        params.marginLevel !== undefined
          ? t('online.rules.describe.marginLevel', { percent: pct(params.marginLevel) })
          : t('online.rules.describe.marginCallReport');
      break;
    case 'stop_out':
      condition = t('online.rules.describe.stopOut');
      break;
    case 'no_trading':
      condition =
        params.days !== undefined
          ? t('online.rules.describe.noTrading', { days: number(params.days) })
          : t('online.rules.describe.notSet');
      break;
    case 'large_loss':
      condition =
        params.loss !== undefined
          ? t('online.rules.describe.largeLoss', { amount: number(params.loss) })
          : t('online.rules.describe.notSet');
      break;
    default:
      condition = rule.kind;
  }
  if (params.clearPercent === undefined) return condition;
  return `${condition} · ${t('online.rules.describe.clearBand', { percent: pct(params.clearPercent) })}`;
}
