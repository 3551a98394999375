import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { IdempotentCommit } from '../../core/idempotency.js';
import type { Db, Executor } from '../../db/connection.js';
import type { OutgoingMail } from '../../integrations/mail/mailer.js';
import { toDecimal } from '../../shared/payments.js';
import type { PortalPaymentView } from '../../shared/contracts/payments.js';
import { clientRef } from '../clients/index.js';
import type { TradingPlatform } from '../trading/index.js';
import type { PaymentProvider } from './provider.js';
import { paymentRequests } from './schema.js';
import {
  assertFreeMargin,
  assertVerified,
  feeOf,
  ownLiveAccount,
  payoutSystem,
  type WithdrawalInput,
} from './withdrawals-checks.js';
import {
  holdOpId,
  ledgerEntry,
  lockWithdrawal,
  mailTrader,
  portalView,
  withdrawalEvent,
  withdrawalMail,
  type Acting,
  type RequestRow,
} from './withdrawals-records.js';
import { WithdrawalActions } from './withdrawals-actions.js';

/** The payment settings a withdrawal reads (payments' settings service). */
export interface WithdrawalSettings {
  twoPersonThreshold: number;
  rejectionReasons: readonly { code: string; label: string }[];
}

export interface WithdrawalDeps {
  db: Db;
  clock: Clock;
  platform: Pick<TradingPlatform, 'name' | 'balanceOperation' | 'readAccount'>;
  /** The provider adapter by name (automatic systems pay out through it). */
  provider: (name: string) => PaymentProvider | undefined;
  mailer: { queue(tx: Executor, mail: OutgoingMail): Promise<void> };
  settings: () => Promise<WithdrawalSettings>;
  /** Minor units of `currency` → minor units of the base currency (the two-person threshold's). */
  toBase: (db: Executor, amount: number, currency: string) => Promise<number>;
  /** `POST /api/payments/callbacks/:provider`, absolute. */
  callbackUrl: (provider: string) => string;
  log?: { warn(obj: object, msg: string): void };
}

/** A hold not recorded this long after its request was made is posted again by the retry job. */
const HOLD_RETRY_AFTER_MS = 60_000;

/**
 * Withdrawals: the trader asks from the cabinet; the amount is held on the platform at once (a
 * withdrawal balance operation `wd:<id>`, so it cannot be traded away); finance approves (two people
 * above the threshold), then marks it paid or the provider pays it out; or rejects it with a reason
 * and the hold is released (`wdr:<id>`). Approve, pay, reject and the provider's payout callbacks are
 * in WithdrawalActions (`actions`).
 *
 * The hold is posted before it is recorded: the platform may refuse it (the free margin moved since
 * the check), and then nothing is left behind. The request row is written first, so a hold whose
 * recording was lost (a crash, the database away) is found by `retryHolds` and recorded then.
 */
export class WithdrawalService {
  readonly actions: WithdrawalActions;

  constructor(private readonly deps: WithdrawalDeps) {
    this.actions = new WithdrawalActions(deps);
  }

