import { z } from 'zod';
import {
  type AccountKind,
  type AlertKind,
  type AlertRuleAccountKind,
  type BalanceOpKind,
  type Currency,
  type DealEntry,
  type TradeSide,
  ACCOUNT_KINDS,
  ALERT_KINDS,
  ALERT_RULE_ACCOUNT_KINDS,
  BALANCE_OP_KINDS,
  DEAL_ENTRIES,
  TRADE_SIDES,
} from '../trading.js';
import { isoTime, jsonObject } from './common.js';
import { PAYMENT_PROBLEMS } from '../payments.js';

// The trading API's answers (staff workspace and cabinet). The value lists are in src/shared/trading.ts.

/** An account as staff and the trader see it (numbers in the account currency). */
export const accountView = z.object({
  id: z.string(),
  clientId: z.string(),
  platform: z.string(),
  login: z.string(),
  kind: z.enum(ACCOUNT_KINDS),
  currency: z.string(),
  leverage: z.number(),
  balance: z.number(),
  credit: z.number(),
  equity: z.number(),
  margin: z.number(),
  freeMargin: z.number(),
  marginLevel: z.number().nullable(),
  netDeposits: z.number(),
  floatingProfit: z.number(),
  openPositions: z.number(),
  online: z.boolean(),
  onlineSince: isoTime.nullable(),
  lastTradeAt: isoTime.nullable(),
  stateAt: isoTime.nullable(),
  createdAt: isoTime,
});
export type AccountView = z.input<typeof accountView>;

/** Returned once when an account is opened: the terminal credentials are never shown again. */
export const openedAccountView = z.object({
  account: accountView,
  credentials: z.object({
    login: z.string(),
    password: z.string(),
    investorPassword: z.string(),
    server: z.string(),
  }),
});
export type OpenedAccountView = z.input<typeof openedAccountView>;

export const positionView = z.object({
  positionId: z.string(),
  symbol: z.string(),
  side: z.enum(TRADE_SIDES),
  volume: z.number(),
  openPrice: z.number(),
  currentPrice: z.number(),
  stopLoss: z.number().nullable(),
  takeProfit: z.number().nullable(),
  profit: z.number(),
  swap: z.number(),
  openedAt: isoTime,
});
export type PositionView = z.input<typeof positionView>;

export const dealView = z.object({
  dealId: z.string(),
  positionId: z.string().nullable(),
  symbol: z.string(),
  side: z.enum(TRADE_SIDES),
  entry: z.enum(DEAL_ENTRIES),
  volume: z.number(),
  price: z.number(),
  profit: z.number(),
  commission: z.number(),
  swap: z.number(),
  executedAt: isoTime,
});
export type DealView = z.input<typeof dealView>;

export const balanceOpView = z.object({
  opId: z.string(),
  kind: z.enum(BALANCE_OP_KINDS),
  amount: z.number(),
  comment: z.string().nullable(),
  executedAt: isoTime,
});
export type BalanceOpView = z.input<typeof balanceOpView>;

/** The trading API's page (it echoes page and pageSize). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

export const equityPoint = z.object({ at: isoTime, balance: z.number(), equity: z.number() });
export type EquityPoint = z.input<typeof equityPoint>;

/** One row of "Online now": a Live client logged in to the terminal, with why a call is worth it. */
export const onlineClientView = z.object({
  clientId: z.string(),
  name: z.string(),
  managerId: z.string().nullable(),
  managerName: z.string().nullable(),
  country: z.string().nullable(),
  onlineSince: isoTime,
  /** The most at-risk online account. */
  accountId: z.string(),
  login: z.string(),
  currency: z.string(),
  equity: z.number(),
  balance: z.number(),
  marginLevel: z.number().nullable(),
  floatingProfit: z.number(),
  openAlerts: z.number(),
  /** Deposit trouble the client has (declined, stuck pending, failed posting…), or null. */
  paymentProblem: z.enum(PAYMENT_PROBLEMS).nullable(),
  /** Higher = call first (open alerts, deposit trouble, low margin level, large floating loss). */
  priority: z.number(),
});
export type OnlineClientView = z.input<typeof onlineClientView>;

