import { randomInt } from 'node:crypto';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import type { Clock } from '../../core/clock.js';
import { isStorable, storableCopy } from '../../core/primitives.js';
import { BackgroundQueue } from '../../core/background-queue.js';
import { appendEvents, type NewEvent } from '../../core/events.js';
import { AppError, badRequest, conflict, notFound } from '../../core/errors.js';
import type { Mailer, OutgoingMail } from '../../integrations/mail/mailer.js';
import {
  clientAudience,
  clientRef,
  clientRefFields,
  clientRefs,
  emailOrLoginTaken,
  lockClient,
  setClientLogin,
  updateContactByTrader,
  type ClientRef,
  type ClientService,
} from '../clients/index.js';
import {
  decoyHash,
  generatePassword,
  hashPassword,
  LoginThrottle,
  SessionStore,
  verifyPassword,
  type SessionPolicy,
  type ThrottlePolicy,
} from '../identity/index.js';
import type { Actor } from '../../core/actor.js';
import type { RequestMeta } from '../../core/http.js';
import type { CabinetClientView, RegisterInput } from './contracts.js';
import { cabinetReadyMail, confirmEmailMail, resetPasswordMail } from './mails.js';
import { traderAccounts } from './schema.js';
import { consumeToken, issueToken, pendingLinkSentAt, retireTokens, spendClientToken } from './tokens.js';

/** Hourly limits on the cabinet's unauthenticated writes (beyond them: 429). */
export interface CabinetLimits {
  registrationsPerIp: number;
  resetsPerIp: number;
  resetsPerEmail: number;
  confirmationResends: number;
}

export const DEFAULT_CABINET_LIMITS: CabinetLimits = {
  registrationsPerIp: 10,
  resetsPerIp: 20,
  resetsPerEmail: 5,
  confirmationResends: 5,
};

/** The clients' shared columns, joined with the cabinet's own trader accounts (see the clients face). */
const clients = clientRefs('clients');

const HOUR = 3_600_000;
/**
 * A reset link is issued at a random moment within this long after the answer: the work (PGlite runs
 * in this thread) then does not reliably slow the caller's very next request either.
 */
const RESET_SPREAD_MS = 1_000;
const LOCKED =
  'This cabinet is temporarily locked after repeated failed sign-ins; try again later or reset your password';
const rateLimited = (what: string) => new AppError(429, 'rate_limited', `Too many ${what}; try again later`);

export interface CabinetServiceDeps {
  clients: ClientService;
  mailer: Mailer;
  baseUrl: string;
  sessionPolicy: SessionPolicy;
  loginThrottle: ThrottlePolicy;
  limits?: CabinetLimits;
  /** Failures of work done after answering (issuing a reset link). */
  onError?: (err: unknown) => void;
}

/**
 * The trader's cabinet: self-registration (situation 1), the cabinet a manager opens for a client
 * (situation 2), email confirmation, sign-in with its own sessions (kind 'trader', cookie `bd_tsid`),
 * profile, password change and reset. Traders act on their own client record only; every change is a
 * domain event on that client, so the manager sees it on the timeline and live.
 */
