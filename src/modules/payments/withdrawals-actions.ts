import { and, eq, isNull, or } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { AppError, badRequest, conflict } from '../../core/errors.js';
import type { Executor } from '../../db/connection.js';
import { recordClientPayment } from '../clients/index.js';
import { appendPaymentEvent } from './payment-events.js';
import { markProblem } from './problems.js';
import { readRequest, transition, type RequestRow } from './requests.js';
import { paymentRequests } from './schema.js';
import type { WithdrawalDeps } from './withdrawals.js';
import {
  lockWithdrawal,
  mailTrader,
  recordPayoutEntry,
  recordReleaseEntry,
  type WithdrawalActor,
} from './withdrawals-records.js';

type Staff = Actor & { id: string };
/**
 * Runs a step's transaction (the route's idempotent commit, which stores what it returns as the
 * answer: the route turns the row into its view inside it). Work after the commit reads the row again.
 */
export type StepCommit<V> = (fn: (tx: Executor) => Promise<RequestRow>) => Promise<V>;

/**
 * Finance's steps on a withdrawal, each one transaction on the locked request (statuses move only
 * along payments' TRANSITIONS): approve (two people above the threshold: approver ≠ requester ≠ first
 * approver), mark paid (manual systems, or a failed payout paid otherwise), pay out through the
 * provider (automatic systems, after the final approval), reject with a reason (the hold released),
 * and the provider's payout callbacks. Platform and provider calls happen after the commit.
 */
export class WithdrawalActions {
  constructor(private readonly deps: WithdrawalDeps) {}

  private tx =
    <V>(): StepCommit<V> =>
    (fn) =>
      this.deps.db.transaction(fn) as Promise<V>;

  /** One approval; the final one of an automatic system sends the payout to the provider. */
  async approve<V = RequestRow>(staff: Staff, id: string, commit: StepCommit<V> = this.tx()): Promise<V> {
    const threshold = (await this.deps.settings()).twoPersonThreshold;
    const answer = await commit(async (tx) => {
      const r = await lockWithdrawal(tx, id);
      if (r.status === 'requested' && !r.postedAt)
        throw conflict('hold_pending', 'The amount is not held on the account yet', 'status');
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
      const next = await transition(
        tx,
        r,
        final ? 'approved' : 'approved_once',
        r.status === 'requested' ? { firstApproverId: staff.id } : { secondApproverId: staff.id },
        now,
      );
      await appendPaymentEvent(
        tx,
        'withdrawal.approved',
        next,
        { step: final ? 'final' : 'first' },
        { actor: staff },
      );
      return next;
    });
    const r = await readRequest(this.deps.db, id);
    if (r.status === 'approved' && r.provider) await this.payout(staff, id);
    return answer;
  }

  /**
   * Sends an approved (or failed) payout to the provider: the request goes to `payout_pending`
   * before the call, so two clicks cannot send it twice; a provider error ends in `payout_failed`.
   */
  async payout<V = RequestRow>(staff: Staff, id: string, commit: StepCommit<V> = this.tx()): Promise<V> {
    const answer = await commit(async (tx) => {
      const r = await lockWithdrawal(tx, id);
      if (!r.provider)
        throw conflict('manual_system', 'This system pays out manually: mark it paid instead', 'status');
      // A retry is a new payout at the provider with a new reference: the failed one's is dropped so
      // the new reference (set when the provider answers, or by its callback if first) is the one matched.
      return transition(
        tx,
        r,
        'payout_pending',
        { executedBy: staff.id, providerRef: null },
        this.deps.clock.now(),
      );
    });
    await this.sendPayout(await readRequest(this.deps.db, id));
    return answer;
  }

  private async sendPayout(r: RequestRow): Promise<void> {
    if (r.status !== 'payout_pending') return;
    const provider = this.deps.provider(r.provider!);
    try {
      if (!provider) throw new Error(`payment provider ${r.provider} is not configured`);
      const { providerRef } = await provider.createPayout({
        requestId: r.id,
        amount: r.amount - r.fee,
        currency: r.currency,
        callbackUrl: this.deps.callbackUrl(provider.name),
        details: r.details,
      });
      // This attempt's reference replaces any earlier one while the payout is pending (the callback may
      // have come first and set the same one); a request already ended keeps what ended it.
      await this.deps.db
        .update(paymentRequests)
        .set({ providerRef, updatedAt: this.deps.clock.now() })
        .where(
          and(
            eq(paymentRequests.id, r.id),
            or(eq(paymentRequests.status, 'payout_pending'), isNull(paymentRequests.providerRef)),
          ),
        );
    } catch (err) {
      this.deps.log?.warn({ err, requestId: r.id }, 'payout could not be sent to the provider');
      await this.deps.db.transaction(async (tx) => {
        const locked = await lockWithdrawal(tx, r.id);
        if (locked.status === 'payout_pending')
          await transition(tx, locked, 'payout_failed', {}, this.deps.clock.now());
      });
    }
  }

