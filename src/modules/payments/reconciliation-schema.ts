import { integer, jsonb, pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';

/**
 * One account whose books differ: the sums of both sides (minor units of the account currency) and the
 * operations behind the difference. The shape of `reconciliationDifference` in
 * src/shared/contracts/payments.ts, stored as found.
 */
export interface AccountDifference {
  login: string;
  clientId: string | null;
  clientName: string | null;
  currency: string;
  /** Sum of the ledger's platform postings on the account. */
  ledgerAmount: number;
  /** Sum of the platform's balance operations on the account. */
  platformAmount: number;
  difference: number;
  /** Operation ids (`dep:<id>`, `wd:<id>`, `wdr:<id>`, …) present on one side only. */
  missingOnPlatform: string[];
  missingInLedger: string[];
  /** Operations on both sides with different amounts. */
  amountDiffers: { opId: string; ledgerAmount: number; platformAmount: number }[];
}

/**
 * Reconciliation runs (daily job or finance's button): what was compared and every difference found.
 * The differences of a run are stored with it (capped, see reconciliation.ts) so the report shows the
 * last run as it was, even after the books moved on.
 */
export const paymentReconciliations = pgTable(
  'payment_reconciliations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `job` (the daily run) or `manual` (finance). */
    trigger: text('trigger').$type<'job' | 'manual'>().notNull(),
    /** The staff member who ran it; null for the job. */
    actorId: uuid('actor_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    /** Entries and operations up to this instant were compared (recent ones may still be on their way). */
    cutoff: timestamp('cutoff', { withTimezone: true }).notNull(),
    accounts: integer('accounts').notNull(),
    ledgerEntries: integer('ledger_entries').notNull(),
    platformOps: integer('platform_ops').notNull(),
    differenceCount: integer('difference_count').notNull(),
    differences: jsonb('differences').$type<AccountDifference[]>().notNull(),
  },
  (t) => [index('payment_reconciliations_started_idx').on(t.startedAt)],
);
