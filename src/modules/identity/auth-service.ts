import { eq, lt, sql } from 'drizzle-orm';
import { appendEvent } from '../../core/events.js';
import { AppError, conflict, notFound } from '../../core/errors.js';
import { settings } from '../../core/schema.js';
import { isStorable, storableCopy } from '../../core/primitives.js';
import { loginChallenges, staffUsers, teams } from './schema.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import { permissionsOf, type Role } from './permissions.js';
import { enrolmentFor, looksLikeRecoveryCode, newRecoveryCodes, newTotpSecret, verifyTotp } from './totp.js';
import type { MeView } from './contracts.js';
import type { SelfActor as Actor } from './staff-service.js';
import type { RequestMeta } from '../../core/http.js';
import { AuthCore, SECURITY_KEY } from './auth-core.js';

export type LoginOutcome =
  | { status: 'ok'; session: { token: string; id: string; expiresAt: Date }; user: MeView }
  | { status: 'mfa_required'; challenge: string }
  | {
      status: 'mfa_enrolment_required';
      challenge: string;
      enrolment: Awaited<ReturnType<typeof enrolmentFor>>;
    };

/**
 * Staff sign-in (password, then TOTP or recovery code), sessions, and each member's own security. The
 * challenges and code checks its flows share are in auth-core.ts.
 */
export class AuthService extends AuthCore {
  async login(typed: string, password: string, meta: RequestMeta): Promise<LoginOutcome> {
    // Text the database cannot store (a NUL, a broken character) is in no account's email: the attempt
    // is a wrong sign-in like any other — same answer, same cost, throttled by address and audited —
    // with a storable copy of what was typed standing in for it in counters and the audit trail.
    const storable = isStorable(typed);
    const email = storable ? typed : storableCopy(typed);
    const ipKey = meta.ip ?? 'unknown';
    if (await this.throttle.blockedUntil(`ip:${ipKey}`))
      throw new AppError(429, 'rate_limited', 'Too many sign-in attempts from your network; try again later');
    if (await this.throttle.blockedUntil(`acct:${email}`)) {
      await this.recordFailure(email, null, 'locked', meta);
      throw new AppError(
        423,
        'account_locked',
        'This account is temporarily locked after repeated failed sign-ins',
      );
    }
    const [user] = storable
      ? await this.db
          .select()
          .from(staffUsers)
          .where(sql`lower(${staffUsers.email}) = ${email}`)
          .limit(1)
      : [];
    // Always pay for one argon2 verification so unknown emails answer as slowly as real ones.
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    if (!user || !ok || !user.active) {
      await this.throttle.failIp(ipKey);
      const locked = user ? await this.throttle.failAccount(email) : false;
      await this.recordFailure(
        email,
        user?.id ?? null,
        !user ? (storable ? 'unknown_email' : 'unstorable_email') : !ok ? 'bad_password' : 'inactive',
        meta,
      );
      if (locked)
        throw new AppError(
          423,
          'account_locked',
          'This account is temporarily locked after repeated failed sign-ins',
        );
      throw new AppError(401, 'invalid_credentials', 'Wrong email or password');
    }
    await this.throttle.clear(`acct:${email}`);

    if (user.mfaSecret)
      return { status: 'mfa_required', challenge: await this.openChallenge(user.id, 'verify') };
    if (await this.mfaRequiredFor(user.role as Role)) {
      const secret = newTotpSecret();
      const challenge = await this.openChallenge(user.id, 'enrol', this.box.seal(secret));
      return {
        status: 'mfa_enrolment_required',
        challenge,
        enrolment: await enrolmentFor(user.email, secret),
      };
    }
    return this.startSession(user, meta, 'password');
  }

  /** Second step: a TOTP code or a one-time recovery code against the pending challenge. */
  async verifyMfa(challengeToken: string | undefined, code: string, meta: RequestMeta) {
    const { challenge, user } = await this.takeChallenge(challengeToken, 'verify');
    const usedRecovery = looksLikeRecoveryCode(code);
    const accepted = usedRecovery
      ? await this.consumeRecoveryCode(user, code)
      : await this.acceptTotp(user, this.box.open(user.mfaSecret!), code);
    if (!accepted) return this.failChallenge(challenge.id, user, meta);
    await this.db.delete(loginChallenges).where(eq(loginChallenges.id, challenge.id));
    return this.startSession(user, meta, usedRecovery ? 'recovery_code' : 'totp');
  }

