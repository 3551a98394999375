import { randomInt } from 'node:crypto';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { appendEvents, type NewEvent } from '../../core/events.js';
import { AppError } from '../../core/errors.js';
import type { RequestMeta } from '../../core/http.js';
import { isStorable, storableCopy } from '../../core/primitives.js';
import { clientAudience, clientRefFields } from '../clients/index.js';
import { decoyHash, hashPassword, verifyPassword } from '../identity/index.js';
import { clients, LOCKED, RESET_SPREAD_MS, traderActor } from './cabinet-core.js';
import { CabinetRegistration } from './registration.js';
import { resetPasswordMail } from './mails.js';
import { traderAccounts } from './schema.js';
import { consumeToken, issueToken, retireTokens, spendClientToken } from './tokens.js';

/** Signing in and out, resolving a trader session, and the password reset by email. */
export abstract class CabinetSignIn extends CabinetRegistration {
  // ── sign-in ─────────────────────────────────────────────────────────────────────────────────────

  /** Email (or the login a manager chose) and password; lockout per account, rate limit per IP. */
  async login(typed: string, password: string, meta: RequestMeta) {
    // Unstorable text (a NUL, a broken character) is no one's email or login: a wrong sign-in like any
    // other, throttled and audited under a storable copy of what was typed.
    const storable = isStorable(typed);
    const identifier = storable ? typed : storableCopy(typed);
    const ipKey = `tip:${meta.ip ?? 'unknown'}`;
    if (await this.logins.blockedUntil(ipKey))
      throw new AppError(429, 'rate_limited', 'Too many sign-in attempts from your network; try again later');
    const found = storable
      ? await this.db
          .select({ c: clientRefFields(clients), a: traderAccounts })
          .from(clients)
          .innerJoin(traderAccounts, eq(traderAccounts.clientId, clients.id))
          .where(
            or(sql`lower(${clients.login}) = ${identifier}`, sql`lower(${clients.email}) = ${identifier}`),
          )
          .limit(2)
      : [];
    // A login is unique among logins and never another client's email, so at most one row is meant.
    const row = found.find((r) => r.c.login?.toLowerCase() === identifier) ?? found[0];
    const accountKey = `tacct:${row?.c.email?.toLowerCase() ?? identifier}`;
    if (await this.logins.blockedUntil(accountKey)) {
      await this.recordFailure(identifier, row?.c.id ?? null, 'locked', meta);
      throw new AppError(423, 'account_locked', LOCKED);
    }
    // Unknown logins cost one argon2 verification too, so timing does not tell which exist.
    const ok = await verifyPassword(row?.a.passwordHash ?? (await decoyHash()), password);
    if (!row || !ok) {
      await this.logins.fail(ipKey, this.deps.loginThrottle.ipFailures);
      const locked = row
        ? await this.logins.fail(accountKey, this.deps.loginThrottle.accountFailures)
        : false;
      const reason = row ? 'bad_password' : storable ? 'unknown_login' : 'unstorable_login';
      await this.recordFailure(identifier, row?.c.id ?? null, reason, meta);
      if (locked) throw new AppError(423, 'account_locked', LOCKED);
      throw new AppError(401, 'invalid_credentials', 'Wrong email or password');
    }
    await this.logins.clear(accountKey);
    const session = await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const s = await this.sessions.create(tx, row.c.id, meta);
      const signedIn: NewEvent[] = [
        {
          ...traderActor(row.c.id, meta),
          type: 'client.cabinet_login',
          subjectType: 'client',
          subjectId: row.c.id,
          payload: { clientName: row.c.name, userAgent: meta.userAgent },
          audience: clientAudience(row.c),
        },
      ];
      // The password a manager emailed, still unchanged, to the address still on file: the trader
      // read that mailbox, which is what a confirmation link would have proved.
      if (!row.a.emailConfirmedAt && (await spendClientToken(tx, row.c.id, 'emailed_password', now))) {
        await tx
          .update(traderAccounts)
          .set({ emailConfirmedAt: now })
          .where(and(eq(traderAccounts.clientId, row.c.id), isNull(traderAccounts.emailConfirmedAt)));
        signedIn.push({
          ...traderActor(row.c.id, meta),
          type: 'client.email_confirmed',
          subjectType: 'client',
          subjectId: row.c.id,
          payload: { email: row.c.email, clientName: row.c.name, via: 'emailed_password' },
          audience: clientAudience(row.c),
        });
      }
      await appendEvents(tx, signedIn);
      return s;
    });
    return { session, client: await this.view(row.c.id) };
  }

  async logout(sessionId: string): Promise<void> {
    await this.sessions.end(this.db, sessionId);
  }

  /** The live trader session behind a cookie token: its client must still have a cabinet. */
  async resolveSession(token: string): Promise<{ clientId: string; sessionId: string } | 'expired' | null> {
    const session = await this.sessions.resolve(token);
    if (session === null || session === 'expired') return session;
    const [account] = await this.db
      .select({ id: traderAccounts.clientId })
      .from(traderAccounts)
      .where(eq(traderAccounts.clientId, session.userId))
      .limit(1);
    return account ? { clientId: session.userId, sessionId: session.id } : null;
  }

  // ── password reset ──────────────────────────────────────────────────────────────────────────────

  /**
   * Always the same answer to the caller, after the same work: the limits, which count every request,
   * known email or not. Whether the email has a cabinet is looked up after answering, and only then is
   * a one-hour link created and emailed, so neither the time to answer nor a failure while issuing
   * the link tells whether the account exists. A request lost to a crash is simply asked for again.
   */
  async requestReset(email: string, meta: RequestMeta): Promise<void> {
    await this.spend(`treset-ip:${meta.ip ?? 'unknown'}`, this.limits.resetsPerIp, 'password reset requests');
    await this.spend(`treset:${email}`, this.limits.resetsPerEmail, 'password reset requests for this email');
    this.afterAnswer.push(() => this.sendResetLink(email, meta), randomInt(RESET_SPREAD_MS));
  }

  /** Resolves once the work queued after answering is done (shutdown, tests, benchmarks). */
  settled(): Promise<void> {
    return this.afterAnswer.idle();
  }

  protected async sendResetLink(email: string, meta: RequestMeta): Promise<void> {
    const [row] = await this.db
      .select({ c: clientRefFields(clients) })
      .from(clients)
      .innerJoin(traderAccounts, eq(traderAccounts.clientId, clients.id))
      .where(sql`lower(${clients.email}) = ${email}`)
      .limit(1);
    if (!row) return;
    await this.db.transaction(async (tx) => {
      const token = await issueToken(tx, row.c.id, 'reset_password', this.clock.now());
      await this.mailClient(
        tx,
        row.c,
        resetPasswordMail(this.deps.baseUrl, row.c.name, token),
        traderActor(row.c.id, meta),
      );
    });
    void this.deps.mailer.flush().catch(() => {});
  }

  /** Sets the new password, spends the link, ends every cabinet session and lifts a lockout. */
  async confirmReset(token: string, password: string, meta: RequestMeta): Promise<void> {
    const passwordHash = await hashPassword(password);
    const email = await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const clientId = await consumeToken(tx, token, 'reset_password', now);
      const client = await this.clientRow(tx, clientId);
      // Opening the emailed link proves the address too.
      await tx
        .update(traderAccounts)
        .set({
          passwordHash,
          passwordChangedAt: now,
          emailConfirmedAt: sql`coalesce(${traderAccounts.emailConfirmedAt}, ${now})`,
        })
        .where(eq(traderAccounts.clientId, clientId));
      await retireTokens(tx, clientId, 'emailed_password', now);
      const ended = await this.sessions.endAllOf(tx, clientId);
      await this.securityEvent(tx, clientId, 'client.cabinet_password_reset', { sessionsEnded: ended }, meta);
      return client.email;
    });
    if (email) await this.logins.clear(`tacct:${email.toLowerCase()}`);
  }

  async purgeExpired(): Promise<void> {
    await this.sessions.purgeExpired();
  }
}
