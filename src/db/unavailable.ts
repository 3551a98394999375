/**
 * "The database is not there right now" — as opposed to "this query is wrong". The first kind is worth
 * a 503 and a retry; the second is a bug (500) or a rule (4xx). Every layer asks `isDatabaseUnavailable`
 * instead of matching error shapes itself.
 */

/** A connection could not be had (refused, timed out, rejected at startup): raised by the pool. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The database is unavailable', { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

/** Node socket errors that mean the server could not be reached or went away mid-conversation. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs: class 08 is "connection exception"; 57P01 admin shutdown (pg_terminate_backend, a fast
 * shutdown), 57P02 crash shutdown, 57P03 cannot connect now (starting up or shutting down).
 */
const isServerCode = (code: string) => code.startsWith('08') || /^57P0[123]$/.test(code);

/** node-postgres' own words for a connection that died or never came (it gives them no code). */
const CLIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/**
 * The innermost error's words ("connect ECONNREFUSED 127.0.0.1:5432", "the database system is shutting
 * down"), without the failed query and its parameters that Drizzle wraps around them: for logs and /health.
 */
export function rootMessage(err: unknown): string {
  let e = err as { message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e?.cause && typeof e.cause === 'object' && depth < 5; depth++) e = e.cause as typeof e;
  return typeof e?.message === 'string' ? e.message : String(e);
}

/** True when `err` (or what it wraps: Drizzle wraps driver errors in `cause`) is a lost or refused connection. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e = err as { code?: unknown; message?: unknown; cause?: unknown; severity?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof DatabaseUnavailableError) return true;
    const code = typeof e.code === 'string' ? e.code : '';
    if (NETWORK_CODES.has(code)) return true;
    // A server error (it has a severity) is judged by its SQLSTATE only, never by its words.
    if (e.severity !== undefined) return isServerCode(code);
    if (code && isServerCode(code) && /^[0-9A-Z]{5}$/.test(code)) return true;
    if (typeof e.message === 'string' && CLIENT_MESSAGES.some((m) => (e!.message as string).startsWith(m)))
      return true;
    e = e.cause as typeof e;
  }
  return false;
}