  /** The trader's request: checked, held on the platform, recorded; answers the trader's view. */
  async request(
    trader: { clientId: string; ip: string | null },
    input: WithdrawalInput,
    commit: IdempotentCommit = (fn) => this.deps.db.transaction(fn),
  ): Promise<{ request: PortalPaymentView }> {
    const { db, platform, clock } = this.deps;
    const account = await ownLiveAccount(db, platform.name, trader.clientId, input.login);
    const client = await clientRef(db, trader.clientId);
    const system = await payoutSystem(db, input, account, client);
    await assertVerified(db, trader.clientId);
    await assertFreeMargin(platform, account, input.amount);

    const id = randomUUID();
    const now = clock.now();
    const [row] = await db
      .insert(paymentRequests)
      .values({
        id,
        direction: 'withdrawal',
        clientId: trader.clientId,
        login: account.login,
        systemId: system.id,
        status: 'requested',
        amount: input.amount,
        currency: account.currency,
        accountCurrency: account.currency,
        accountAmount: input.amount,
        fee: feeOf(system, input.amount),
        provider: system.provider,
        details: input.details,
        requestedBy: 'trader',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const posted = await this.postHold(row!);
    if (posted instanceof AppError) {
      // The platform refused the hold: the request never existed for anyone (no event, no ledger).
      await db.delete(paymentRequests).where(eq(paymentRequests.id, id));
      throw posted;
    }
    const acting: Acting = { kind: 'trader', id: trader.clientId, ip: trader.ip };
    if (posted === 'failed') return { request: portalView(row!, system, null) };
    return commit(async (tx) => ({ request: await this.recordHold(tx, row!.id, acting) }));
  }

  /**
   * Posts the hold (idempotent on the platform by op id). An AppError: the platform refused it (the
   * free margin); `failed`: it could not be reached, the request is marked and retried.
   */
  private async postHold(r: RequestRow): Promise<'posted' | 'failed' | AppError> {
    try {
      await this.deps.platform.balanceOperation(r.login, {
        id: holdOpId(r.id),
        kind: 'withdrawal',
        amount: -toDecimal(r.amount, r.accountCurrency),
        comment: `Withdrawal ${r.id} (held until paid or rejected)`,
      });
      return 'posted';
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return err;
      this.deps.log?.warn({ err, requestId: r.id }, 'withdrawal hold could not be posted; retrying later');
      await this.deps.db
        .update(paymentRequests)
        .set({ problem: 'posting_failed', problemAt: this.deps.clock.now() })
        .where(eq(paymentRequests.id, r.id));
      return 'failed';
    }
  }

  /** Records a posted hold once: ledger entry, the request marked held, event, the trader's email. */
  private async recordHold(tx: Executor, id: string, actor: Acting): Promise<PortalPaymentView> {
    const { r: locked, system } = await lockWithdrawal(tx, id);
    const now = this.deps.clock.now();
    if (locked.postedAt) return portalView(locked, system, null);
    const [r] = await tx
      .update(paymentRequests)
      .set({ platformOpId: holdOpId(id), postedAt: now, problem: null, problemAt: null, updatedAt: now })
      .where(eq(paymentRequests.id, id))
      .returning();
    await ledgerEntry(
      tx,
      r!,
      { entry: 'withdrawal_hold', amount: -r!.amount, requestAmount: r!.amount, platformOpId: holdOpId(id) },
      actor,
      now,
    );
    const client = await clientRef(tx, r!.clientId);
    await withdrawalEvent(tx, 'withdrawal.requested', r!, system, client, actor, {});
    await mailTrader(tx, this.deps.mailer, client, withdrawalMail('requested', r!, client.name));
    return portalView(r!, system, null);
  }

  /**
   * The retry job: holds posted but not recorded (or not posted: the platform was away) are posted
   * again — the platform ignores a repeated op id — and recorded; a hold the platform now refuses
   * ends the request as rejected (nothing was held). Returns how many requests it settled.
   */
  async retryHolds(): Promise<number> {
    const { db, clock } = this.deps;
    const stale = await db
      .select()
      .from(paymentRequests)
      .where(
        and(
          eq(paymentRequests.direction, 'withdrawal'),
          eq(paymentRequests.status, 'requested'),
          isNull(paymentRequests.postedAt),
          lt(paymentRequests.createdAt, new Date(clock.now().getTime() - HOLD_RETRY_AFTER_MS)),
        ),
      )
      .limit(100);
    let settled = 0;
    const system: Acting = { kind: 'system', id: null, ip: null };
    for (const r of stale) {
      const posted = await this.postHold(r);
      if (posted === 'failed') continue;
      settled += 1;
      if (posted === 'posted') await db.transaction((tx) => this.recordHold(tx, r.id, system));
      else await this.actions.rejectUnheld(r.id, posted.message);
    }
    return settled;
  }
}
