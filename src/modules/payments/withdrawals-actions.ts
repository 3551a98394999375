import { and, eq, inArray, isNull, lt } from 'drizzle-orm';
import { AppError, badRequest, conflict } from '../../core/errors.js';
import type { Executor } from '../../db/connection.js';
import { toDecimal } from '../../shared/payments.js';
import { clientRef } from '../clients/index.js';
import { paymentRequests } from './schema.js';
import type { WithdrawalDeps } from './withdrawals.js';
import {
  expectStatus,
  ledgerEntry,
  lockWithdrawal,
  mailTrader,
  releaseOpId,
  withdrawalEvent,
  withdrawalMail,
  type Acting,
  type RequestRow,
  type SystemRow,
} from './withdrawals-records.js';

type Staff = { id: string; ip: string | null };
/**
 * Runs a step's transaction (the route's idempotent commit, which stores what it returns as the
 * answer: the route turns the row into its view inside it). Work after the commit reads the row again.
 */
export type StepCommit<V> = (fn: (tx: Executor) => Promise<RequestRow>) => Promise<V>;
const staffActing = (s: Staff): Acting => ({ kind: 'staff', id: s.id, ip: s.ip });
const SYSTEM: Acting = { kind: 'system', id: null, ip: null };

/** Statuses a withdrawal may be rejected from (its hold is still on the platform). */
const REJECTABLE = ['requested', 'approved_once', 'approved', 'payout_failed'] as const;
/** A release the platform did not take is posted again after this long. */
const RELEASE_RETRY_AFTER_MS = 60_000;

/**
 * Finance's steps on a withdrawal, each one transaction on the locked request: approve (two people
 * above the threshold: approver ≠ requester ≠ first approver), mark paid (manual systems), pay out
 * through the provider (automatic systems, after the final approval), reject with a reason (the hold
 * released), and the provider's payout callbacks. Platform postings happen after the commit.
 */
export class WithdrawalActions {
  constructor(private readonly deps: WithdrawalDeps) {}

  private tx =
    <V>(): StepCommit<V> =>
    (fn) =>
      this.deps.db.transaction(fn) as Promise<V>;

  private async row(id: string): Promise<RequestRow> {
    const [r] = await this.deps.db.select().from(paymentRequests).where(eq(paymentRequests.id, id));
    return r!;
  }

  /** One approval; the final one of an automatic system starts the payout. Returns the request id. */
  async approve<V = RequestRow>(staff: Staff, id: string, commit: StepCommit<V> = this.tx()): Promise<V> {
    const threshold = (await this.deps.settings()).twoPersonThreshold;
    const answer = await commit(async (tx) => {
      const { r, system } = await lockWithdrawal(tx, id);
      expectStatus(r, ['requested', 'approved_once'], 'approved');
      if (!r.postedAt) throw conflict('hold_pending', 'The amount is not held on the account yet', 'status');
      if (r.requestedBy === staff.id)
        throw new AppError(
          403,
          'requester_cannot_approve',
          'You made this request; another person approves it',
        );
      if (r.firstApproverId === staff.id)
        throw new AppError(
          403,
          'second_approver_required',
          'You approved this already; a second person must',
        );
      const twoPerson = (await this.deps.toBase(tx, r.amount, r.currency)) > threshold;
      const final = r.status === 'approved_once' || !twoPerson;
      const now = this.deps.clock.now();
      const [next] = await tx
        .update(paymentRequests)
        .set({
          status: final ? 'approved' : 'approved_once',
          ...(r.status === 'requested' ? { firstApproverId: staff.id } : { secondApproverId: staff.id }),
          updatedAt: now,
        })
        .where(eq(paymentRequests.id, id))
        .returning();
      const client = await clientRef(tx, r.clientId);
      await withdrawalEvent(tx, 'withdrawal.approved', next!, system, client, staffActing(staff), {
        step: final ? 'final' : 'first',
      });
      return next!;
    });
    const r = await this.row(id);
    if (r.status === 'approved' && r.provider) await this.payout(staff, id);
    return answer;
  }

  /**
   * Sends an approved (or failed) payout to the provider: the request goes to `payout_pending`
   * before the call, so two clicks cannot send it twice; a provider error ends in `payout_failed`.
   */
  async payout<V = RequestRow>(staff: Staff, id: string, commit: StepCommit<V> = this.tx()): Promise<V> {
    const answer = await commit(async (tx) => {
      const { r } = await lockWithdrawal(tx, id);
      expectStatus(r, ['approved', 'payout_failed'], 'paid out');
      if (!r.provider)
        throw conflict('manual_system', 'This system pays out manually: mark it paid instead', 'status');
      const [next] = await tx
        .update(paymentRequests)
        .set({ status: 'payout_pending', executedBy: staff.id, updatedAt: this.deps.clock.now() })
        .where(eq(paymentRequests.id, id))
        .returning();
      return next!;
    });
    await this.sendPayout(await this.row(id));
    return answer;
  }

