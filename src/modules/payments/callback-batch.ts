import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { Db, Executor } from '../../db/connection.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import { creditPlainSuccesses, isPlainSuccess } from './deposit-batch.js';
import type { Answer } from './group-commit.js';
import { queuedPostings } from './ledger.js';
import type { PlatformPosting, Posting } from './posting.js';
import type { ProviderCallback } from './provider.js';
import type { RequestRow } from './requests.js';
import { paymentRequests, platformPostings, providerCallbacks } from './schema.js';
import type { PaymentSettings } from './settings.js';

export interface CallbackResult {
  duplicate: boolean;
  outcome: string;
}

export interface CallbackBatchDeps {
  db: Db;
  clock: Clock;
  settings: Pick<PaymentSettings, 'get'>;
  mailer: Pick<Mailer, 'queueMany'>;
  baseUrl: string;
  posting: PlatformPosting;
  /** One callback in its own transaction, posting included (CallbackService's path): the fallback. */
  alone: (provider: string, cb: ProviderCallback) => Promise<CallbackResult>;
  /** One callback's change on its locked request, inside the batch's transaction; returns the outcome. */
  apply: (tx: Executor, provider: string, row: RequestRow, cb: ProviderCallback) => Promise<string>;
}

const DUPLICATE: Answer<CallbackResult> = { ok: true, result: { duplicate: true, outcome: 'duplicate' } };

export const unknownRequest = () =>
  new AppError(422, 'unknown_request', 'No payment request of this provider has this id', 'requestId');

/** Thrown to roll a batch back when one of its callbacks turns out to have been processed meanwhile. */
class ProcessedMeanwhile extends Error {}

/**
 * One batch of verified callbacks of one provider, exactly once each, in ONE transaction: copies of an
 * event within the batch collapse onto its first; the requests are locked together (in id order, so
 * batches never deadlock each other), event ids already processed are answered as duplicates, plain
 * successes are credited set-based (deposit-batch.ts), every other callback goes through `apply` in
 * arrival order, and the callback rows with their outcomes are written last in one statement. The
 * answers wait for the commit and the postings. If anything in the transaction fails — one bad
 * callback, a copy that raced in from elsewhere — it rolls back and each callback is processed alone,
 * so one bad item costs only itself.
 */
export async function runCallbackBatch(
  deps: CallbackBatchDeps,
  provider: string,
  cbs: readonly ProviderCallback[],
  committed: () => void,
): Promise<Answer<CallbackResult>[]> {
  const firstOf = new Map<string, number>();
  const leader = cbs.map((cb, i) => firstOf.get(cb.id) ?? (firstOf.set(cb.id, i), i));
  const firsts = [...firstOf.values()];
  const own: Answer<CallbackResult>[] = [];
  try {
    const done = await deps.db.transaction((tx) =>
      inOneTransaction(
        deps,
        tx,
        provider,
        firsts.map((i) => cbs[i]!),
      ),
    );
    committed();
    try {
      await postAfterCommit(deps.posting, done.unposted, done.queued);
    } catch (error) {
      // Committed but not posted: the provider's retry (a duplicate) or the posting job posts it.
      return cbs.map(() => ({ ok: false, error }));
    }
    firsts.forEach((i, k) => (own[i] = done.answers[k]!));
  } catch {
    const alone = await Promise.all(
      firsts.map((i) =>
        deps.alone(provider, cbs[i]!).then(
          (result): Answer<CallbackResult> => ({ ok: true, result }),
          (error: unknown): Answer<CallbackResult> => ({ ok: false, error }),
        ),
      ),
    );
    committed();
    firsts.forEach((i, k) => (own[i] = alone[k]!));
  }
  // A copy gets its first's error, or — once the first is done — "duplicate".
  return cbs.map((_cb, i) => {
    const first = own[leader[i]!]!;
    return leader[i] === i || !first.ok ? first : DUPLICATE;
  });
}

