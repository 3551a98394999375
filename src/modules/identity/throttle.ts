import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { Clock } from '../../core/clock.js';
import { loginThrottle } from './schema.js';

export interface ThrottlePolicy {
  /** Failed logins on one account before it is locked. */
  accountFailures: number;
  /** Login attempts (failed) from one IP before it must wait. */
  ipFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = {
  accountFailures: 5,
  ipFailures: 30,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

/**
 * Failed-login counters in the database, so every server instance enforces the same limits. Keys are
 * `acct:<email>` (lockout) and `ip:<address>` (rate limit). A success clears the account's counter.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  /** When the key is blocked, the time it frees up; otherwise null. */
  async blockedUntil(key: string): Promise<Date | null> {
    const [row] = await this.db.select().from(loginThrottle).where(eq(loginThrottle.key, key)).limit(1);
    const until = row?.lockedUntil;
    return until && until.getTime() > this.clock.now().getTime() ? until : null;
  }

  /** Counts a failure; returns true when this failure locked the key. */
  async fail(key: string, limit: number): Promise<boolean> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.policy.windowMs);
    const lockedUntil = new Date(now.getTime() + this.policy.lockMs);
    // One upsert: a window that has expired restarts at 1, otherwise the counter grows; reaching the
    // limit sets the lock. Atomic, so two instances cannot both let the sixth attempt through.
    const [row] = await this.db
      .insert(loginThrottle)
      .values({ key, failures: 1, windowStartedAt: now, lockedUntil: limit <= 1 ? lockedUntil : null })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${loginThrottle.windowStartedAt} < ${windowStart} then ${now} else ${loginThrottle.windowStartedAt} end`,
          lockedUntil: sql`case when (case when ${loginThrottle.windowStartedAt} < ${windowStart} then 1 else ${loginThrottle.failures} + 1 end) >= ${limit} then ${lockedUntil} else ${loginThrottle.lockedUntil} end`,
        },
      })
      .returning();
    return row?.lockedUntil !== null && row!.lockedUntil.getTime() === lockedUntil.getTime();
  }

  failAccount = (email: string) => this.fail(`acct:${email}`, this.policy.accountFailures);
  failIp = (ip: string) => this.fail(`ip:${ip}`, this.policy.ipFailures);

  async clear(key: string): Promise<void> {
    await this.db.delete(loginThrottle).where(eq(loginThrottle.key, key));
  }
}
