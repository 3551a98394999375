import { z } from 'zod';
import { pagingQuery } from '../identity/contracts.js';
import { ACCOUNT_KINDS, ALERT_KINDS, BALANCE_OP_KINDS } from './schema.js';
import { platformTime } from './platform-events.js';

/**
 * Input and output shapes of the trading API (staff workspace and cabinet). The web app mirrors the
 * output types in web/src/api/tradingTypes.ts.
 */

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'IDR', 'RUB'] as const;
export const LEVERAGES = [1, 10, 30, 50, 100, 200, 500] as const;

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

/** An account as staff and the trader see it (numbers in the account currency). */
export interface AccountView {
  id: string;
  clientId: string;
  platform: string;
  login: string;
  kind: (typeof ACCOUNT_KINDS)[number];
  currency: string;
  leverage: number;
  balance: number;
  credit: number;
  equity: number;
  margin: number;
  freeMargin: number;
  marginLevel: number | null;
  netDeposits: number;
  floatingProfit: number;
  openPositions: number;
  online: boolean;
  onlineSince: string | null;
  lastTradeAt: string | null;
  stateAt: string | null;
  createdAt: string;
}

/** Returned once when an account is opened: the terminal credentials are never shown again. */
export interface OpenedAccountView {
  account: AccountView;
  credentials: { login: string; password: string; investorPassword: string; server: string };
}

export interface PositionView {
  positionId: string;
  symbol: string;
  side: 'buy' | 'sell';
  volume: number;
  openPrice: number;
  currentPrice: number;
  stopLoss: number | null;
  takeProfit: number | null;
  profit: number;
  swap: number;
  openedAt: string;
}

export interface DealView {
  dealId: string;
  positionId: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  entry: 'in' | 'out';
  volume: number;
  price: number;
  profit: number;
  commission: number;
  swap: number;
  executedAt: string;
}

export const dealsQuery = z.strictObject({
  ...pagingQuery,
  symbol: z.string().trim().toUpperCase().max(32).optional(),
  side: z.enum(['buy', 'sell']).optional(),
  entry: z.enum(['in', 'out']).optional(),
  from: platformTime.optional(),
  to: platformTime.optional(),
});

export interface BalanceOpView {
  opId: string;
  kind: (typeof BALANCE_OP_KINDS)[number];
  amount: number;
  comment: string | null;
  executedAt: string;
}

export const balanceOpsQuery = z.strictObject({
  ...pagingQuery,
  kind: z.enum(BALANCE_OP_KINDS).optional(),
});

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const equityQuery = z.strictObject({
  /** How far back: the chart's range buttons. */
  range: z.enum(['1h', '24h', '7d', '30d']).default('24h'),
});
export interface EquityPoint {
  at: string;
  balance: number;
  equity: number;
}

/** One row of "Online now": a Live client logged in to the terminal, with why a call is worth it. */
export interface OnlineClientView {
  clientId: string;
  name: string;
  managerId: string | null;
  managerName: string | null;
  country: string | null;
  onlineSince: string;
  /** The most at-risk online account. */
  accountId: string;
  login: string;
  currency: string;
  equity: number;
  balance: number;
  marginLevel: number | null;
  floatingProfit: number;
  openAlerts: number;
  /** Higher = call first (open alerts, low margin level, large floating loss). */
  priority: number;
}

export const onlineQuery = z.strictObject({
  ...pagingQuery,
  /** Team leads and admins may narrow to one manager. */
  managerId: z.uuid().optional(),
});

export interface AlertView {
  id: string;
  ruleId: string;
  ruleName: string;
  kind: (typeof ALERT_KINDS)[number];
  accountId: string;
  login: string;
  value: number | null;
  threshold: number | null;
  details: Record<string, unknown>;
  taskId: string | null;
  raisedAt: string;
  clearedAt: string | null;
}

export const alertRuleInput = z.strictObject({
  kind: z.enum(ALERT_KINDS),
  name: z.string().trim().min(1).max(120),
  accountKind: z.enum(['demo', 'live', 'any']).default('live'),
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
});
export type AlertRuleInput = z.infer<typeof alertRuleInput>;

export interface AlertRuleView extends AlertRuleInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}
