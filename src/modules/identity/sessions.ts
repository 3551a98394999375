import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import type { Clock } from '../../core/clock.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import { sessions } from './schema.js';

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** Writes of last_seen_at are skipped when the previous one is this fresh: one write a minute, not per request. */
const TOUCH_EVERY_MS = 60_000;

/** Server-side sessions: the browser holds a random token, the database its hash and the timeouts. */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
    readonly kind: 'staff' | 'trader' = 'staff',
  ) {}

  /** Every lookup is limited to this store's kind: a trader token never opens a staff session. */
  private mine(id: string) {
    return and(eq(sessions.id, id), eq(sessions.kind, this.kind));
  }

  /** A fresh session id on every login: the token is new, so a planted cookie can never be promoted. */
  async create(tx: Executor, userId: string, meta: { ip: string | null; userAgent: string | null }) {
    const token = randomToken();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.policy.absoluteMs);
    const id = sha256(token);
    await tx
      .insert(sessions)
      .values({ id, kind: this.kind, userId, createdAt: now, lastSeenAt: now, expiresAt, ...meta });
    return { token, id, expiresAt };
  }

  /** Resolves a cookie token to its live session, ending it if the idle or absolute timeout passed. */
  async resolve(token: string): Promise<{ id: string; userId: string } | 'expired' | null> {
    const id = sha256(token);
    const [row] = await this.db.select().from(sessions).where(this.mine(id)).limit(1);
    if (!row) return null;
    const now = this.clock.now().getTime();
    if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + this.policy.idleMs <= now) {
      await this.db.delete(sessions).where(this.mine(id));
      return 'expired';
    }
    if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.db
        .update(sessions)
        .set({ lastSeenAt: new Date(now) })
        .where(eq(sessions.id, id));
    }
    return { id: row.id, userId: row.userId };
  }

  /** The session behind an id, if still alive, without touching it (for open WebSockets). */
  async isAlive(id: string): Promise<string | null> {
    const [row] = await this.db.select().from(sessions).where(this.mine(id)).limit(1);
    if (!row) return null;
    const now = this.clock.now().getTime();
    const alive = row.expiresAt.getTime() > now && row.lastSeenAt.getTime() + this.policy.idleMs > now;
    return alive ? row.userId : null;
  }

  async end(tx: Executor, id: string): Promise<void> {
    await tx.delete(sessions).where(this.mine(id));
  }

  /** Ends every session of a user, or every other one when `keep` is given (password change). */
  async endAllOf(tx: Executor, userId: string, keep?: string): Promise<number> {
    const theirs = and(eq(sessions.userId, userId), eq(sessions.kind, this.kind));
    const where = keep ? and(theirs, ne(sessions.id, keep)) : theirs;
    const ended = await tx.delete(sessions).where(where).returning({ id: sessions.id });
    return ended.length;
  }

  list(userId: string) {
    return this.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.kind, this.kind)));
  }

  async purgeExpired(): Promise<void> {
    const now = this.clock.now();
    await this.db
      .delete(sessions)
      .where(
        and(
          eq(sessions.kind, this.kind),
          or(
            lt(sessions.expiresAt, now),
            lt(sessions.lastSeenAt, new Date(now.getTime() - this.policy.idleMs)),
          ),
        ),
      );
  }
}
