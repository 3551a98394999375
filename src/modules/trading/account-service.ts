import { and, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import { appendEvents, type NewEvent, type Viewer } from '../../core/events.js';
import { AppError, badRequest, conflict } from '../../core/errors.js';
import type { Db, Executor } from '../../db/connection.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import {
  assertClientVisible,
  clientAudience,
  clientRef,
  lockClient,
  type ClientRef,
  type ClientService,
} from '../clients/index.js';
import type { Actor } from '../../core/actor.js';
import { cabinetEmailConfirmed } from '../cabinet/index.js';
import { AccountReads, toAccountView } from './account-reads.js';
import type { OpenedAccountView, onlineQuery, openAccountInput } from './contracts.js';
import { accountCredentialsMail } from './credentials-mail.js';
import { onlineNow } from './online-reads.js';
import type { AccountSnapshot, TradingPlatform } from './platform.js';
import { tradingAccounts, type AccountKind } from './schema.js';

/** How many accounts of each kind one client may hold. */
export const MAX_ACCOUNTS_PER_KIND = 3;

/** Who opens the account: the trader in the cabinet, or a staff member on the client card. */
export type Opener =
  { kind: 'trader'; clientId: string; ip: string | null } | { kind: 'staff'; viewer: Viewer; actor: Actor };

export interface AccountServiceDeps {
  platform: TradingPlatform;
  clients: ClientService;
  mailer: Mailer;
  /** Where an account opened on the platform but refused here is reported (pino-style). */
  log?: { warn(obj: object, msg: string): void };
}

/**
 * Trading accounts: opening them on the platform (cabinet and staff) and every read of the mirrored
 * data. The platform is an outside system, so it is called before the database transaction that
 * records the account, moves the client's status and queues the credentials email.
 */
