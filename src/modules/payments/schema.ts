import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
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
import type {
  LedgerEntry,
  PaymentDirection,
  PaymentMethod,
  PaymentProblem,
  PaymentStatus,
  PaymentSystemKind,
} from '../../shared/payments.js';
import { clients } from '../clients/schema.js';

/** Money columns: integer minor units, read back as JS numbers (exact up to 2^53). */
const minor = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A way to pay in or out, configured by admins: manual (finance executes) or behind a provider. */
export const paymentSystems = pgTable('payment_systems', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind').$type<PaymentSystemKind>().notNull(),
  method: text('method').$type<PaymentMethod>().notNull(),
  /** The provider adapter's name ('sim'); null for manual systems. */
  provider: text('provider'),
  currencies: text('currencies').array().notNull(),
  /** ISO country codes the system is offered in; empty = everywhere. */
  countries: text('countries')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  minAmount: minor('min_amount').notNull().default(0),
  maxAmount: minor('max_amount'),
  /** Percentage fee in basis points (250 = 2.5 %). */
  feePercent: integer('fee_percent').notNull().default(0),
  feeFixed: minor('fee_fixed').notNull().default(0),
  sortOrder: integer('sort_order').notNull().default(0),
  /** What the trader is shown (bank details, what to quote), per locale: `{ en: '…', de: '…' }`. */
  instructions: jsonb('instructions').$type<Record<string, string>>().notNull().default({}),
  enabled: boolean('enabled').notNull().default(true),
  directions: text('directions')
    .array()
    .$type<PaymentDirection[]>()
    .notNull()
    .default(sql`'{deposit}'::text[]`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * One deposit or withdrawal, from the request to its end (executed/paid or rejected with a reason).
 * Amounts in minor units: `amount` in the request currency, `accountAmount` in the account's.
 */
export const paymentRequests = pgTable(
  'payment_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    direction: text('direction').$type<PaymentDirection>().notNull(),
    // No cascade: money records outlive anything a client deletion would take with it.
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    /** The trading account (platform login) credited or debited. */
    login: text('login').notNull(),
    systemId: uuid('system_id')
      .notNull()
      .references(() => paymentSystems.id),
    status: text('status').$type<PaymentStatus>().notNull(),
    amount: minor('amount').notNull(),
    currency: text('currency').notNull(),
    accountCurrency: text('account_currency').notNull(),
    /** Credited or debited on the account; null until settled (known up front for same currency). */
    accountAmount: minor('account_amount'),
    /** Request → account currency rate as a decimal string; null when the currencies are the same. */
    rate: text('rate'),
    fee: minor('fee').notNull().default(0),
    /** Reference the trader quotes on a manual transfer. */
    reference: text('reference'),
    provider: text('provider'),
    providerRef: text('provider_ref'),
    /** What the provider said it was paid, when different from `amount`. */
    providerAmount: minor('provider_amount'),
    rejectReasonCode: text('reject_reason_code'),
    rejectNote: text('reject_note'),
    /** `trader` or a staff id (as text, so either fits). */
    requestedBy: text('requested_by').notNull(),
    executedBy: uuid('executed_by'),
    firstApproverId: uuid('first_approver_id'),
    secondApproverId: uuid('second_approver_id'),
    /** The platform balance operation's id (`dep:<id>`); set once posted. */
    platformOpId: text('platform_op_id'),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    /** Refund/chargeback amounts reported before the success arrived (applied when it does). */
    pendingReversals: jsonb('pending_reversals')
      .$type<{ kind: 'refund' | 'chargeback'; amount: number; eventId: string }[]>()
      .notNull()
      .default([]),
    /** Withdrawal payout details (IBAN, card…), as the trader gave them. */
    details: jsonb('details').$type<Record<string, string>>().notNull().default({}),
    problem: text('problem').$type<PaymentProblem>(),
    problemAt: timestamp('problem_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    executedAt: timestamp('executed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('payment_requests_provider_ref_uq')
      .on(t.provider, t.providerRef)
      .where(sql`${t.providerRef} is not null`),
    index('payment_requests_client_idx').on(t.clientId, t.createdAt),
    index('payment_requests_status_idx').on(t.status, t.createdAt),
    index('payment_requests_created_idx').on(t.createdAt),
    index('payment_requests_login_idx').on(t.login),
    index('payment_requests_problem_idx')
      .on(t.problem, t.createdAt)
      .where(sql`${t.problem} is not null`),
  ],
);

/**
 * Every money movement, append-only (a trigger refuses UPDATE, DELETE and TRUNCATE, like `events`).
 * `amount` is signed, in the account currency's minor units. A platform posting appears at most once
 * (unique `platform_op_id`), which is what makes a retried credit a no-op.
 */
export const paymentLedger = pgTable(
  'payment_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => paymentRequests.id),
    clientId: uuid('client_id').notNull(),
    login: text('login').notNull(),
    entry: text('entry').$type<LedgerEntry>().notNull(),
    amount: minor('amount').notNull(),
    currency: text('currency').notNull(),
    requestAmount: minor('request_amount').notNull(),
    requestCurrency: text('request_currency').notNull(),
    rate: text('rate'),
    fee: minor('fee').notNull().default(0),
    providerRef: text('provider_ref'),
    platformOpId: text('platform_op_id'),
    /** A staff id, 'trader', or null for the system (a provider callback, a job). */
    actor: text('actor'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payment_ledger_platform_op_uq')
      .on(t.platformOpId)
      .where(sql`${t.platformOpId} is not null`),
    index('payment_ledger_request_idx').on(t.requestId),
    index('payment_ledger_login_idx').on(t.login, t.at),
  ],
);

/** Provider callbacks already processed, by the provider's event id: a repeat is answered and ignored. */
export const providerCallbacks = pgTable(
  'provider_callbacks',
  {
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    requestId: uuid('request_id'),
    type: text('type').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    outcome: text('outcome').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.eventId] }),
    index('provider_callbacks_received_idx').on(t.receivedAt),
  ],
);

/** Conversion rates finance maintains: 1 unit of `from` = `rate` units of `to` (decimal string). */
export const fxRates = pgTable(
  'fx_rates',
  {
    from: text('from_currency').notNull(),
    to: text('to_currency').notNull(),
    rate: text('rate').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.from, t.to] })],
);

/**
 * Balance operations to post on the trading platform (the outbox of money movements): written in the
 * same transaction as the ledger entry, posted after commit, retried by a job until the platform took
 * it. The platform is idempotent by `op_id`, so posting one twice (a crash between posting and marking)
 * credits once.
 */
export const platformPostings = pgTable(
  'payment_platform_postings',
  {
    opId: text('op_id').primaryKey(),
    /** Posting order: a request's credit goes to the platform before its refund. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => paymentRequests.id),
    login: text('login').notNull(),
    kind: text('kind').$type<'deposit' | 'withdrawal' | 'correction'>().notNull(),
    /** Signed minor units of `currency` (the account's). */
    amount: minor('amount').notNull(),
    currency: text('currency').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payment_platform_postings_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.postedAt} is null`),
    index('payment_platform_postings_request_idx').on(t.requestId),
  ],
);
