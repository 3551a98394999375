import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AccountKind, AlertKind, AlertRuleAccountKind, BalanceOpKind } from '../../shared/trading.js';
import { clients } from '../clients/schema.js';

// The kind lists live in src/shared/trading.ts (the web app uses them too); re-exported for importers.
export { ACCOUNT_KINDS, type AccountKind, type AlertKind } from '../../shared/trading.js';

/**
 * A client's account on the trading platform, mirrored from the platform's events. Money is kept as
 * double precision: the CRM displays and compares it, the platform stays the ledger of record.
 * Each group of columns carries the sequence number of the event that last wrote it, so an older event
 * arriving late can never overwrite a newer state (see ingest-apply.ts).
 */
export const tradingAccounts = pgTable(
  'trading_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    /** Which platform (adapter name): 'sim' for the built-in simulator, or a gateway's name. */
    platform: text('platform').notNull(),
    /** The account number on the platform (the terminal login). */
    login: text('login').notNull(),
    kind: text('kind').$type<AccountKind>().notNull(),
    currency: text('currency').notNull(),
    leverage: integer('leverage').notNull(),
    balance: doublePrecision('balance').notNull().default(0),
    credit: doublePrecision('credit').notNull().default(0),
    equity: doublePrecision('equity').notNull().default(0),
    margin: doublePrecision('margin').notNull().default(0),
    freeMargin: doublePrecision('free_margin').notNull().default(0),
    /** Equity / used margin × 100; null while nothing is open. */
    marginLevel: doublePrecision('margin_level'),
    /** Sum of deposits minus withdrawals posted as balance operations (for "% of deposits" alerts). */
    netDeposits: doublePrecision('net_deposits').notNull().default(0),
    stateSeq: bigint('state_seq', { mode: 'number' }).notNull().default(0),
    stateAt: timestamp('state_at', { withTimezone: true }),
    lastTradeAt: timestamp('last_trade_at', { withTimezone: true }),
    /** Presence in the trading terminal. */
    online: boolean('online').notNull().default(false),
    onlineSince: timestamp('online_since', { withTimezone: true }),
    /** The last time the platform reported anything for this account while online (expiry clock). */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    presenceSeq: bigint('presence_seq', { mode: 'number' }).notNull().default(0),
    /** Ordering and gap detection: every seq up to `seqContiguous` has arrived; the highest seen is `seqHigh`. */
    seqContiguous: bigint('seq_contiguous', { mode: 'number' }).notNull().default(0),
    seqHigh: bigint('seq_high', { mode: 'number' }).notNull().default(0),
    /** The platform's last margin-call and stop-out reports (alert rules look at them). */
    marginCallAt: timestamp('margin_call_at', { withTimezone: true }),
    stopOutAt: timestamp('stop_out_at', { withTimezone: true }),
    /** When alert rules last evaluated the account (deals after it are checked for large losses). */
    alertsCheckedAt: timestamp('alerts_checked_at', { withTimezone: true }),
    /** Set when the state changed since alert rules last looked at the account. */
    alertsDirtyAt: timestamp('alerts_dirty_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('trading_accounts_login_uq').on(t.platform, t.login),
    index('trading_accounts_client_idx').on(t.clientId),
    index('trading_accounts_online_idx')
      .on(t.lastSeenAt)
      .where(sql`${t.online}`),
    index('trading_accounts_dirty_idx')
      .on(t.alertsDirtyAt)
      .where(sql`${t.alertsDirtyAt} is not null`),
  ],
);

/** Open (and recently closed) positions; `closed` is a tombstone so a late update cannot reopen one. */
export const tradingPositions = pgTable(
  'trading_positions',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => tradingAccounts.id, { onDelete: 'cascade' }),
    positionId: text('position_id').notNull(),
    symbol: text('symbol').notNull(),
    side: text('side').$type<'buy' | 'sell'>().notNull(),
    volume: doublePrecision('volume').notNull(),
    openPrice: doublePrecision('open_price').notNull(),
    currentPrice: doublePrecision('current_price').notNull(),
    stopLoss: doublePrecision('stop_loss'),
    takeProfit: doublePrecision('take_profit'),
    profit: doublePrecision('profit').notNull().default(0),
    swap: doublePrecision('swap').notNull().default(0),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closed: boolean('closed').notNull().default(false),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.positionId] }),
    index('trading_positions_open_idx')
      .on(t.accountId)
      .where(sql`not ${t.closed}`),
  ],
);

