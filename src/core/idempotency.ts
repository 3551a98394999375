import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/connection.js';
import { AppError, badRequest, conflict } from './errors.js';
import { idempotencyKeys } from './schema.js';

/**
 * `Idempotency-Key` for routes that move money (and anything else that must not happen twice because
 * a client retried). The first request with a key claims it (a committed `in_flight` row), does its work
 * and stores its answer in the same transaction as its change; a repeat with the same key and body gets
 * that answer again, with a different body a 409, and while the first is still working a 409 too — so
 * of concurrent duplicates exactly one runs. A claim whose request died (the process was killed between
 * claiming and committing) is taken over after CLAIM_TIMEOUT_MS, so a retry is never locked out for good.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_FIELD = 'Idempotency-Key';
export const IDEMPOTENCY_TTL_HOURS = 24;
/** A claim older than this with no answer belongs to a request that died; a retry may take it over. */
export const CLAIM_TIMEOUT_MS = 60_000;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

export interface IdempotentRequest {
  /** The header's value; missing → 400 `idempotency_key_required`. */
  key: string | string[] | undefined;
  /** Whose key it is (staff id, `trader:<id>`): keys of different callers never meet. */
  principal: string;
  method: string;
  /** The route pattern (`/api/payments/requests/:id/execute`) plus its params, so one key is one operation. */
  route: string;
  body: unknown;
}

export interface IdempotentAnswer<B> {
  status: number;
  body: B;
  /** True when this is the stored answer of an earlier request with the same key. */
  replayed: boolean;
}

/**
 * Runs the caller's change in a transaction that also stores `{status, body: result}` as the key's
 * answer, so the change and the answer commit together (or neither does).
 */
export type IdempotentCommit = <T>(fn: (tx: Executor) => Promise<T>) => Promise<T>;

/** JSON with object keys sorted at every level: the same body always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const requestHash = (method: string, route: string, body: unknown) =>
  createHash('sha256')
    .update(`${method.toUpperCase()} ${route}\n${canonicalJson(body)}`)
    .digest('hex');

/** The header's value, checked: one printable ASCII token of at most 255 characters. */
export function idempotencyKeyOf(raw: string | string[] | undefined): string {
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (key === undefined || key === '')
    throw badRequest(
      'idempotency_key_required',
      'Send an Idempotency-Key header (a unique id per operation) so a retry cannot do it twice',
      IDEMPOTENCY_FIELD,
    );
  if (!KEY_FORMAT.test(key))
    throw badRequest(
      'invalid_idempotency_key',
      'Idempotency-Key must be 1–255 printable ASCII characters',
      IDEMPOTENCY_FIELD,
    );
  return key;
}

/**
 * Claims the key, runs `handler` with a `commit` that stores the answer with the change, and returns
 * the answer; or replays the stored one. A handler that fails (throws) releases its claim, so the
 * client can retry the same key after fixing nothing or something. `status` is the success status the
 * route answers with.
 */
export async function withIdempotency<B>(
  db: Db,
  req: IdempotentRequest,
  status: number,
  handler: (commit: IdempotentCommit) => Promise<B>,
): Promise<IdempotentAnswer<B>> {
  const key = idempotencyKeyOf(req.key);
  const scope = `${req.principal} ${req.method.toUpperCase()} ${req.route}`;
  const hash = requestHash(req.method, req.route, req.body);

  const claimed = await claim(db, scope, key, hash);
  if (typeof claimed !== 'string') return claimed as IdempotentAnswer<B>;
  // This request's claim: the row as this request claimed it (a takeover re-stamps it).
  const ours = and(
    eq(idempotencyKeys.scope, scope),
    eq(idempotencyKeys.key, key),
    eq(idempotencyKeys.status, 'in_flight'),
    sql`${idempotencyKeys.createdAt}::text = ${claimed}`,
  );

  let committed = false;
  const commit: IdempotentCommit = async (fn) => {
    if (committed) throw new Error('withIdempotency: commit called twice');
    return db.transaction(async (tx) => {
      const result = await fn(tx);
      const stored = await tx
        .update(idempotencyKeys)
        .set({ status: 'done', responseStatus: status, responseBody: toJson(result) })
        .where(ours)
        .returning({ key: idempotencyKeys.key });
      // Taken over meanwhile (this request looked dead): the change rolls back, the taker's stands.
      if (!stored.length) throw inFlight();
      committed = true;
      return result;
    });
  };
  try {
    const body = await handler(commit);
    if (!committed)
      // A handler that changed nothing (a read-only outcome): store its answer on its own.
      await commit(async () => body);
    return { status, body, replayed: false };
  } catch (err) {
    // Released only if still ours: a taker's claim stays.
    if (!committed) await db.delete(idempotencyKeys).where(ours);
    throw err;
  }
}

const inFlight = () =>
  new AppError(
    409,
    'idempotency_in_flight',
    'A request with this Idempotency-Key is still being processed; retry in a moment',
    IDEMPOTENCY_FIELD,
  );

/** The claim's stamp (`created_at` as text, microseconds) as the claim token. */
const claimToken = { token: sql<string>`${idempotencyKeys.createdAt}::text` };

/**
 * The claim token (the row's stamp) when this request now holds the key; else the stored answer to
 * replay (or a 409 thrown). A takeover re-stamps the row, so the request it took over from no longer
 * matches its token and cannot store an answer.
 */
async function claim(
  db: Db,
  scope: string,
  key: string,
  hash: string,
): Promise<string | IdempotentAnswer<unknown>> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ scope, key, requestHash: hash, status: 'in_flight' })
    .onConflictDoNothing()
    .returning(claimToken);
  if (inserted.length) return inserted[0]!.token;
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
    .limit(1);
  // Released meanwhile (the first request failed): claim again.
  if (!row) return claim(db, scope, key, hash);
  if (row.requestHash !== hash)
    throw conflict(
      'idempotency_key_reused',
      'This Idempotency-Key was used for a different request; use a new key for a new operation',
      IDEMPOTENCY_FIELD,
    );
  if (row.status === 'done')
    return { status: row.responseStatus ?? 200, body: row.responseBody, replayed: true };
  // Still in flight: its request is working, or died without releasing it (take over after the timeout).
  const takenOver = await db
    .update(idempotencyKeys)
    .set({ createdAt: sql`now()` })
    .where(
      and(
        eq(idempotencyKeys.scope, scope),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.status, 'in_flight'),
        lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${CLAIM_TIMEOUT_MS / 1000})`),
      ),
    )
    .returning(claimToken);
  if (takenOver.length) return takenOver[0]!.token;
  throw inFlight();
}

/** The stored copy of an answer: what JSON would carry (dates as ISO strings). */
const toJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/** Housekeeping: keys older than the TTL are forgotten (a repeat after a day is a new operation). */
export async function purgeIdempotencyKeys(db: Db): Promise<number> {
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