export class AccountService {
  readonly read: AccountReads;
  /**
   * Opens per client run one at a time in this process, so a double click does not even reach the
   * platform past the limit. Across instances the limit is enforced again in `record()`, under the
   * client row's lock; an account the platform opened meanwhile is then left unrecorded and logged.
   */
  private readonly opening = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deps: AccountServiceDeps,
  ) {
    this.read = new AccountReads(db, clock);
  }

  online(viewer: Viewer, q: z.output<typeof onlineQuery>) {
    return onlineNow(this.db, viewer, q);
  }

  /**
   * Opens an account on the platform and records it. The terminal passwords are returned here and
   * emailed to the client, and never stored by BrokerDesk.
   */
  async open(
    opener: Opener,
    clientId: string,
    input: z.output<typeof openAccountInput>,
  ): Promise<OpenedAccountView> {
    return this.oneAtATime(clientId, async () => {
      const client = await this.checkAllowed(opener, clientId, input.kind);
      const { platform } = this.deps;
      // No demoDeposit: a demo account gets the platform's own default virtual money for its currency.
      const opened = await platformCall(() =>
        platform.openAccount({
          clientId,
          name: client.name,
          email: client.email,
          kind: input.kind,
          currency: input.currency,
          leverage: input.leverage,
        }),
      );
      // The account exists on the platform now and must be recorded even if this read fails; the
      // platform's first account event then fills the state in.
      const snapshot = await platform.readAccount(opened.login).catch(() => null);
      const row = await this.db
        .transaction((tx) => this.record(tx, opener, clientId, input, opened.login, snapshot, opened))
        .catch((err: unknown) => {
          if (err instanceof AppError && err.code === 'account_limit_reached')
            (this.deps.log ?? consoleWarn).warn(
              { clientId, login: opened.login, kind: input.kind, platform: platform.name },
              'orphaned trading account: opened on the platform, refused by the account limit',
            );
          throw err;
        });
      void this.deps.mailer.flush().catch(() => {});
      return { account: toAccountView(row, 0), credentials: { ...opened } };
    });
  }

  /** Scope, email confirmation (cabinet, live), a mail address for the credentials, and the limit. */
  private async checkAllowed(opener: Opener, clientId: string, kind: AccountKind): Promise<ClientRef> {
    const client =
      opener.kind === 'staff'
        ? await assertClientVisible(this.db, opener.viewer, clientId)
        : await clientRef(this.db, clientId);
    if (opener.kind === 'trader' && kind === 'live') {
      if (!(await cabinetEmailConfirmed(this.db, clientId)))
        throw new AppError(
          403,
          'email_not_confirmed',
          'Confirm your email address before opening a live account',
        );
    }
    if (!client.email)
      throw badRequest(
        'email_required',
        'Add the client’s email first: the account credentials are sent there',
        'email',
      );
    await assertBelowLimit(this.db, clientId, kind);
    return client;
  }

  private async record(
    tx: Executor,
    opener: Opener,
    clientId: string,
    input: z.output<typeof openAccountInput>,
    login: string,
    snapshot: AccountSnapshot | null,
    credentials: OpenedAccountView['credentials'],
  ) {
    const client = await lockClient(tx, clientId);
    // Again under the client row's lock: another instance may have recorded one since checkAllowed.
    await assertBelowLimit(tx, clientId, input.kind);
    const now = this.clock.now();
    const [row] = await tx
      .insert(tradingAccounts)
      .values({
        clientId,
        platform: this.deps.platform.name,
        login,
        kind: input.kind,
        currency: input.currency,
        leverage: input.leverage,
        // Seeded from the platform with stateSeq 0, so the account's first event (seq ≥ 1) replaces it.
        ...(snapshot
          ? {
              balance: snapshot.balance,
              credit: snapshot.credit,
              equity: snapshot.equity,
              margin: snapshot.margin,
              freeMargin: snapshot.freeMargin,
              marginLevel: snapshot.marginLevel,
              stateAt: now,
            }
          : {}),
        stateSeq: 0,
        createdAt: now,
      })
      .returning();
    const account = row!;
    const actor = actorFields(opener, clientId);
    await this.deps.clients.applyTrigger(
      tx,
      clientId,
      input.kind === 'live' ? 'live_account_opened' : 'demo_account_opened',
      { ...actor, payload: { accountId: account.id, login } },
    );
    const payload = {
      accountId: account.id,
      login,
      kind: input.kind,
      currency: input.currency,
      leverage: input.leverage,
      clientName: client.name,
    };
    const mail = accountCredentialsMail(client.name, input.kind, input, credentials);
    await this.deps.mailer.queue(tx, { ...mail, to: client.email! });
    await appendEvents(tx, [
      {
        ...actor,
        type: 'trading.account_opened',
        subjectType: 'client',
        subjectId: clientId,
        payload,
        audience: clientAudience(client),
        // A live account is money coming in: the manager hears of it, unless they opened it themselves.
        notify:
          input.kind === 'live' && client.managerId && client.managerId !== actor.actorId
            ? [{ userId: client.managerId, payload: { ...payload, clientId } }]
            : [],
      },
      {
        ...actor,
        type: 'client.email_sent',
        subjectType: 'client',
        subjectId: clientId,
        payload: { subject: mail.subject, to: client.email, clientName: client.name },
        audience: clientAudience(client),
      },
    ]);
    return account;
  }

  private async oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
    const prior = this.opening.get(key) ?? Promise.resolve();
    const run = prior.catch(() => {}).then(work);
    this.opening.set(key, run);
    try {
      return await run;
    } finally {
      if (this.opening.get(key) === run) this.opening.delete(key);
    }
  }
}

async function assertBelowLimit(db: Executor, clientId: string, kind: AccountKind) {
  const [held] = await db
    .select({ n: count() })
    .from(tradingAccounts)
    .where(and(eq(tradingAccounts.clientId, clientId), eq(tradingAccounts.kind, kind)));
  if ((held?.n ?? 0) >= MAX_ACCOUNTS_PER_KIND)
    throw conflict(
      'account_limit_reached',
      `A client may hold at most ${MAX_ACCOUNTS_PER_KIND} ${kind} accounts`,
      'kind',
      { limit: MAX_ACCOUNTS_PER_KIND },
    );
}

const consoleWarn = { warn: (obj: object, msg: string) => console.warn(msg, obj) };

function actorFields(opener: Opener, clientId: string): Pick<NewEvent, 'actorId' | 'actorKind' | 'ip'> {
  return opener.kind === 'staff'
    ? { actorId: opener.actor.id, actorKind: 'staff', ip: opener.actor.ip }
    : { actorId: clientId, actorKind: 'trader', ip: opener.ip };
}

/** The platform's own refusals (AppError) and a database outage pass through; anything else means it could not be reached. */
async function platformCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    // The simulator keeps its accounts in our database: its outage is ours (503), not the platform's.
    if (err instanceof AppError || isDatabaseUnavailable(err)) throw err;
    throw Object.assign(
      new AppError(502, 'platform_unavailable', 'The trading platform did not answer; try again later'),
      { cause: err },
    );
  }
}
