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
import { pagingQuery } from '../identity/contracts.js';
import { platformTime } from './platform-events.js';

/**
 * Input shapes of the trading API (staff workspace and cabinet). The output view types and the value
 * lists live in src/shared/trading.ts, which the web app imports too; they are re-exported here.
 */
export type {
  AccountView,
  AlertRuleView,
  AlertView,
  BalanceOpView,
  DealView,
  EquityPoint,
  OnlineClientView,
  OpenedAccountView,
  Page,
  PositionView,
} from '../../shared/trading.js';

/** Cabinet (trader) or staff: open a trading account. */
export const openAccountInput = z.strictObject({
  kind: z.enum(ACCOUNT_KINDS),
  currency: z.enum(CURRENCIES).default('USD'),
  leverage: z
    .number()
    .int()
    .refine((v) => (LEVERAGES as readonly number[]).includes(v), 'Choose one of the offered leverages')
    .default(100),
});
export type OpenAccountInput = z.infer<typeof openAccountInput>;

export const dealsQuery = z.strictObject({
  ...pagingQuery,
  symbol: z.string().trim().toUpperCase().max(32).optional(),
  side: z.enum(TRADE_SIDES).optional(),
  entry: z.enum(DEAL_ENTRIES).optional(),
  from: platformTime.optional(),
  to: platformTime.optional(),
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
  managerId: z.uuid().optional(),
});

export const alertRuleInput = z.strictObject({
  kind: z.enum(ALERT_KINDS),
  name: z.string().trim().min(1).max(120),
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
      amount: z.number().finite().positive().optional(),
      percentOfDeposits: z.number().finite().gt(0).max(100).optional(),
      days: z.number().int().min(1).max(365).optional(),
      loss: z.number().finite().positive().optional(),
      marginLevel: z.number().finite().positive().max(10_000).optional(),
      clearPercent: z.number().finite().min(0).max(100).optional(),
    })
    .default({}),
  // The parsed rule is the shared AlertRuleData shape, so AlertRuleView (= data + id and times) stays in step.
}) satisfies z.ZodType<AlertRuleData>;
export type AlertRuleInput = z.infer<typeof alertRuleInput>;