  /** Enrolment during sign-in (2FA is required but not set up yet): confirm the scanned seed with a code. */
  async enrolMfa(challengeToken: string | undefined, code: string, meta: RequestMeta) {
    const { challenge, user } = await this.takeChallenge(challengeToken, 'enrol');
    const secret = this.box.open(challenge.secret!);
    const step = verifyTotp(secret, code, this.clock.now(), null);
    if (step === null) return this.failChallenge(challenge.id, user, meta);
    const recovery = newRecoveryCodes();
    await this.db.transaction(async (tx) => {
      await tx
        .update(staffUsers)
        .set({
          mfaSecret: challenge.secret,
          mfaLastStep: step,
          recoveryCodes: recovery.hashes,
          mfaPendingSecret: null,
        })
        .where(eq(staffUsers.id, user.id));
      await tx.delete(loginChallenges).where(eq(loginChallenges.id, challenge.id));
      await appendEvent(tx, this.securityEvent('auth.mfa_enrolled', user.id, meta.ip));
    });
    const outcome = await this.startSession({ ...user, mfaSecret: challenge.secret }, meta, 'totp');
    return { ...outcome, recoveryCodes: recovery.codes };
  }

  async logout(sessionId: string, userId: string, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.sessions.end(tx, sessionId);
      await appendEvent(tx, {
        ...this.securityEvent('auth.logout', userId, meta.ip),
        payload: { sessionId },
      });
    });
  }

  /** Ends one of the member's own sessions, addressed by a prefix of its id (the full id stays server-side). */
  async endOwnSession(actor: Actor, idPrefix: string): Promise<void> {
    const target = (await this.sessions.list(actor.id)).find((s) => s.id.startsWith(idPrefix));
    if (!target) throw notFound('Session');
    await this.db.transaction(async (tx) => {
      await this.sessions.end(tx, target.id);
      await appendEvent(tx, {
        ...this.securityEvent('auth.session_ended', actor.id, actor.ip),
        payload: { sessionId: target.id.slice(0, 16) },
      });
    });
  }

  async me(userId: string): Promise<MeView> {
    const [row] = await this.db
      .select({ u: staffUsers, teamName: teams.name })
      .from(staffUsers)
      .leftJoin(teams, eq(teams.id, staffUsers.teamId))
      .where(eq(staffUsers.id, userId))
      .limit(1);
    if (!row) throw notFound('Staff member');
    const role = row.u.role as Role;
    return {
      id: row.u.id,
      name: row.u.name,
      email: row.u.email,
      role,
      teamId: row.u.teamId,
      teamName: row.teamName,
      languages: row.u.languages,
      locale: row.u.locale,
      absent: row.u.absent,
      emailNotifications: row.u.emailNotifications,
      mutedNotifications: row.u.mutedNotifications,
      mfaEnabled: row.u.mfaSecret !== null,
      mfaRequired: await this.mfaRequiredFor(role),
      permissions: [...permissionsOf(role)],
    };
  }

  async updateProfile(
    actor: Actor,
    patch: {
      name?: string | undefined;
      locale?: string | undefined;
      absent?: boolean | undefined;
      emailNotifications?: boolean | undefined;
      mutedNotifications?: string[] | undefined;
    },
  ): Promise<MeView> {
    const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length) {
      await this.db.transaction(async (tx) => {
        await tx.update(staffUsers).set(set).where(eq(staffUsers.id, actor.id));
        await appendEvent(tx, {
          ...this.securityEvent('staff.profile_updated', actor.id, actor.ip),
          payload: set,
        });
      });
    }
    return this.me(actor.id);
  }

  /** Changing one's password ends every other session of that person. */
  async changePassword(actor: Actor, sessionId: string, current: string, next: string): Promise<void> {
    const user = await this.userOrFail(actor.id);
    if (!(await verifyPassword(user.passwordHash, current)))
      throw new AppError(400, 'wrong_password', 'The current password is not correct', 'currentPassword');
    if (current === next)
      throw new AppError(
        400,
        'password_unchanged',
        'Choose a password you have not used here',
        'newPassword',
      );
    const passwordHash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await tx
        .update(staffUsers)
        .set({ passwordHash, passwordChangedAt: this.clock.now() })
        .where(eq(staffUsers.id, actor.id));
      const ended = await this.sessions.endAllOf(tx, actor.id, sessionId);
      await appendEvent(tx, {
        ...this.securityEvent('auth.password_changed', actor.id, actor.ip),
        payload: { sessionsEnded: ended },
      });
    });
  }

  async startMfaSetup(actor: Actor) {
    const user = await this.userOrFail(actor.id);
    if (user.mfaSecret) throw conflict('mfa_already_enabled', 'Two-factor authentication is already on');
    const secret = newTotpSecret();
    await this.db
      .update(staffUsers)
      .set({ mfaPendingSecret: this.box.seal(secret) })
      .where(eq(staffUsers.id, actor.id));
    return enrolmentFor(user.email, secret);
  }

  async confirmMfaSetup(actor: Actor, code: string): Promise<string[]> {
    const user = await this.userOrFail(actor.id);
    if (!user.mfaPendingSecret) throw conflict('mfa_setup_not_started', 'Start the two-factor setup first');
    const step = verifyTotp(this.box.open(user.mfaPendingSecret), code, this.clock.now(), null);
    if (step === null)
      throw new AppError(400, 'invalid_code', 'That code is not valid; check the time on your phone', 'code');
    const recovery = newRecoveryCodes();
    await this.db.transaction(async (tx) => {
      await tx
        .update(staffUsers)
        .set({
          mfaSecret: user.mfaPendingSecret,
          mfaPendingSecret: null,
          mfaLastStep: step,
          recoveryCodes: recovery.hashes,
        })
        .where(eq(staffUsers.id, actor.id));
      await appendEvent(tx, this.securityEvent('auth.mfa_enrolled', actor.id, actor.ip));
    });
    return recovery.codes;
  }

  async regenerateRecoveryCodes(actor: Actor, code: string): Promise<string[]> {
    const user = await this.requireCurrentCode(actor, code);
    const recovery = newRecoveryCodes();
    await this.db.transaction(async (tx) => {
      await tx.update(staffUsers).set({ recoveryCodes: recovery.hashes }).where(eq(staffUsers.id, user.id));
      await appendEvent(tx, this.securityEvent('auth.recovery_codes_regenerated', actor.id, actor.ip));
    });
    return recovery.codes;
  }

  async disableMfa(actor: Actor, code: string): Promise<void> {
    const user = await this.requireCurrentCode(actor, code);
    if (await this.mfaRequiredFor(user.role as Role))
      throw conflict(
        'mfa_required',
        'Two-factor authentication is required for your role and cannot be turned off',
      );
    await this.db.transaction(async (tx) => {
      await tx
        .update(staffUsers)
        .set({ mfaSecret: null, mfaLastStep: null, recoveryCodes: [] })
        .where(eq(staffUsers.id, user.id));
      await appendEvent(tx, this.securityEvent('auth.mfa_disabled', actor.id, actor.ip));
    });
  }

  async securitySettings(): Promise<{ mfaRequiredForAll: boolean }> {
    const [row] = await this.db.select().from(settings).where(eq(settings.key, SECURITY_KEY)).limit(1);
    const value = (row?.value ?? {}) as { mfaRequiredForAll?: boolean };
    return { mfaRequiredForAll: value.mfaRequiredForAll === true };
  }

  async updateSecuritySettings(actor: Actor, value: { mfaRequiredForAll: boolean }) {
    await this.db.transaction(async (tx) => {
      await tx
        .insert(settings)
        .values({ key: SECURITY_KEY, value, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: settings.key,
          set: { value, updatedBy: actor.id, updatedAt: this.clock.now() },
        });
      await appendEvent(tx, {
        type: 'settings.updated',
        subjectType: 'settings',
        subjectId: SECURITY_KEY,
        actorId: actor.id,
        ip: actor.ip,
        payload: value,
        audience: { permissions: ['settings.write'] },
      });
    });
    return value;
  }

  /** Admins always need a second factor; everyone else when the broker switches it on. */
  async mfaRequiredFor(role: Role): Promise<boolean> {
    return role === 'admin' || (await this.securitySettings()).mfaRequiredForAll;
  }

  async purgeExpiredChallenges(): Promise<void> {
    await this.db.delete(loginChallenges).where(lt(loginChallenges.expiresAt, this.clock.now()));
  }
}
