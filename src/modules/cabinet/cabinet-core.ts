import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/connection.js';
import type { Clock } from '../../core/clock.js';
import { BackgroundQueue } from '../../core/background-queue.js';
import { appendEvents, type NewEvent } from '../../core/events.js';
import { AppError, conflict, notFound } from '../../core/errors.js';
import type { RequestMeta } from '../../core/http.js';
import type { Mailer, OutgoingMail } from '../../integrations/mail/mailer.js';
import {
  clientAudience,
  clientRef,
  clientRefFields,
  clientRefs,
  emailOrLoginTaken,
  type ClientRef,
  type ClientService,
} from '../clients/index.js';
import { LoginThrottle, SessionStore, type SessionPolicy, type ThrottlePolicy } from '../identity/index.js';
import type { CabinetClientView } from './contracts.js';
import { traderAccounts } from './schema.js';
import { pendingLinkSentAt } from './tokens.js';

/** The clients' shared columns, joined with the cabinet's own trader accounts (see the clients face). */
export const clients = clientRefs('clients');

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

const HOUR = 3_600_000;
/**
 * A reset link is issued at a random moment within this long after the answer: the work (PGlite runs
 * in this thread) then does not reliably slow the caller's very next request either.
 */
export const RESET_SPREAD_MS = 1_000;
export const LOCKED =
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
 * What every part of the cabinet shares: the trader session store, the sign-in and hourly throttles,
 * the limits, and the helpers that read the client, mail it and record events. The parts build on it
 * (registration.ts, sign-in.ts, then CabinetService in cabinet-service.ts).
 */
export abstract class CabinetCore {
  /** Trader sessions: a separate kind, so a trader token never resolves in the staff store and back. */
  readonly sessions: SessionStore;
  protected readonly logins: LoginThrottle;
  /** Hour-long windows for registration, reset and resend limits. */
  protected readonly hourly: LoginThrottle;
  protected readonly limits: CabinetLimits;
  /** Reset links are issued after the answer: see requestReset. */
  protected readonly afterAnswer: BackgroundQueue;

  constructor(
    protected readonly db: Db,
    protected readonly clock: Clock,
    protected readonly deps: CabinetServiceDeps,
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

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────

  protected async view(clientId: string): Promise<CabinetClientView> {
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

  protected clientRow(tx: Executor, clientId: string): Promise<ClientRef> {
    return clientRef(tx, clientId);
  }

  /** Whether an email or login is already someone's email or login (optionally: someone else's). */
  protected identifierTaken(tx: Executor, value: string, except?: string): Promise<boolean> {
    return emailOrLoginTaken(tx, value, except);
  }

  /** Queues a mail to the client and writes `client.email_sent` on the timeline (subject and address only). */
  protected async mailClient(
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

  protected async securityEvent(
    tx: Executor,
    clientId: string,
    type: 'client.cabinet_password_changed' | 'client.cabinet_password_reset',
    payload: { sessionsEnded: number },
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
  protected async recordFailure(
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
  protected async spend(key: string, limit: number, what: string): Promise<void> {
    if (await this.hourly.blockedUntil(key)) throw rateLimited(what);
    await this.hourly.fail(key, limit);
  }

  /** Two concurrent registrations of one email (or logins) collide on the unique index: a 409, not a 500. */
  protected async guardUnique<T>(field: 'email' | 'login', work: () => Promise<T>): Promise<T> {
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

export const traderActor = (clientId: string, meta: RequestMeta) => ({
  actorId: clientId,
  actorKind: 'trader' as const,
  ip: meta.ip,
});

export function dropEmpty(utm: Record<string, string | undefined>) {
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