async function inOneTransaction(
  deps: CallbackBatchDeps,
  tx: Executor,
  provider: string,
  cbs: readonly ProviderCallback[],
) {
  const locked = await lockRequests(tx, provider, [...new Set(cbs.map((c) => c.requestId))]);
  // A statement of its own, after the locks: the lock statement's snapshot predates the commits it
  // waited for, this one's does not, so a callback committed meanwhile is seen here.
  const seen = await seenEvents(
    tx,
    provider,
    cbs.map((c) => c.id),
  );
  const answers: Answer<CallbackResult>[] = [];
  const unposted = new Set<string>();
  const fresh: number[] = [];
  const perRequest = new Map<string, number>();
  cbs.forEach((cb, k) => {
    const row = locked.get(cb.requestId);
    // Unknown request: 422 and nothing stored, so the provider's retry is processed once we know it.
    if (!row) answers[k] = { ok: false, error: unknownRequest() };
    else {
      if (row.unposted) unposted.add(row.id);
      if (seen.has(cb.id)) answers[k] = DUPLICATE;
      else {
        fresh.push(k);
        perRequest.set(cb.requestId, (perRequest.get(cb.requestId) ?? 0) + 1);
      }
    }
  });
  if (!fresh.length) return { answers, unposted, queued: [] as Posting[] };

  const now = deps.clock.now();
  const { baseCurrency } = await deps.settings.get(tx);
  const plain = fresh.filter((k) => {
    const cb = cbs[k]!;
    return perRequest.get(cb.requestId) === 1 && isPlainSuccess(locked.get(cb.requestId)!, cb, baseCurrency);
  });
  const credited = await creditPlainSuccesses(
    tx,
    deps,
    plain.map((k) => locked.get(cbs[k]!.requestId)!),
    now,
  );
  const outcomes = new Map<number, string>();
  for (const k of plain) if (credited.has(cbs[k]!.requestId)) outcomes.set(k, 'executed');
  const touched = new Set<string>();
  for (const k of fresh) {
    if (outcomes.has(k)) continue;
    const cb = cbs[k]!;
    // A request an earlier callback of this batch changed is read again (it is locked: no wait).
    const row = touched.has(cb.requestId)
      ? (await lockRequests(tx, provider, [cb.requestId])).get(cb.requestId)!
      : locked.get(cb.requestId)!;
    touched.add(cb.requestId);
    outcomes.set(k, await deps.apply(tx, provider, row, cb));
  }
  // The rows, with their outcomes, last. A conflict means a copy was processed elsewhere meanwhile:
  // roll back (everything this batch did) and let each callback go alone.
  const inserted = await tx
    .insert(providerCallbacks)
    .values(
      fresh.map((k) => {
        const cb = cbs[k]!;
        return {
          provider,
          eventId: cb.id,
          requestId: cb.requestId,
          type: cb.type,
          payload: cb as unknown as Record<string, unknown>,
          outcome: outcomes.get(k)!,
        };
      }),
    )
    .onConflictDoNothing()
    .returning({ eventId: providerCallbacks.eventId });
  if (inserted.length !== fresh.length) throw new ProcessedMeanwhile('callback already processed');
  for (const k of fresh) answers[k] = { ok: true, result: { duplicate: false, outcome: outcomes.get(k)! } };
  return { answers, unposted, queued: queuedPostings(tx) };
}

/**
 * The requests, locked FOR UPDATE in id order, each with how many of its postings are still to post
 * (a crash between an earlier commit and its posting, a failed posting: posted now). Absent: unknown.
 */
export async function lockRequests(tx: Executor, provider: string, ids: readonly string[]) {
  const p = platformPostings;
  const rows = await tx
    .select({
      ...getTableColumns(paymentRequests),
      unposted: sql<number>`(select count(*) from ${p} where ${and(eq(p.requestId, paymentRequests.id), isNull(p.postedAt))})::int`,
    })
    .from(paymentRequests)
    .where(and(inArray(paymentRequests.id, [...ids]), eq(paymentRequests.provider, provider)))
    .orderBy(paymentRequests.id)
    .for('update', { of: paymentRequests });
  return new Map(rows.map(({ unposted, ...row }) => [row.id, { ...row, unposted: Number(unposted) }]));
}

async function seenEvents(tx: Executor, provider: string, eventIds: readonly string[]): Promise<Set<string>> {
  const c = providerCallbacks;
  const rows = await tx
    .select({ eventId: c.eventId })
    .from(c)
    .where(and(eq(c.provider, provider), inArray(c.eventId, [...eventIds])));
  return new Set(rows.map((r) => r.eventId));
}

/**
 * After commit: a request with postings left from before is posted whole (its new ones with them);
 * the rest of what the batch queued goes in one go.
 */
async function postAfterCommit(posting: PlatformPosting, unposted: Set<string>, queued: readonly Posting[]) {
  await Promise.all([
    ...[...unposted].map((id) => posting.postRequest(id)),
    posting.postMany(queued.filter((q) => !unposted.has(q.requestId))),
  ]);
}