  private async sendPayout(claimed: RequestRow): Promise<void> {
    const id = claimed.id;
    if (claimed.status !== 'payout_pending') return;
    const provider = this.deps.provider(claimed.provider!);
    try {
      if (!provider) throw new Error(`payment provider ${claimed.provider} is not configured`);
      const { providerRef } = await provider.createPayout({
        requestId: id,
        amount: claimed.amount - claimed.fee,
        currency: claimed.currency,
        callbackUrl: this.deps.callbackUrl(provider.name),
        details: claimed.details,
      });
      // The callback may have arrived first; it set the same reference.
      await this.deps.db
        .update(paymentRequests)
        .set({ providerRef, updatedAt: this.deps.clock.now() })
        .where(and(eq(paymentRequests.id, id), isNull(paymentRequests.providerRef)));
    } catch (err) {
      this.deps.log?.warn({ err, requestId: id }, 'payout could not be sent to the provider');
      await this.deps.db
        .update(paymentRequests)
        .set({ status: 'payout_failed', updatedAt: this.deps.clock.now() })
        .where(and(eq(paymentRequests.id, id), eq(paymentRequests.status, 'payout_pending')));
    }
  }

  /** Finance paid it by hand (a manual system): the payout is recorded, the trader told. */
  async markPaid<V = RequestRow>(staff: Staff, id: string, commit: StepCommit<V> = this.tx()): Promise<V> {
    return commit(async (tx) => {
      const { r, system } = await lockWithdrawal(tx, id);
      expectStatus(r, ['approved'], 'marked paid');
      if (r.provider)
        throw conflict('automatic_system', 'This system pays out through its provider', 'status');
      return this.paid(tx, r, system, staffActing(staff), null);
    });
  }

  /**
   * For pay-core's callback route, inside its transaction (after the callback row is stored):
   * `payout.paid` ends the withdrawal paid, `payout.failed` marks it for finance (retry or reject).
   * Returns what happened, for the callback's stored outcome.
   */
  async applyPayoutCallback(
    tx: Executor,
    cb: { type: 'payout.paid' | 'payout.failed'; requestId: string; providerRef: string; amount: number },
  ): Promise<'paid' | 'failed' | 'duplicate' | 'ignored'> {
    const { r, system } = await lockWithdrawal(tx, cb.requestId);
    if (r.status === 'paid') return 'duplicate';
    if (cb.type === 'payout.failed') {
      if (r.status !== 'payout_pending') return r.status === 'payout_failed' ? 'duplicate' : 'ignored';
      await tx
        .update(paymentRequests)
        .set({ status: 'payout_failed', providerRef: cb.providerRef, updatedAt: this.deps.clock.now() })
        .where(eq(paymentRequests.id, r.id));
      return 'failed';
    }
    // A success after a failure report still pays (the provider retried); after a rejection it is
    // ignored here and shows in the callback log for finance.
    if (r.status !== 'payout_pending' && r.status !== 'payout_failed') return 'ignored';
    await this.paid(tx, { ...r, providerRef: cb.providerRef }, system, SYSTEM, cb.amount);
    return 'paid';
  }

  /**
   * The payout entry: the account was debited by the hold already, so its account amount is 0 and
   * `request_amount` carries what left the broker (the ledger's account sum stays the platform's).
   */
  private async paid(
    tx: Executor,
    r: RequestRow,
    system: SystemRow,
    actor: Acting,
    providerAmount: number | null,
  ): Promise<RequestRow> {
    const now = this.deps.clock.now();
    const paidOut = providerAmount ?? r.amount - r.fee;
    const [next] = await tx
      .update(paymentRequests)
      .set({
        status: 'paid',
        providerRef: r.providerRef,
        providerAmount:
          providerAmount !== null && providerAmount !== r.amount - r.fee ? providerAmount : null,
        executedBy: actor.id ?? r.executedBy,
        executedAt: now,
        updatedAt: now,
      })
      .where(eq(paymentRequests.id, r.id))
      .returning();
    await ledgerEntry(
      tx,
      next!,
      { entry: 'payout', amount: 0, requestAmount: paidOut, platformOpId: null },
      actor,
      now,
    );
    const client = await clientRef(tx, r.clientId);
    await withdrawalEvent(tx, 'withdrawal.paid', next!, system, client, actor, {});
    await mailTrader(tx, this.deps.mailer, client, withdrawalMail('paid', next!, client.name));
    return next!;
  }