  /** Finance paid it by hand (a manual system, or a failed payout): recorded, the trader told. */
  async markPaid<V = RequestRow>(staff: Staff, id: string, commit: StepCommit<V> = this.tx()): Promise<V> {
    return commit(async (tx) => {
      const r = await lockWithdrawal(tx, id);
      // An automatic system's payout is the provider's, unless it failed and finance paid otherwise.
      if (r.provider && r.status === 'approved')
        throw conflict('automatic_system', 'This system pays out through its provider', 'status');
      if (r.status === 'payout_pending')
        throw conflict('payout_pending', 'The provider is paying this out; wait for its answer', 'status');
      return this.paid(tx, r, staff, null);
    });
  }

  /**
   * For the provider callback route, inside its transaction (after the callback row is stored; see
   * CallbackService.onPayout): `payout.paid` ends the withdrawal paid, `payout.failed` marks it for
   * finance (retry or reject). Returns the outcome the callback row records.
   */
  async applyPayoutCallback(
    tx: Executor,
    cb: { type: 'payout.paid' | 'payout.failed'; requestId: string; providerRef: string; amount: number },
  ): Promise<'paid' | 'failed' | 'duplicate' | 'ignored' | 'paid_after_rejection'> {
    const r = await lockWithdrawal(tx, cb.requestId);
    if (r.status === 'paid') return 'duplicate';
    const now = this.deps.clock.now();
    if (cb.type === 'payout.failed') {
      if (r.status !== 'payout_pending') return r.status === 'payout_failed' ? 'duplicate' : 'ignored';
      await transition(tx, r, 'payout_failed', { providerRef: cb.providerRef }, now);
      return 'failed';
    }
    // A success after a failure report still pays (the provider retried). After a rejection the hold
    // is released and the money left anyway: a problem for finance (and the manager), not silence.
    if (r.status === 'rejected') {
      await markProblem(tx, r, 'paid_after_rejection', now);
      return 'paid_after_rejection';
    }
    if (r.status !== 'payout_pending' && r.status !== 'payout_failed') return 'ignored';
    await this.paid(tx, { ...r, providerRef: cb.providerRef }, null, cb.amount);
    return 'paid';
  }

  private async paid(
    tx: Executor,
    r: RequestRow,
    actor: Staff | null,
    providerAmount: number | null,
  ): Promise<RequestRow> {
    const now = this.deps.clock.now();
    const next = await transition(
      tx,
      r,
      'paid',
      {
        providerRef: r.providerRef,
        // What the provider says it sent, when it is not the amount less the fee.
        providerAmount:
          providerAmount !== null && providerAmount !== r.amount - r.fee ? providerAmount : null,
        executedBy: actor?.id ?? r.executedBy,
        executedAt: now,
      },
      now,
    );
    await recordPayoutEntry(tx, next, actor, now);
    // What left the account (the held amount, fee included) lowers the client's net deposits.
    const baseAmount = await this.deps.toBase(tx, next.amount, next.currency);
    await recordClientPayment(tx, { clientId: next.clientId, kind: 'withdrawal', baseAmount, at: now });
    await appendPaymentEvent(tx, 'withdrawal.paid', next, { baseAmount }, { actor });
    await mailTrader(tx, this.deps.mailer, 'paid', next);
    return next;
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
    const answer = await commit((tx) => this.rejectLocked(tx, id, reason, note, staff));
    // Posted now; a failure flags the request and payments' posting job retries it.
    await this.deps.posting.postRequest(id);
    return answer;
  }

  /** The retry job's end for a hold the platform refused: rejected, nothing to release. */
  async rejectUnheld(id: string, message: string): Promise<void> {
    const reason = { code: 'insufficient_free_margin', label: 'Not enough free margin' };
    await this.deps.db.transaction((tx) => this.rejectLocked(tx, id, reason, message, null));
  }

  private async rejectLocked(
    tx: Executor,
    id: string,
    reason: { code: string; label: string },
    note: string | null,
    actor: WithdrawalActor,
  ): Promise<RequestRow> {
    const r = await lockWithdrawal(tx, id);
    if (r.status === 'rejected')
      throw conflict('already_rejected', 'This withdrawal is rejected already', 'status');
    // Until the hold is known to be on the platform, a rejection could race it and release nothing.
    if (!r.postedAt && actor !== null)
      throw conflict(
        'hold_pending',
        'The amount is not held on the account yet; try again shortly',
        'status',
      );
    const now = this.deps.clock.now();
    const next = await transition(
      tx,
      r,
      'rejected',
      {
        rejectReasonCode: reason.code,
        rejectNote: note,
        executedBy: actor && 'id' in actor ? actor.id : null,
      },
      now,
    );
    if (r.postedAt) await recordReleaseEntry(tx, next, actor, now);
    await appendPaymentEvent(tx, 'withdrawal.rejected', next, { reasonCode: reason.code, note }, { actor });
    await mailTrader(tx, this.deps.mailer, 'rejected', next, reason.label);
    return next;
  }
}
