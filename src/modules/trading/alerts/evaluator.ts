import { and, asc, desc, eq, gt, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/connection.js';
import { clientRefs } from '../../clients/index.js';
import { tradingAccounts, tradingAlertRules, tradingAlerts, tradingDeals } from '../schema.js';
import {
  clearAlerts,
  raiseAlerts,
  updateAlerts,
  type ClearRequest,
  type RaiseRequest,
  type UpdateRequest,
} from './alert-writer.js';
import {
  DAY_MS,
  decide,
  EVENT_COOL_DOWN_MS,
  ruleApplies,
  type LossDeal,
  type PastAlert,
  type RuleParams,
} from './conditions.js';
import { CLEAR_AFTER_MS, updateChanges } from './hysteresis.js';

type RuleRow = typeof tradingAlertRules.$inferSelect;
type Claimed = Awaited<ReturnType<AlertEvaluator['claim']>>[number];
type LastAlert = PastAlert & { id: string; ruleId: string };

export interface EvaluatorOptions {
  /** Accounts read and decided together (no rows stay locked meanwhile). */
  batchSize?: number;
  /** A single evaluateDirty() call stops after this many batches (the next tick goes on). */
  maxBatches?: number;
  /** How long a condition must read "recovered" before its alert clears (default CLEAR_AFTER_MS). */
  clearAfterMs?: number;
  /** Called after a batch is decided, before anything is written: lets a test act in that gap. */
  beforeWrite?: () => Promise<void>;
}

/** Where a pass has got to: the last account of its previous batch, in the pass's order. */
type Cursor = { id: string; dirtySeen: string | null };

/**
 * Evaluates alert rules against accounts, a batch at a time:
 *  - `evaluateDirty()` takes the accounts ingestion marked (`alerts_dirty_at`), oldest first, then those
 *    with an alert whose condition has been recovered long enough to clear;
 *  - `sweep()` takes the accounts where time passing alone can change an answer (no trading for N days,
 *    event alerts past their cool-down), or every account after a rule changed.
 * A batch is read and decided without locks, so ingestion never waits for an evaluation (it used to
 * wait for up to 200 accounts held FOR UPDATE across the whole evaluation, which doubled the latency
 * tails of the event → screen path). What keeps the answers right without those locks:
 *  - the writes are idempotent against a concurrent evaluator: one open alert per rule and account is
 *    a partial unique index (a second raise inserts nothing), a clear or an update touches only an
 *    alert still open; they run in one short transaction, in a fixed order (no deadlock between two);
 *  - the dirty mark is cleared only where the row is still the version read (`xmin`: an account
 *    ingestion wrote meanwhile stays dirty and is decided again), in one statement that skips the rows
 *    a batch holds right now (they stay dirty and are taken next time) instead of waiting for them.
 * Instances (and the sweep) may decide the same account at once; that costs work, not correctness.
 */
export class AlertEvaluator {
  private readonly batchSize: number;
  private readonly maxBatches: number;
  private readonly clearAfterMs: number;
  private readonly beforeWrite?: () => Promise<void>;

  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
    opts: EvaluatorOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 200;
    this.maxBatches = opts.maxBatches ?? 50;
    this.clearAfterMs = opts.clearAfterMs ?? CLEAR_AFTER_MS;
    this.beforeWrite = opts.beforeWrite;
  }

  /**
   * Evaluates dirty accounts until none is left (or the batch cap), then the accounts with an alert due
   * to clear (recovered for long enough, with nothing since to mark them dirty); returns how many.
   */
  async evaluateDirty(): Promise<number> {
    let total = await this.batches(() => isNotNull(tradingAccounts.alertsDirtyAt), 'dirty');
    total += await this.batches(() => {
      const due = new Date(this.clock.now().getTime() - this.clearAfterMs).toISOString();
      const t = tradingAlerts;
      return sql`${tradingAccounts.id} in (select ${t.accountId} from ${t}
        where ${t.clearedAt} is null and ${t.recoveringSince} <= ${due}::timestamptz)`;
    }, 'id');
    return total;
  }

  /**
   * Batch after batch, each starting after the previous one's last account: an account left dirty (its
   * row was busy at the mark) is not taken again at once. One that ingestion marked again since moves
   * to the end of the dirty order, and is taken again in this pass, as before.
   */
  private async batches(where: () => SQL, order: 'dirty' | 'id'): Promise<number> {
    let total = 0;
    let after: Cursor | null = null;
    for (let i = 0; i < this.maxBatches; i++) {
      const claimed = await this.claim(and(where(), after ? this.after(after, order) : undefined), order);
      await this.evaluate(claimed);
      total += claimed.length;
      if (claimed.length < this.batchSize) break;
      const last = claimed[claimed.length - 1]!;
      after = { id: last.a.id, dirtySeen: last.dirtySeen };
    }
    return total;
  }

  private after(c: Cursor, order: 'dirty' | 'id'): SQL {
    const a = tradingAccounts;
    if (order === 'id' || c.dirtySeen === null) return gt(a.id, c.id);
    return sql`(${a.alertsDirtyAt}, ${a.id}) > (${c.dirtySeen}::timestamptz, ${c.id}::uuid)`;
  }

  /**
   * The slow periodic pass: accounts whose answer may change with time alone. `all` evaluates every
   * account (after a rule was created or changed). Returns how many were evaluated.
   */
  async sweep(opts: { all?: boolean } = {}): Promise<number> {
    let total = 0;
    let after: string | null = null;
    for (;;) {
      const now = this.clock.now();
      const rules = await this.activeRules(this.db);
      const due = opts.all ? undefined : sweepCandidates(rules, now);
      const where: SQL | undefined = after ? and(gt(tradingAccounts.id, after), due) : due;
      const claimed = await this.claim(where, 'id');
      await this.evaluate(claimed);
      if (!claimed.length) return total;
      total += claimed.length;
      after = claimed[claimed.length - 1]!.a.id;
    }
  }

  /** Reads a batch of accounts, without locking them. */
  private async claim(where: SQL | undefined, order: 'dirty' | 'id') {
    const clients = clientRefs();
    return this.db
      .select({
        a: tradingAccounts,
        // As text, so the pass's cursor is exact to the microsecond.
        dirtySeen: sql<string | null>`${tradingAccounts.alertsDirtyAt}::text`,
        // The row's version: any write since (ingestion's, even within the same millisecond) changes it.
        version: sql<string>`${tradingAccounts}.xmin::text`,
        client: { id: clients.id, name: clients.name, managerId: clients.managerId, teamId: clients.teamId },
      })
      .from(tradingAccounts)
      .innerJoin(clients, eq(clients.id, tradingAccounts.clientId))
      .where(where)
      .orderBy(
        ...(order === 'dirty'
          ? [asc(tradingAccounts.alertsDirtyAt), asc(tradingAccounts.id)]
          : [asc(tradingAccounts.id)]),
      )
      .limit(this.batchSize);
  }

  private activeRules(tx: Executor) {
    return tx.select().from(tradingAlertRules).where(eq(tradingAlertRules.active, true));
  }

  /**
   * Decides every rule for every account read, writes the outcome in one short transaction, and marks
   * the accounts evaluated (see the class comment for why no account is locked meanwhile).
   */
  private async evaluate(claimed: Claimed[]): Promise<void> {
    if (!claimed.length) return;
    const now = this.clock.now();
    const db = this.db;
    const rules = await this.activeRules(db);
    const accountIds = claimed.map((c) => c.a.id);
    const lastAlerts = await this.lastAlerts(db, accountIds, [...new Set(claimed.map((c) => c.client.id))]);
    const deals = await this.recentLosses(db, accountIds, rules, now);
    const raises: RaiseRequest[] = [];
    const clears: ClearRequest[] = [];
    const updates: UpdateRequest[] = [];
    for (const { a, client } of claimed) {
      const applicable = rules.filter((r) => ruleApplies(r, a));
      const mine = lastAlerts.get(a.id) ?? new Map<string, LastAlert>();
      for (const rule of applicable) {
        const last = mine.get(rule.id) ?? null;
        const d = decide(
          {
            rule: { kind: rule.kind, accountKind: rule.accountKind, params: rule.params as RuleParams },
            account: a,
            last,
            now,
            deals: deals.get(a.id) ?? [],
          },
          this.clearAfterMs,
        );
        if (d.action === 'raise')
          raises.push({
            rule,
            account: a,
            client,
            value: d.value,
            threshold: d.threshold,
            details: d.details,
          });
        else if (d.action === 'clear' && last)
          clears.push({ alertId: last.id, reason: d.reason, value: d.value });
        else if (d.action === 'hold' && d.update && last) {
          // An open alert stays open: write its figures only when something moved.
          const changed = updateChanges(last, d.update);
          if (changed.any)
            updates.push({ alertId: last.id, client, update: d.update, figuresChanged: changed.figures });
        }
      }
      // An open alert whose rule was switched off or no longer watches this kind of account.
      for (const last of mine.values())
        if (!last.clearedAt && !applicable.some((r) => r.id === last.ruleId))
          clears.push({ alertId: last.id, reason: 'rule_changed' });
    }
    await this.beforeWrite?.();
    if (raises.length || clears.length || updates.length) {
      // One order for every evaluator: two writing at once wait for each other instead of deadlocking.
      raises.sort((x, y) => cmp(x.account.id, y.account.id) || cmp(x.rule.id, y.rule.id));
      clears.sort((x, y) => cmp(x.alertId, y.alertId));
      updates.sort((x, y) => cmp(x.alertId, y.alertId));
      await db.transaction(async (tx) => {
        await raiseAlerts(tx, raises, now);
        await clearAlerts(tx, clears, now);
        await updateAlerts(tx, updates);
      });
    }
    // Clear the dirty mark only where the row is still the version decided on (written since: decided
    // again next time); a row a batch holds now is skipped (still dirty, taken next time) rather than
    // waited for, so ingestion never queues behind the evaluator.
    await db.execute(sql`
      update ${tradingAccounts} a
         set alerts_checked_at = ${now.toISOString()}::timestamptz,
             alerts_dirty_at = case when a.xmin = v.version::xid then null else a.alerts_dirty_at end
        from unnest(${sql.param(accountIds)}::uuid[], ${sql.param(claimed.map((c) => c.version))}::text[]) as v(id, version)
       where a.id = v.id
         and a.id in (select id from ${tradingAccounts} where id = any(${sql.param(accountIds)}::uuid[])
                      order by id for update skip locked)`);
  }

  /** The latest alert of each rule on each account (open ones win a tie on the raise time). */
  private async lastAlerts(tx: Executor, accountIds: string[], clientIds: string[]) {
    const rows = await tx
      .selectDistinctOn([tradingAlerts.ruleId, tradingAlerts.accountId])
      .from(tradingAlerts)
      // By client first: that is the indexed column, and a client has few accounts.
      .where(and(inArray(tradingAlerts.clientId, clientIds), inArray(tradingAlerts.accountId, accountIds)))
      .orderBy(
        tradingAlerts.ruleId,
        tradingAlerts.accountId,
        desc(tradingAlerts.raisedAt),
        sql`${tradingAlerts.clearedAt} desc nulls first`,
      );
    // account → rule → its latest alert
    const byAccount = new Map<string, Map<string, LastAlert>>();
    for (const r of rows) {
      const mine = byAccount.get(r.accountId) ?? new Map<string, LastAlert>();
      mine.set(r.ruleId, r);
      byAccount.set(r.accountId, mine);
    }
    return byAccount;
  }

  /**
   * Losing deals inside the cool-down window, at least as large as the smallest "large loss" rule. A
   * window rather than "after alerts_checked_at": a deal that arrives late, or stamped by a platform clock
   * a little behind ours, is still seen; the last alert's `dealsUntil` keeps one deal from raising twice.
   */
  private async recentLosses(tx: Executor, accountIds: string[], rules: RuleRow[], now: Date) {
    const losses = rules
      .filter((r) => r.kind === 'large_loss')
      .map((r) => (r.params as RuleParams).loss)
      .filter((l): l is number => l !== undefined);
    const byAccount = new Map<string, LossDeal[]>();
    if (!losses.length) return byAccount;
    const rows = await tx
      .select({
        accountId: tradingDeals.accountId,
        dealId: tradingDeals.dealId,
        symbol: tradingDeals.symbol,
        profit: tradingDeals.profit,
        executedAt: tradingDeals.executedAt,
      })
      .from(tradingDeals)
      .where(
        and(
          inArray(tradingDeals.accountId, accountIds),
          gt(tradingDeals.executedAt, new Date(now.getTime() - EVENT_COOL_DOWN_MS)),
          lte(tradingDeals.profit, -Math.min(...losses)),
        ),
      );
    for (const { accountId, ...deal } of rows) {
      const list = byAccount.get(accountId) ?? [];
      list.push(deal);
      byAccount.set(accountId, list);
    }
    return byAccount;
  }
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/**
 * Accounts whose answer can change with time alone: event alerts past their cool-down, accounts idle
 * long enough for a "no trading" rule that has not raised yet, and open "no trading" alerts a day older.
 */
function sweepCandidates(rules: RuleRow[], now: Date): SQL {
  const a = tradingAccounts;
  const t = tradingAlerts;
  const cooled = new Date(now.getTime() - EVENT_COOL_DOWN_MS).toISOString();
  const parts: SQL[] = [
    // Raised a day ago or more: a superset of those quiet for a day (a later event restarts the day).
    sql`${a.id} in (select ${t.accountId} from ${t} where ${t.clearedAt} is null
          and ${t.kind} in ('stop_out', 'large_loss') and ${t.raisedAt} <= ${cooled}::timestamptz)`,
    // An open "no trading" alert whose day count is behind: the card shows the days as they pass.
    sql`exists (select 1 from ${t} where ${t.accountId} = ${a.id} and ${t.clearedAt} is null
          and ${t.kind} = 'no_trading' and ${t.value} < floor(extract(epoch from
            (${now.toISOString()}::timestamptz - coalesce(${a.lastTradeAt}, ${a.createdAt}))) / 86400))`,
  ];
  for (const r of rules) {
    const days = (r.params as RuleParams).days;
    if (r.kind !== 'no_trading' || days === undefined) continue;
    const idleSince = new Date(now.getTime() - days * DAY_MS).toISOString();
    parts.push(sql`(${a.netDeposits} > 0
      and coalesce(${a.lastTradeAt}, ${a.createdAt}) < ${idleSince}::timestamptz
      ${r.accountKind === 'any' ? sql`` : sql`and ${a.kind} = ${r.accountKind}`}
      and not exists (select 1 from ${t} where ${t.ruleId} = ${r.id} and ${t.accountId} = ${a.id} and ${t.clearedAt} is null))`);
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}
