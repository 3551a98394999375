import { desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { appendEvents } from '../../core/events.js';
import type { Db, Executor } from '../../db/connection.js';
import { clientRefsByIds } from '../clients/index.js';
import { activeStaffWithPermission } from '../identity/index.js';
import { balanceOpsFor } from '../trading/index.js';
import { compareBooks, type LedgerPosting } from './reconciliation-compare.js';
import { paymentReconciliations, type AccountDifference } from './reconciliation-schema.js';
import { paymentLedger } from './schema.js';

/** Serialises runs across instances: the daily job on two servers must not both run (and alert). */
const RUN_LOCK = 7_280_017;
const DAY_MS = 86_400_000;
/** At most this many accounts are stored per run (a broken feed could flag every account). */
const MAX_STORED = 5_000;

export interface ReconciliationOptions {
  /** The trading platform's name: accounts are matched by login on it. */
  platform: string;
  /**
   * Records younger than this are not reported missing on the other side yet: the platform's report
   * of a posting reaches ingestion a moment after it was made (default 10 minutes).
   */
  graceMs?: number;
}

export type ReconciliationRunRow = typeof paymentReconciliations.$inferSelect;

/**
 * Compares the payments ledger's platform postings with the balance operations the platform reported
 * (read through trading's face), per account, and keeps each run with its differences. When a run
 * finds any, finance (`payments.execute` holders) is told: a `payments.reconciliation_diff` event
 * with a notification each.
 */
export class ReconciliationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly opts: ReconciliationOptions,
  ) {}

  /** The newest run, or null before the first. */
  async last(): Promise<ReconciliationRunRow | null> {
    const [row] = await this.db
      .select()
      .from(paymentReconciliations)
      .orderBy(desc(paymentReconciliations.startedAt), desc(paymentReconciliations.id))
      .limit(1);
    return row ?? null;
  }

  /** Runs now (finance's button, or the job); returns the stored run. */
  run(trigger: 'job' | 'manual', actorId: string | null): Promise<ReconciliationRunRow> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${RUN_LOCK})`);
      return this.runLocked(tx, trigger, actorId);
    });
  }

  /** The daily job: runs when the last job run is a day old (or there was none); else nothing. */
  async runIfDue(): Promise<ReconciliationRunRow | null> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${RUN_LOCK})`);
      const [lastJob] = await tx
        .select({ at: paymentReconciliations.startedAt })
        .from(paymentReconciliations)
        .where(eq(paymentReconciliations.trigger, 'job'))
        .orderBy(desc(paymentReconciliations.startedAt))
        .limit(1);
      if (lastJob && this.clock.now().getTime() - lastJob.at.getTime() < DAY_MS) return null;
      return this.runLocked(tx, 'job', null);
    });
  }

  private async runLocked(
    tx: Executor,
    trigger: 'job' | 'manual',
    actorId: string | null,
  ): Promise<ReconciliationRunRow> {
    const startedAt = this.clock.now();
    const cutoff = new Date(startedAt.getTime() - (this.opts.graceMs ?? 10 * 60_000));
    const ledger: LedgerPosting[] = (
      await tx
        .select({
          login: paymentLedger.login,
          clientId: paymentLedger.clientId,
          opId: paymentLedger.platformOpId,
          amount: paymentLedger.amount,
          currency: paymentLedger.currency,
          at: paymentLedger.at,
        })
        .from(paymentLedger)
        .where(isNotNull(paymentLedger.platformOpId))
    ).map((l) => ({ ...l, opId: l.opId! }));
    // Live accounts are real money; a demo account counts only where payments posted to it.
    const ledgerLogins = new Set(ledger.map((l) => l.login));
    const platform = (await balanceOpsFor(tx, { platform: this.opts.platform, withoutCredit: true })).filter(
      (o) => o.accountKind === 'live' || ledgerLogins.has(o.login),
    );
    const found = compareBooks(ledger, platform, cutoff);
    const names = await clientRefsByIds(
      tx,
      found.flatMap((d) => (d.clientId ? [d.clientId] : [])),
    );
    const differences: AccountDifference[] = found
      .slice(0, MAX_STORED)
      .map((d) => ({ ...d, clientName: d.clientId ? (names.get(d.clientId)?.name ?? null) : null }));
    const accounts = new Set([...ledgerLogins, ...platform.map((o) => o.login)]).size;
    const [run] = await tx
      .insert(paymentReconciliations)
      .values({
        trigger,
        actorId,
        startedAt,
        finishedAt: this.clock.now(),
        cutoff,
        accounts,
        ledgerEntries: ledger.length,
        platformOps: platform.length,
        differenceCount: found.length,
        differences,
      })
      .returning();
    if (found.length > 0) await this.alert(tx, run!, actorId);
    return run!;
  }

  private async alert(tx: Executor, run: ReconciliationRunRow, actorId: string | null): Promise<void> {
    const finance = await activeStaffWithPermission(tx, 'payments.execute');
    await appendEvents(tx, [
      {
        type: 'payments.reconciliation_diff',
        subjectType: 'payment_reconciliation',
        subjectId: run.id,
        actorId,
        actorKind: actorId ? 'staff' : 'system',
        payload: { runId: run.id, differences: run.differenceCount, accounts: run.accounts },
        audience: { permissions: ['payments.execute'] },
        notify: finance.map((userId) => ({ userId })),
      },
    ]);
  }
}
