import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../db/connection.js';
import { toDecimal } from '../../shared/payments.js';
import type { TradingPlatform } from '../trading/index.js';
import { clearProblem, markProblem } from './problems.js';
import { lockRequest } from './requests.js';
import { paymentRequests, platformPostings } from './schema.js';

/** What posting one operation needs (a stored row, or one just queued by `appendLedger`). */
export type Posting = Pick<
  typeof platformPostings.$inferSelect,
  'opId' | 'requestId' | 'login' | 'kind' | 'amount' | 'currency' | 'comment' | 'attempts'
>;

/** A marked posting's request's problem: whether this success may clear a `posting_failed` flag. */
const problemOfRequest = sql<
  string | null
>`(select ${paymentRequests.problem} from ${paymentRequests} where ${paymentRequests.id} = ${platformPostings.requestId})`;

/** Retry delays after a failed posting: 5 s, 30 s, 2 min, then every 10 min. */
const BACKOFF_MS = [5_000, 30_000, 120_000, 600_000];

/**
 * Posts queued balance operations on the trading platform after the transaction that queued them has
 * committed (never inside it: a platform call must not hold row locks, and a rolled-back change must
 * not have moved money). The platform is idempotent by op id, so a posting retried after a crash or
 * posted by two instances at once moves the money once. A failure flags the request `posting_failed`
 * (the manager is told) and the job retries with backoff until the platform takes it.
 */
export class PlatformPosting {
  constructor(
    private readonly db: Db,
    private readonly platform: Pick<TradingPlatform, 'balanceOperation'>,
    private readonly clock: Clock,
  ) {}

  /** Posts the request's unposted operations now; `true` when none is left unposted. */
  async postRequest(requestId: string): Promise<boolean> {
    const due = await this.db
      .select()
      .from(platformPostings)
      .where(and(eq(platformPostings.requestId, requestId), isNull(platformPostings.postedAt)))
      .orderBy(asc(platformPostings.seq));
    let ok = true;
    for (const p of due) ok = (await this.postOne(p)) && ok;
    return ok;
  }

  /**
   * Posts operations the caller's just-committed transaction queued (in order), without reading them
   * back: a callback knows what it queued. `true` when all were posted.
   */
  async postQueued(queued: readonly Posting[]): Promise<boolean> {
    let ok = true;
    for (const p of queued) ok = (await this.postOne(p)) && ok;
    return ok;
  }

  /**
   * A batch's postings (callback-batch.ts): each request's in order, the requests side by side, then
   * every success marked posted in one statement. Failures go the usual way (flag, backoff).
   */
  async postMany(queued: readonly Posting[]): Promise<void> {
    const byRequest = new Map<string, Posting[]>();
    for (const p of queued) byRequest.set(p.requestId, [...(byRequest.get(p.requestId) ?? []), p]);
    const done: Posting[] = [];
    await Promise.all(
      [...byRequest.values()].map(async (list) => {
        for (const p of list) if (await this.call(p)) done.push(p);
      }),
    );
    if (!done.length) return;
    const now = this.clock.now();
    const marked = await this.db
      .update(platformPostings)
      .set({ postedAt: now, attempts: sql`${platformPostings.attempts} + 1`, lastError: null })
      .where(
        and(
          inArray(
            platformPostings.opId,
            done.map((p) => p.opId),
          ),
          isNull(platformPostings.postedAt),
        ),
      )
      .returning({ requestId: platformPostings.requestId, problem: problemOfRequest });
    for (const m of marked) if (m.problem === 'posting_failed') await this.clearFailed(m.requestId, now);
  }

  /** The retry job: postings whose next attempt is due. Returns how many were posted. */
  async postDue(limit = 100): Promise<number> {
    const due = await this.db
      .select()
      .from(platformPostings)
      .where(and(isNull(platformPostings.postedAt), lte(platformPostings.nextAttemptAt, this.clock.now())))
      .orderBy(asc(platformPostings.nextAttemptAt), asc(platformPostings.seq))
      .limit(limit);
    let posted = 0;
    for (const p of due) if (await this.postOne(p)) posted += 1;
    return posted;
  }

  /** The platform call; a failure is recorded (flag, backoff) and answers false. */
  private async call(p: Posting): Promise<boolean> {
    try {
      await this.platform.balanceOperation(p.login, {
        id: p.opId,
        kind: p.kind,
        amount: toDecimal(p.amount, p.currency),
        comment: p.comment,
      });
      return true;
    } catch (err) {
      await this.failed(p, err);
      return false;
    }
  }

  private async postOne(p: Posting): Promise<boolean> {
    if (!(await this.call(p))) return false;
    const now = this.clock.now();
    // One statement in the usual case: mark it posted and learn whether the request carries a
    // `posting_failed` flag that this success may clear (only then the locking transaction below).
    const marked = await this.db
      .update(platformPostings)
      .set({ postedAt: now, attempts: sql`${platformPostings.attempts} + 1`, lastError: null })
      .where(and(eq(platformPostings.opId, p.opId), isNull(platformPostings.postedAt)))
      .returning({ problem: problemOfRequest });
    if (marked[0]?.problem !== 'posting_failed') return true; // not flagged, or posted meanwhile by another caller
    await this.clearFailed(p.requestId, now);
    return true;
  }

  /** A request flagged `posting_failed` loses the flag once none of its postings is left unposted. */
  private async clearFailed(requestId: string, now: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const row = await lockRequest(tx, requestId);
      const [left] = await tx
        .select({ opId: platformPostings.opId })
        .from(platformPostings)
        .where(and(eq(platformPostings.requestId, requestId), isNull(platformPostings.postedAt)))
        .limit(1);
      if (!left) await clearProblem(tx, row, now, 'posting_failed');
    });
  }

  private async failed(p: Posting, err: unknown): Promise<void> {
    const now = this.clock.now();
    const delay = BACKOFF_MS[Math.min(p.attempts, BACKOFF_MS.length - 1)]!;
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    await this.db.transaction(async (tx) => {
      await tx
        .update(platformPostings)
        .set({ attempts: p.attempts + 1, lastError: message, nextAttemptAt: new Date(now.getTime() + delay) })
        .where(and(eq(platformPostings.opId, p.opId), isNull(platformPostings.postedAt)));
      await markProblem(tx, await lockRequest(tx, p.requestId), 'posting_failed', now);
    });
  }
}
