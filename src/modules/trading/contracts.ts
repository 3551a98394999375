import { z } from 'zod';
import {
  ACCOUNT_KINDS,
  ALERT_KINDS,
  ALERT_RULE_ACCOUNT_KINDS,
  BALANCE_OP_KINDS,
  CURRENCIES,
  DEAL_ENTRIES,
  EQUITY_RANGES,
  LEVERAGES,
  TRADE_SIDES,
  type AlertRuleData,
} from '../../shared/trading.js';
import { amount, int, isoInstant, pagingQuery, text, uuid } from '../../core/primitives.js';

/**
 * Input shapes of the trading API (staff workspace and cabinet). The value lists live in
 * src/shared/trading.ts and the answers (views) in src/shared/contracts/trading.ts, both of which the web
 * app imports too; the views' types are re-exported here.
 */
export type * from '../../shared/contracts/trading.js';

/** Cabinet (trader) or staff: open a trading account. */
export const openAccountInput = z.strictObject({
  kind: z.enum(ACCOUNT_KINDS),
  currency: z.enum(CURRENCIES).default('USD'),
  leverage: int()
    .refine((v) => (LEVERAGES as readonly number[]).includes(v), 'Choose one of the offered leverages')
    .default(100),
});
export type OpenAccountInput = z.infer<typeof openAccountInput>;

export const dealsQuery = z.strictObject({
  ...pagingQuery,
  symbol: text({ trim: true, max: 32 }).toUpperCase().optional(),
  side: z.enum(TRADE_SIDES).optional(),
  entry: z.enum(DEAL_ENTRIES).optional(),
  from: isoInstant().optional(),
  to: isoInstant().optional(),
});

export const balanceOpsQuery = z.strictObject({
  ...pagingQuery,
  kind: z.enum(BALANCE_OP_KINDS).optional(),
});

export const equityQuery = z.strictObject({
  /** How far back: the chart's range buttons. */
  range: z.enum(EQUITY_RANGES).default('24h'),
});

export const onlineQuery = z.strictObject({
  ...pagingQuery,
  /** Team leads and admins may narrow to one manager. */
  managerId: uuid().optional(),
});

export const alertRuleInput = z.strictObject({
  kind: z.enum(ALERT_KINDS),
  name: text({ trim: true, min: 1, max: 120, label: 'Name' }),
  accountKind: z.enum(ALERT_RULE_ACCOUNT_KINDS).default('live'),
  active: z.boolean().default(true),
  /**
   * low_balance / low_equity: `amount` (account currency) or `percentOfDeposits` (0–100);
   * no_trading: `days`; large_loss: `loss` (a single closed deal's loss, positive number);
   * margin_call: `marginLevel` (percent; default: the platform's margin-call event);
   * every kind may set `clearPercent`, the hysteresis band (default 10 %).
   */
  params: z
    .strictObject({
      amount: amount({ positive: true }).optional(),
      percentOfDeposits: amount({ positive: true, max: 100 }).optional(),
      days: int({ min: 1, max: 365 }).optional(),
      loss: amount({ positive: true }).optional(),
      marginLevel: amount({ positive: true, max: 10_000 }).optional(),
      clearPercent: amount({ min: 0, max: 100 }).optional(),
    })
    .default({}),
  // The parsed rule is the shared AlertRuleData shape, so AlertRuleView (= data + id and times) stays in step.
}) satisfies z.ZodType<AlertRuleData>;
export type AlertRuleInput = z.infer<typeof alertRuleInput>;
