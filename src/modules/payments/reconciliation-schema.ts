import { integer, jsonb, pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';

/** One difference between the payments ledger and the platform's balance operations. */
export interface ReconciliationDifference {
  kind: 'missing_on_platform' | 'missing_in_ledger' | 'amount_differs';
  login: string;
  clientId: string | null;
  /** The platform operation id both sides should share (`dep:<id>`, `wd:<id>`, `wdr:<id>`, …). */
  opId: string;
  currency: string;
  /** Signed minor units of the account currency; null on the side that has nothing. */
  ledgerAmount: number | null;
  platformAmount: number | null;
  requestId: string | null;
  at: string;
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
    differences: jsonb('differences').$type<ReconciliationDifference[]>().notNull(),
  },
  (t) => [index('payment_reconciliations_started_idx').on(t.startedAt)],
);