/** Executed deals (trade history); immutable, so a duplicate is simply ignored. */
export const tradingDeals = pgTable(
  'trading_deals',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => tradingAccounts.id, { onDelete: 'cascade' }),
    dealId: text('deal_id').notNull(),
    positionId: text('position_id'),
    symbol: text('symbol').notNull(),
    side: text('side').$type<'buy' | 'sell'>().notNull(),
    entry: text('entry').$type<'in' | 'out'>().notNull(),
    volume: doublePrecision('volume').notNull(),
    price: doublePrecision('price').notNull(),
    profit: doublePrecision('profit').notNull().default(0),
    commission: doublePrecision('commission').notNull().default(0),
    swap: doublePrecision('swap').notNull().default(0),
    executedAt: timestamp('executed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.dealId] }),
    index('trading_deals_time_idx').on(t.accountId, t.executedAt),
  ],
);

/** Deposits, withdrawals, credit and corrections posted on an account. */
export const tradingBalanceOps = pgTable(
  'trading_balance_ops',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => tradingAccounts.id, { onDelete: 'cascade' }),
    opId: text('op_id').notNull(),
    kind: text('kind').$type<BalanceOpKind>().notNull(),
    /** Signed: withdrawals are negative. */
    amount: doublePrecision('amount').notNull(),
    comment: text('comment'),
    executedAt: timestamp('executed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.opId] }),
    index('trading_balance_ops_time_idx').on(t.accountId, t.executedAt),
  ],
);

/** Equity over time for the chart: one point per account per minute (the latest state in that minute). */
export const tradingEquityPoints = pgTable(
  'trading_equity_points',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => tradingAccounts.id, { onDelete: 'cascade' }),
    minute: timestamp('minute', { withTimezone: true }).notNull(),
    balance: doublePrecision('balance').notNull(),
    equity: doublePrecision('equity').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.minute] })],
);

/**
 * Every platform event we acknowledged, by its id: the idempotency record (a repeat is a no-op) and the
 * source for gap detection and session starts. The event's content lives on in the tables it was
 * applied to; keeping the raw JSON as well doubled the cost of ingestion for no reader.
 */
export const tradingInbox = pgTable(
  'trading_inbox',
  {
    eventId: text('event_id').primaryKey(),
    accountId: uuid('account_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('trading_inbox_account_seq_uq').on(t.accountId, t.seq),
    index('trading_inbox_received_idx').on(t.receivedAt),
  ],
);

/** Stop-outs as reported, so a position update that arrives after its stop-out is closed again. */
export const tradingStopOuts = pgTable(
  'trading_stop_outs',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => tradingAccounts.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    closedPositions: text('closed_positions').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.seq] })],
);

/** Signed batches already processed (Standard Webhooks `webhook-id`): a replay writes nothing. */
export const tradingIngestBatches = pgTable(
  'trading_ingest_batches',
  {
    webhookId: text('webhook_id').primaryKey(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    result: jsonb('result').notNull(),
  },
  (t) => [index('trading_ingest_batches_received_idx').on(t.receivedAt)],
);

/** A run of sequence numbers that has not arrived for an account. */
export const tradingGaps = pgTable(
  'trading_gaps',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => tradingAccounts.id, { onDelete: 'cascade' }),
    fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
    toSeq: bigint('to_seq', { mode: 'number' }).notNull(),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
    /** Filled when the missing events arrived, or declared lost after the wait. */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolution: text('resolution').$type<'filled' | 'lost'>(),
  },
  (t) => [
    index('trading_gaps_open_idx')
      .on(t.accountId, t.fromSeq)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

/** A configurable alert rule (admins edit them in Admin → Trading alerts). */
export const tradingAlertRules = pgTable('trading_alert_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').$type<AlertKind>().notNull(),
  name: text('name').notNull(),
  /** Kind-specific: `{amount}` or `{percentOfDeposits}`, `{days}`, `{loss}`, plus `{clearMarginPercent}`. */
  params: jsonb('params').$type<Record<string, number>>().notNull().default({}),
  /** Which accounts it watches. */
  accountKind: text('account_kind').$type<AlertRuleAccountKind>().notNull().default('live'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A raised alert; at most one open per rule and account, so a flapping value cannot storm the manager. */
export const tradingAlerts = pgTable(
  'trading_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => tradingAlertRules.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => tradingAccounts.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<AlertKind>().notNull(),
    /** The measured value (the current one while the alert is open), and the line. */
    value: doublePrecision('value'),
    threshold: doublePrecision('threshold'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    taskId: uuid('task_id'),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    clearedAt: timestamp('cleared_at', { withTimezone: true }),
    /** Open alerts only: since when the condition has read "recovered" without a break (see hysteresis.ts). */
    recoveringSince: timestamp('recovering_since', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('trading_alerts_open_uq')
      .on(t.ruleId, t.accountId)
      .where(sql`${t.clearedAt} is null`),
    // The evaluator's "clear due" pass: open alerts on their way to clearing.
    index('trading_alerts_recovering_idx')
      .on(t.recoveringSince)
      .where(sql`${t.clearedAt} is null and ${t.recoveringSince} is not null`),
    index('trading_alerts_client_idx').on(t.clientId, t.raisedAt),
  ],
);
