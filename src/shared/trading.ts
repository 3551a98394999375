/**
 * Trading value lists and the API's output shapes, shared by the server (src/modules/trading) and the
 * web app (web/src/api/tradingTypes.ts). Dependency-free on purpose — no zod, no drizzle, no node — so
 * the browser bundle can import it; the Zod schemas in contracts.ts derive their enums from these lists.
 */

export const ACCOUNT_KINDS = ['demo', 'live'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** Which accounts an alert rule watches. */
export const ALERT_RULE_ACCOUNT_KINDS = ['demo', 'live', 'any'] as const;
export type AlertRuleAccountKind = (typeof ALERT_RULE_ACCOUNT_KINDS)[number];

export const BALANCE_OP_KINDS = ['deposit', 'withdrawal', 'credit', 'correction'] as const;
export type BalanceOpKind = (typeof BALANCE_OP_KINDS)[number];

export const ALERT_KINDS = [
  'low_balance',
  'low_equity',
  'margin_call',
  'stop_out',
  'no_trading',
  'large_loss',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** What an account may be opened in. */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'IDR', 'RUB'] as const;
export type Currency = (typeof CURRENCIES)[number];
export const LEVERAGES = [1, 10, 30, 50, 100, 200, 500] as const;

/** How far back the equity chart reaches. */
export const EQUITY_RANGES = ['1h', '24h', '7d', '30d'] as const;
export type EquityRange = (typeof EQUITY_RANGES)[number];

export const TRADE_SIDES = ['buy', 'sell'] as const;
export type TradeSide = (typeof TRADE_SIDES)[number];
export const DEAL_ENTRIES = ['in', 'out'] as const;
export type DealEntry = (typeof DEAL_ENTRIES)[number];

/** An account as staff and the trader see it (numbers in the account currency). */
export interface AccountView {
  id: string;
  clientId: string;
  platform: string;
  login: string;
  kind: AccountKind;
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
  side: TradeSide;
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
  side: TradeSide;
  entry: DealEntry;
  volume: number;
  price: number;
  profit: number;
  commission: number;
  swap: number;
  executedAt: string;
}

export interface BalanceOpView {
  opId: string;
  kind: BalanceOpKind;
  amount: number;
  comment: string | null;
  executedAt: string;
}

/** The trading API's page (it echoes page and pageSize). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

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

export interface AlertView {
  id: string;
  ruleId: string;
  ruleName: string;
  kind: AlertKind;
  accountId: string;
  login: string;
  value: number | null;
  threshold: number | null;
  details: Record<string, unknown>;
  taskId: string | null;
  raisedAt: string;
  clearedAt: string | null;
}

/**
 * low_balance / low_equity: `amount` (account currency) or `percentOfDeposits` (0–100);
 * no_trading: `days`; large_loss: `loss` (a single closed deal's loss, positive number);
 * margin_call: `marginLevel` (percent; default: the platform's margin-call event);
 * every kind may set `clearPercent`, the hysteresis band (default 10 %).
 */
export interface AlertRuleParams {
  amount?: number;
  percentOfDeposits?: number;
  days?: number;
  loss?: number;
  marginLevel?: number;
  clearPercent?: number;
}

/** An alert rule with the server's defaults filled in. */
export interface AlertRuleData {
  kind: AlertKind;
  name: string;
  accountKind: AlertRuleAccountKind;
  active: boolean;
  params: AlertRuleParams;
}

export interface AlertRuleView extends AlertRuleData {
  id: string;
  createdAt: string;
  updatedAt: string;
}
