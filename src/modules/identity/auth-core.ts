import { eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import type { Clock } from '../../core/clock.js';
import { randomToken, sha256, type SecretBox } from '../../core/crypto.js';
import { appendEvent, appendEvents } from '../../core/events.js';
import { AppError, conflict, notFound, unauthorized } from '../../core/errors.js';
import type { RequestMeta } from '../../core/http.js';
import { loginChallenges, staffUsers } from './schema.js';
import type { SessionStore } from './sessions.js';
import type { LoginThrottle } from './throttle.js';
import { hashRecoveryCode, looksLikeRecoveryCode, verifyTotp } from './totp.js';
import type { MeView } from './contracts.js';
import type { SelfActor as Actor } from './staff-service.js';

const CHALLENGE_TTL_MS = 5 * 60_000;
const CHALLENGE_ATTEMPTS = 5;
export const SECURITY_KEY = 'security';
const AUTH_AUDIENCE = { permissions: ['audit.read'] };

export type StaffRow = typeof staffUsers.$inferSelect;

/**
 * What AuthService's flows share (auth-service.ts): starting a session, the short-lived sign-in
 * challenges between password and second factor, checking a TOTP or recovery code, and the audit
 * records of sign-ins.
 */
export abstract class AuthCore {
  constructor(
    protected readonly db: Db,
    protected readonly clock: Clock,
    protected readonly box: SecretBox,
    protected readonly sessions: SessionStore,
    protected readonly throttle: LoginThrottle,
  ) {}

  /** The signed-in member's own view (AuthService.me). */
  abstract me(userId: string): Promise<MeView>;

  protected async startSession(user: StaffRow, meta: RequestMeta, method: string) {
    const session = await this.db.transaction(async (tx) => {
      const s = await this.sessions.create(tx, user.id, meta);
      await tx.update(staffUsers).set({ lastLoginAt: this.clock.now() }).where(eq(staffUsers.id, user.id));
      await appendEvent(tx, {
        ...this.securityEvent('auth.login', user.id, meta.ip),
        payload: { method, userAgent: meta.userAgent, email: user.email },
      });
      return s;
    });
    return { status: 'ok' as const, session, user: await this.me(user.id) };
  }

  protected async openChallenge(
    userId: string,
    purpose: 'verify' | 'enrol',
    secret?: string,
  ): Promise<string> {
    const token = randomToken();
    await this.db.insert(loginChallenges).values({
      id: sha256(token),
      userId,
      purpose,
      secret: secret ?? null,
      expiresAt: new Date(this.clock.now().getTime() + CHALLENGE_TTL_MS),
    });
    return token;
  }

  protected async takeChallenge(token: string | undefined, purpose: 'verify' | 'enrol') {
    const expired = () =>
      unauthorized('challenge_expired', 'Your sign-in has expired; enter your password again');
    if (!token) throw expired();
    const [challenge] = await this.db
      .select()
      .from(loginChallenges)
      .where(eq(loginChallenges.id, sha256(token)))
      .limit(1);
    if (
      !challenge ||
      challenge.purpose !== purpose ||
      challenge.expiresAt.getTime() <= this.clock.now().getTime()
    )
      throw expired();
    const user = await this.userOrFail(challenge.userId);
    if (!user.active) throw expired();
    return { challenge, user };
  }

  protected async failChallenge(challengeId: string, user: StaffRow, meta: RequestMeta): Promise<never> {
    const [row] = await this.db
      .update(loginChallenges)
      .set({ attempts: sql`${loginChallenges.attempts} + 1` })
      .where(eq(loginChallenges.id, challengeId))
      .returning();
    await this.recordFailure(user.email, user.id, 'bad_second_factor', meta);
    if (!row || row.attempts >= CHALLENGE_ATTEMPTS) {
      await this.db.delete(loginChallenges).where(eq(loginChallenges.id, challengeId));
      throw unauthorized('challenge_expired', 'Too many wrong codes; enter your password again');
    }
    throw new AppError(401, 'invalid_code', 'That code is not valid');
  }

  protected async acceptTotp(user: StaffRow, secret: string, code: string): Promise<boolean> {
    const step = verifyTotp(secret, code, this.clock.now(), user.mfaLastStep);
    if (step === null) return false;
    // Conditional update: two concurrent logins with the same code cannot both win.
    const updated = await this.db
      .update(staffUsers)
      .set({ mfaLastStep: step })
      .where(
        sql`${staffUsers.id} = ${user.id} and (${staffUsers.mfaLastStep} is null or ${staffUsers.mfaLastStep} < ${step})`,
      )
      .returning({ id: staffUsers.id });
    return updated.length === 1;
  }

  protected async consumeRecoveryCode(user: StaffRow, code: string): Promise<boolean> {
    const hashed = hashRecoveryCode(code);
    if (!user.recoveryCodes.includes(hashed)) return false;
    const remaining = user.recoveryCodes.filter((h) => h !== hashed);
    const updated = await this.db
      .update(staffUsers)
      .set({ recoveryCodes: remaining })
      .where(
        sql`${staffUsers.id} = ${user.id} and ${staffUsers.recoveryCodes} @> ${JSON.stringify([hashed])}::jsonb`,
      )
      .returning({ id: staffUsers.id });
    return updated.length === 1;
  }

  protected async requireCurrentCode(actor: Actor, code: string): Promise<StaffRow> {
    const user = await this.userOrFail(actor.id);
    if (!user.mfaSecret) throw conflict('mfa_not_enabled', 'Two-factor authentication is not on');
    const ok = looksLikeRecoveryCode(code)
      ? await this.consumeRecoveryCode(user, code)
      : await this.acceptTotp(user, this.box.open(user.mfaSecret), code);
    if (!ok) throw new AppError(400, 'invalid_code', 'That code is not valid', 'code');
    return user;
  }

  protected async userOrFail(id: string): Promise<StaffRow> {
    const [user] = await this.db.select().from(staffUsers).where(eq(staffUsers.id, id)).limit(1);
    if (!user) throw notFound('Staff member');
    return user;
  }

  protected async recordFailure(email: string, userId: string | null, reason: string, meta: RequestMeta) {
    await this.db.transaction((tx: Executor) =>
      appendEvents(tx, [
        {
          type: 'auth.login_failed',
          subjectType: userId ? 'staff' : null,
          subjectId: userId,
          ip: meta.ip,
          payload: { email, reason, userAgent: meta.userAgent },
          audience: AUTH_AUDIENCE,
        },
      ]),
    );
  }

  protected securityEvent(type: string, userId: string, ip: string | null) {
    return { type, subjectType: 'staff', subjectId: userId, actorId: userId, ip, audience: AUTH_AUDIENCE };
  }
}