  /** Rejects with a reason from the list (plus a note); the hold is released once, after the commit. */
  async reject<V = RequestRow>(
    staff: Staff,
    id: string,
    input: { reasonCode: string; note?: string | null | undefined },
    commit: StepCommit<V> = this.tx(),
  ): Promise<V> {
    const reason = (await this.deps.settings()).rejectionReasons.find((x) => x.code === input.reasonCode);
    if (!reason) throw badRequest('unknown_reason', 'Pick a rejection reason from the list', 'reasonCode');
    const note = input.note?.trim() || null;
    if (reason.code === 'other' && !note) throw badRequest('note_required', 'Say why in the note', 'note');
    const answer = await commit((tx) => this.rejectLocked(tx, id, reason, note, staffActing(staff)));
    await this.postRelease(await this.row(id));
    return answer;
  }

  /** The retry job's end for a hold the platform refused: rejected, nothing to release. */
  async rejectUnheld(id: string, message: string): Promise<void> {
    const reason = { code: 'insufficient_free_margin', label: 'Not enough free margin' };
    await this.deps.db.transaction((tx) => this.rejectLocked(tx, id, reason, message, SYSTEM));
  }

  private async rejectLocked(
    tx: Executor,
    id: string,
    reason: { code: string; label: string },
    note: string | null,
    actor: Acting,
  ): Promise<RequestRow> {
    const { r, system } = await lockWithdrawal(tx, id);
    if (r.status === 'rejected')
      throw conflict('already_rejected', 'This withdrawal is rejected already', 'status');
    expectStatus(r, REJECTABLE, 'rejected');
    // Until the hold is known to be on the platform, a rejection could race it and release nothing.
    if (!r.postedAt && actor.kind === 'staff')
      throw conflict(
        'hold_pending',
        'The amount is not held on the account yet; try again shortly',
        'status',
      );
    const now = this.deps.clock.now();
    const [next] = await tx
      .update(paymentRequests)
      .set({
        status: 'rejected',
        rejectReasonCode: reason.code,
        rejectNote: note,
        executedBy: actor.id,
        updatedAt: now,
      })
      .where(eq(paymentRequests.id, id))
      .returning();
    if (r.postedAt)
      await ledgerEntry(
        tx,
        next!,
        { entry: 'hold_release', amount: r.amount, requestAmount: r.amount, platformOpId: releaseOpId(id) },
        actor,
        now,
      );
    const client = await clientRef(tx, r.clientId);
    await withdrawalEvent(tx, 'withdrawal.rejected', next!, system, client, actor, {
      reasonCode: reason.code,
      note,
    });
    await mailTrader(
      tx,
      this.deps.mailer,
      client,
      withdrawalMail('rejected', next!, client.name, reason.label),
    );
    return next!;
  }

  /**
   * Gives the held amount back on the platform (a deposit-kind operation, so the platform's net
   * deposits come back too), idempotent by `wdr:<id>`. A failure marks the request for the retry job.
   */
  private async postRelease(r: RequestRow): Promise<void> {
    if (!r.postedAt) return;
    try {
      await this.deps.platform.balanceOperation(r.login, {
        id: releaseOpId(r.id),
        kind: 'deposit',
        amount: toDecimal(r.amount, r.accountCurrency),
        comment: `Withdrawal ${r.id} rejected: hold released`,
      });
      if (r.problem)
        await this.deps.db
          .update(paymentRequests)
          .set({ problem: null, problemAt: null })
          .where(eq(paymentRequests.id, r.id));
    } catch (err) {
      this.deps.log?.warn({ err, requestId: r.id }, 'hold release could not be posted; retrying later');
      if (!r.problem)
        await this.deps.db
          .update(paymentRequests)
          .set({ problem: 'posting_failed', problemAt: this.deps.clock.now() })
          .where(eq(paymentRequests.id, r.id));
    }
  }

  /** The retry job's part for releases that failed: posted again (the platform ignores a repeat). */
  async retryReleases(): Promise<number> {
    const before = new Date(this.deps.clock.now().getTime() - RELEASE_RETRY_AFTER_MS);
    const due = await this.deps.db
      .select()
      .from(paymentRequests)
      .where(
        and(
          eq(paymentRequests.direction, 'withdrawal'),
          inArray(paymentRequests.status, ['rejected']),
          eq(paymentRequests.problem, 'posting_failed'),
          lt(paymentRequests.problemAt, before),
        ),
      )
      .limit(100);
    for (const r of due) await this.postRelease(r);
    return due.length;
  }
}