export class CabinetService {
  /** Trader sessions: a separate kind, so a trader token never resolves in the staff store and back. */
  readonly sessions: SessionStore;
  private readonly logins: LoginThrottle;
  /** Hour-long windows for registration, reset and resend limits. */
  private readonly hourly: LoginThrottle;
  private readonly limits: CabinetLimits;
  /** Reset links are issued after the answer: see requestReset. */
  private readonly afterAnswer: BackgroundQueue;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deps: CabinetServiceDeps,
  ) {
    this.sessions = new SessionStore(db, clock, deps.sessionPolicy, 'trader');
    this.logins = new LoginThrottle(db, clock, deps.loginThrottle);
    this.hourly = new LoginThrottle(db, clock, {
      accountFailures: 0,
      ipFailures: 0,
      windowMs: HOUR,
      lockMs: HOUR,
    });
    this.limits = deps.limits ?? DEFAULT_CABINET_LIMITS;
    this.afterAnswer = new BackgroundQueue((err) => deps.onError?.(err));
  }

  // ── registration ────────────────────────────────────────────────────────────────────────────────

  /**
   * Situation 1: a visitor registers. One transaction creates the client (manager assigned by the
   * rules and notified), the cabinet account, the status move Lead → Demo, the confirmation link and
   * its email, and the first session. The email is delivered after commit.
   */
  async register(input: RegisterInput, meta: RequestMeta) {
    await this.spend(
      `reg:${meta.ip ?? 'unknown'}`,
      this.limits.registrationsPerIp,
      'registrations from your network',
    );
    const passwordHash = await hashPassword(input.password);
    const now = this.clock.now();
    const utm = input.utm ? dropEmpty(input.utm) : {};
    const result = await this.guardUnique('email', () =>
      this.db.transaction(async (tx) => {
        if (await this.identifierTaken(tx, input.email))
          throw conflict(
            'email_taken',
            'An account with this email already exists. Sign in or reset your password; if you never had a cabinet, contact support.',
            'email',
          );
        const created = await this.deps.clients.createInTx(
          tx,
          {
            name: input.name,
            email: input.email,
            phone: input.phone,
            country: input.country,
            language: input.language,
            source: input.source ?? utm.source ?? 'website',
            utm,
            referralCode: input.referralCode || null,
            login: input.email,
          },
          { actor: { id: null, ip: meta.ip }, kind: 'registration' },
        );
        await tx.insert(traderAccounts).values({
          clientId: created.id,
          passwordHash,
          termsAcceptedAt: now,
          riskAcceptedAt: now,
          passwordChangedAt: now,
          createdAt: now,
        });
        await this.deps.clients.applyTrigger(tx, created.id, 'cabinet_registered', {
          actorId: created.id,
          actorKind: 'trader',
          ip: meta.ip,
          payload: { via: 'self_registration' },
        });
        const token = await issueToken(tx, created.id, 'confirm_email', now);
        await this.mailClient(
          tx,
          created,
          confirmEmailMail(this.deps.baseUrl, created.name, token),
          traderActor(created.id, meta),
        );
        const session = await this.sessions.create(tx, created.id, meta);
        return { clientId: created.id, session };
      }),
    );
    void this.deps.mailer.flush().catch(() => {});
    return { session: result.session, client: await this.view(result.clientId) };
  }

  /**
   * Situation 2: a manager opens the cabinet; the generated password exists only in the email. No
   * confirmation link is sent: signing in with that password proves the address (see `login`).
   */
  async openByStaff(actor: Actor, clientId: string, requestedLogin: string | undefined) {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    const outcome = await this.guardUnique('login', () =>
      this.db.transaction(async (tx) => {
        const client = await lockClient(tx, clientId);
        if (!client.email)
          throw badRequest(
            'email_required',
            'Add the client’s email first: the password is sent there',
            'email',
          );
        const [existing] = await tx
          .select({ id: traderAccounts.clientId })
          .from(traderAccounts)
          .where(eq(traderAccounts.clientId, clientId))
          .limit(1);
        if (existing) throw conflict('already_registered', 'This client already has a cabinet');
        const login = (requestedLogin ?? client.email).toLowerCase();
        if (await this.identifierTaken(tx, login, clientId))
          throw conflict('login_taken', 'This login is already used by another client', 'login');
        await setClientLogin(tx, clientId, login, now);
        await tx
          .insert(traderAccounts)
          .values({ clientId, passwordHash, passwordChangedAt: now, createdAt: now });
        await issueToken(tx, clientId, 'emailed_password', now);
        const status = await this.deps.clients.applyTrigger(tx, clientId, 'cabinet_registered', {
          actorId: actor.id,
          actorKind: 'staff',
          ip: actor.ip,
          payload: { via: 'staff', login },
        });
        await this.mailClient(tx, client, cabinetReadyMail(this.deps.baseUrl, client.name, login, password), {
          actorId: actor.id,
          actorKind: 'staff',
          ip: actor.ip,
        });
        return { login, status, emailedTo: client.email };
      }),
    );
    void this.deps.mailer.flush().catch(() => {});
    return outcome;
  }

  // ── email confirmation ──────────────────────────────────────────────────────────────────────────

  async confirmEmail(token: string, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const clientId = await consumeToken(tx, token, 'confirm_email', now);
      const client = await this.clientRow(tx, clientId);
      await tx
        .update(traderAccounts)
        .set({ emailConfirmedAt: sql`coalesce(${traderAccounts.emailConfirmedAt}, ${now})` })
        .where(eq(traderAccounts.clientId, clientId));
      await appendEvents(tx, [
        {
          ...traderActor(clientId, meta),
          type: 'client.email_confirmed',
          subjectType: 'client',
          subjectId: clientId,
          payload: { email: client.email, clientName: client.name },
          audience: clientAudience(client),
        },
      ]);
    });
  }

  async resendConfirmation(clientId: string, meta: RequestMeta): Promise<void> {
    const [account] = await this.db
      .select()
      .from(traderAccounts)
      .where(eq(traderAccounts.clientId, clientId))
      .limit(1);
    if (account?.emailConfirmedAt) throw conflict('already_confirmed', 'Your email is already confirmed');
    await this.spend(`tresend:${clientId}`, this.limits.confirmationResends, 'confirmation emails');
    await this.db.transaction(async (tx) => {
      const client = await this.clientRow(tx, clientId);
      if (!client.email) throw badRequest('email_required', 'There is no email to confirm', 'email');
      const token = await issueToken(tx, clientId, 'confirm_email', this.clock.now());
      await this.mailClient(
        tx,
        client,
        confirmEmailMail(this.deps.baseUrl, client.name, token),
        traderActor(clientId, meta),
      );
    });
    void this.deps.mailer.flush().catch(() => {});
  }

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

  // ── own profile ─────────────────────────────────────────────────────────────────────────────────

  async me(clientId: string): Promise<CabinetClientView> {
    return this.view(clientId);
  }

  async updateProfile(
    clientId: string,
    patch: { phone?: string | undefined; language?: string | undefined; country?: string | undefined },
    meta: RequestMeta,
  ): Promise<CabinetClientView> {
    await this.db.transaction((tx) =>
      updateContactByTrader(tx, clientId, patch, traderActor(clientId, meta), this.clock.now()),
    );
    return this.view(clientId);
  }

  /** Changing the password ends every other cabinet session of the trader; this one stays. */
  async changePassword(
    clientId: string,
    sessionId: string,
    current: string,
    next: string,
    meta: RequestMeta,
  ) {
    const [account] = await this.db
      .select()
      .from(traderAccounts)
      .where(eq(traderAccounts.clientId, clientId))
      .limit(1);
    if (!account) throw notFound('Cabinet');
    if (!(await verifyPassword(account.passwordHash, current)))
      throw badRequest('wrong_password', 'The current password is not correct', 'currentPassword');
    if (current === next) throw badRequest('password_unchanged', 'Choose a new password', 'newPassword');
    const passwordHash = await hashPassword(next);
    await this.db.transaction(async (tx) => {
      await tx
        .update(traderAccounts)
        .set({ passwordHash, passwordChangedAt: this.clock.now() })
        .where(eq(traderAccounts.clientId, clientId));
      // The emailed password no longer signs in, so it can no longer prove the address.
      await retireTokens(tx, clientId, 'emailed_password', this.clock.now());
      const ended = await this.sessions.endAllOf(tx, clientId, sessionId);
      await this.securityEvent(
        tx,
        clientId,
        'client.cabinet_password_changed',
        { sessionsEnded: ended },
        meta,
      );
    });
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

  private async sendResetLink(email: string, meta: RequestMeta): Promise<void> {
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

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────

  private async view(clientId: string): Promise<CabinetClientView> {
    const [row] = await this.db
      .select({ c: clientRefFields(clients), a: traderAccounts })
      .from(clients)
      .innerJoin(traderAccounts, eq(traderAccounts.clientId, clients.id))
      .where(eq(clients.id, clientId))
      .limit(1);
    if (!row) throw notFound('Cabinet');
    const { c, a } = row;
    const linkSentAt = a.emailConfirmedAt
      ? null
      : await pendingLinkSentAt(this.db, clientId, 'confirm_email', this.clock.now());
    return {
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      country: c.country,
      language: c.language,
      login: c.login,
      status: c.status,
      emailConfirmed: a.emailConfirmedAt !== null,
      confirmationLinkSentAt: linkSentAt?.toISOString() ?? null,
      createdAt: c.createdAt.toISOString(),
    };
  }

  private clientRow(tx: Executor, clientId: string): Promise<ClientRef> {
    return clientRef(tx, clientId);
  }

  /** Whether an email or login is already someone's email or login (optionally: someone else's). */
  private identifierTaken(tx: Executor, value: string, except?: string): Promise<boolean> {
    return emailOrLoginTaken(tx, value, except);
  }

  /** Queues a mail to the client and writes `client.email_sent` on the timeline (subject and address only). */
  private async mailClient(
    tx: Executor,
    client: ClientRef,
    mail: Omit<OutgoingMail, 'to'>,
    actor: Pick<NewEvent, 'actorId' | 'actorKind' | 'ip'>,
  ): Promise<void> {
    const to = client.email!;
    await this.deps.mailer.queue(tx, { ...mail, to });
    await appendEvents(tx, [
      {
        ...actor,
        type: 'client.email_sent',
        subjectType: 'client',
        subjectId: client.id,
        payload: { subject: mail.subject, to, clientName: client.name },
        audience: clientAudience(client),
      },
    ]);
  }

  private async securityEvent(
    tx: Executor,
    clientId: string,
    type: string,
    payload: Record<string, unknown>,
    meta: RequestMeta,
  ) {
    const client = await this.clientRow(tx, clientId);
    await appendEvents(tx, [
      {
        ...traderActor(clientId, meta),
        type,
        subjectType: 'client',
        subjectId: clientId,
        payload: { ...payload, clientName: client.name },
        audience: clientAudience(client),
      },
    ]);
  }

  /** Failed cabinet sign-ins go to the audit trail (not the client timeline). */
  private async recordFailure(
    identifier: string,
    clientId: string | null,
    reason: string,
    meta: RequestMeta,
  ) {
    await this.db.transaction((tx) =>
      appendEvents(tx, [
        {
          type: 'portal.login_failed',
          subjectType: clientId ? 'trader' : null,
          subjectId: clientId,
          actorKind: 'trader',
          ip: meta.ip,
          payload: { login: identifier, reason, userAgent: meta.userAgent },
          audience: { permissions: ['audit.read'] },
        },
      ]),
    );
  }

  /** Counts one use of an hourly allowance; refuses with 429 once it is spent. */
  private async spend(key: string, limit: number, what: string): Promise<void> {
    if (await this.hourly.blockedUntil(key)) throw rateLimited(what);
    await this.hourly.fail(key, limit);
  }

  /** Two concurrent registrations of one email (or logins) collide on the unique index: a 409, not a 500. */
  private async guardUnique<T>(field: 'email' | 'login', work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw field === 'email'
        ? conflict('email_taken', 'An account with this email already exists', 'email')
        : conflict('login_taken', 'This login is already used by another client', 'login');
    }
  }
}

const traderActor = (clientId: string, meta: RequestMeta) => ({
  actorId: clientId,
  actorKind: 'trader' as const,
  ip: meta.ip,
});

function dropEmpty(utm: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(utm).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;
}

function isUniqueViolation(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (e.code === '23505') return true;
    e = e.cause as typeof e;
  }
  return false;
}
