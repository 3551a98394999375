/**
 * Conflicts Postgres resolves by aborting one transaction, which is then safe to run again from the
 * start: 40P01 deadlock detected, 40001 serialization failure, 55P03 lock not available. A retried
 * transaction must be idempotent on its own terms (a chat message by its clientMessageId, looked up
 * under the conversation's row lock).
 */
const RETRYABLE = new Set(['40P01', '40001', '55P03']);

/** True when `err` (or what it wraps: Drizzle wraps driver errors in `cause`) is such a conflict. */
export function isRetryableConflict(err: unknown): boolean {
  let e = err as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (typeof e.code === 'string' && RETRYABLE.has(e.code)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * Runs `attempt` (one whole transaction) again after a conflict, up to `tries` times in all, with a
 * short jittered pause so the two sides of a deadlock do not meet again at once.
 */
export async function retryConflicts<T>(attempt: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= tries || !isRetryableConflict(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** i * (0.5 + Math.random())));
    }
  }
}