export const alertView = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  kind: z.enum(ALERT_KINDS),
  accountId: z.string(),
  login: z.string(),
  value: z.number().nullable(),
  threshold: z.number().nullable(),
  details: jsonObject,
  taskId: z.string().nullable(),
  raisedAt: isoTime,
  clearedAt: isoTime.nullable(),
});
export type AlertView = z.input<typeof alertView>;

/**
 * low_balance / low_equity: `amount` (account currency) or `percentOfDeposits` (0–100);
 * no_trading: `days`; large_loss: `loss` (a single closed deal's loss, positive number);
 * margin_call: `marginLevel` (percent; default: the platform's margin-call event);
 * every kind may set `clearPercent`, the hysteresis band (default 10 %).
 */
export const alertRuleParams = z.object({
  amount: z.number().optional(),
  percentOfDeposits: z.number().optional(),
  days: z.number().optional(),
  loss: z.number().optional(),
  marginLevel: z.number().optional(),
  clearPercent: z.number().optional(),
});
export type AlertRuleParams = z.input<typeof alertRuleParams>;

const alertRuleFields = {
  kind: z.enum(ALERT_KINDS),
  name: z.string(),
  accountKind: z.enum(ALERT_RULE_ACCOUNT_KINDS),
  active: z.boolean(),
  params: alertRuleParams,
};
/** An alert rule with the server's defaults filled in. */
export type AlertRuleData = z.input<z.ZodObject<typeof alertRuleFields>>;
export const alertRuleView = z.object({
  id: z.string(),
  ...alertRuleFields,
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type AlertRuleView = z.input<typeof alertRuleView>;

/** What the ingestion API answers for an accepted batch. */
export const ingestResult = z.object({
  /** Events written now. */
  accepted: z.number(),
  /** Events already received earlier (same id, or same account and sequence number). */
  duplicates: z.number(),
  /** Events for accounts this CRM does not know; not stored, listed so the gateway can tell. */
  unknownAccounts: z.array(z.string()),
  /** Sequence numbers still missing per account after this batch (resend them). */
  gaps: z.array(z.object({ account: z.string(), from: z.number(), to: z.number() })),
  /** The same batch (webhook id and body) was received before: this is its first answer again. */
  replayed: z.boolean().optional(),
});

/** Ingestion health for admins. */
export const ingestStatus = z.object({
  platform: z.string(),
  eventsLastHour: z.number(),
  openGaps: z.array(
    z.object({ login: z.string(), fromSeq: z.number(), toSeq: z.number(), detectedAt: isoTime }),
  ),
});

/** Where and how a gateway posts events. */
export const gatewayInfo = z.object({
  platform: z.string(),
  ingestUrl: z.string(),
  secret: z.string(),
  configured: z.boolean(),
});

// ── requests the web app sends ──────────────────────────────────────────────────────────────────

/** Staff (or the trader) opens an account. The server defaults currency to USD and leverage to 100. */
export interface OpenAccountInput {
  kind: AccountKind;
  currency?: Currency;
  leverage?: number;
}

/** GET /api/trading/accounts/:id/deals. `from`/`to` are ISO instants with offset. */
export interface DealsQuery {
  page?: number;
  pageSize?: number;
  symbol?: string | null;
  side?: TradeSide | null;
  entry?: DealEntry | null;
  from?: string | null;
  to?: string | null;
}

/** GET /api/trading/accounts/:id/balance-ops */
export interface BalanceOpsQuery {
  page?: number;
  pageSize?: number;
  kind?: BalanceOpKind | null;
}

/** GET /api/trading/online */
export interface OnlineQuery {
  page?: number;
  pageSize?: number;
  /** Team leads and admins may narrow to one manager. */
  managerId?: string | null;
}

/** What the server accepts (POST, and PATCH as a partial); omitted fields take the server defaults. */
export interface AlertRuleInput {
  kind: AlertKind;
  name: string;
  accountKind?: AlertRuleAccountKind;
  active?: boolean;
  params?: AlertRuleParams;
}
