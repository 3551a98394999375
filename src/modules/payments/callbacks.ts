import { and, eq, ne } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { Db, Executor } from '../../db/connection.js';
import type { DepositBook } from './deposits.js';
import type { PlatformPosting } from './posting.js';
import type { ProviderCallback } from './provider.js';
import { lockRequest, patchRequest, transition, type RequestRow } from './requests.js';
import { paymentRequests, providerCallbacks } from './schema.js';

/**
 * What withdrawals do with `payout.*` callbacks (pay-withdraw registers it): called inside the
 * callback's transaction with the locked request; returns the outcome to record.
 */
export type PayoutCallbackHandler = (
  tx: Executor,
  row: RequestRow,
  callback: ProviderCallback,
  now: Date,
) => Promise<string>;

export interface CallbackResult {
  duplicate: boolean;
  outcome: string;
}

const badCallback = (message: string, field: string) => new AppError(400, 'bad_callback', message, field);

/**
 * Provider callbacks, exactly once. One transaction: the callback row (its primary key is the
 * provider's event id, so a redelivery stops here, even 50 at once — the others wait on the first's
 * uncommitted row and then see it), the request locked FOR UPDATE, the state transition, ledger entry,
 * client figures, events and mail. After commit the platform posting runs (and runs again on a
 * duplicate, which is how a crash between commit and posting heals when the provider retries).
 */
export class CallbackService {
  private payoutHandler: PayoutCallbackHandler | null = null;

  constructor(
    private readonly db: Db,
    private readonly deps: { clock: Clock; book: DepositBook; posting: PlatformPosting },
  ) {}

  /** Withdrawals' handler for payout callbacks. */
  onPayout(handler: PayoutCallbackHandler): void {
    this.payoutHandler = handler;
  }

  async process(provider: string, webhookId: string, cb: ProviderCallback): Promise<CallbackResult> {
    if (cb.id !== webhookId) throw badCallback('The body id must equal the webhook-id header', 'id');
    // A refund or chargeback of nothing is a malformed callback, not a state change.
    if ((cb.type === 'payment.refunded' || cb.type === 'payment.chargeback') && cb.amount <= 0)
      throw badCallback('A refund or chargeback amount must be above zero', 'amount');
    const result = await this.db.transaction(async (tx): Promise<CallbackResult> => {
      // Unknown request: 422 and nothing stored, so the provider's retry is processed once we know it.
      const [known] = await tx
        .select({ id: paymentRequests.id, provider: paymentRequests.provider })
        .from(paymentRequests)
        .where(eq(paymentRequests.id, cb.requestId))
        .limit(1);
      if (!known || known.provider !== provider)
        throw new AppError(
          422,
          'unknown_request',
          'No payment request of this provider has this id',
          'requestId',
        );
      const inserted = await tx
        .insert(providerCallbacks)
        .values({
          provider,
          eventId: cb.id,
          requestId: cb.requestId,
          type: cb.type,
          payload: cb as unknown as Record<string, unknown>,
          outcome: 'processing',
        })
        .onConflictDoNothing()
        .returning({ eventId: providerCallbacks.eventId });
      if (!inserted.length) return { duplicate: true, outcome: 'duplicate' };
      const row = await this.matchReference(tx, provider, await lockRequest(tx, cb.requestId), cb);
      const outcome = await this.apply(tx, row, cb);
      await tx
        .update(providerCallbacks)
        .set({ outcome })
        .where(and(eq(providerCallbacks.provider, provider), eq(providerCallbacks.eventId, cb.id)));
      return { duplicate: false, outcome };
    });
    await this.deps.posting.postRequest(cb.requestId);
    return result;
  }

  /** The provider's reference must be the request's (or become it, once, if unique among the provider's). */
  private async matchReference(tx: Executor, provider: string, row: RequestRow, cb: ProviderCallback) {
    if (row.providerRef === cb.providerRef) return row;
    if (row.providerRef !== null)
      throw badCallback('providerRef does not match this payment request', 'providerRef');
    const [other] = await tx
      .select({ id: paymentRequests.id })
      .from(paymentRequests)
      .where(
        and(
          eq(paymentRequests.provider, provider),
          eq(paymentRequests.providerRef, cb.providerRef),
          ne(paymentRequests.id, row.id),
        ),
      )
      .limit(1);
    if (other) throw badCallback('providerRef belongs to another payment request', 'providerRef');
    return patchRequest(tx, row.id, { providerRef: cb.providerRef }, this.deps.clock.now());
  }

  private async apply(tx: Executor, row: RequestRow, cb: ProviderCallback): Promise<string> {
    const now = this.deps.clock.now();
    const book = this.deps.book;
    if (cb.type.startsWith('payout.')) {
      if (row.direction !== 'withdrawal' || !this.payoutHandler) return 'ignored';
      return this.payoutHandler(tx, row, cb, now);
    }
    if (row.direction !== 'deposit') return 'ignored';
    const waiting = row.status === 'awaiting_payment' || row.status === 'provider_pending';
    switch (cb.type) {
      case 'payment.pending':
        if (row.status !== 'awaiting_payment') return 'ignored';
        await transition(tx, row, 'provider_pending', {}, now);
        return 'pending';
      case 'payment.succeeded': {
        const rejected = row.direction === 'deposit' && row.status === 'rejected';
        if (!waiting && row.status !== 'declined' && !rejected) return 'ignored';
        if (rejected || cb.currency !== row.currency || cb.amount !== row.amount) {
          await book.holdForReview(tx, row, cb.amount, cb.currency);
          return 'needs_review';
        }
        await book.credit(tx, row, cb.amount, null);
        return 'executed';
      }
      case 'payment.declined':
      case 'payment.insufficient_funds': {
        if (!waiting) return 'ignored';
        const code = cb.type === 'payment.declined' ? 'declined' : 'insufficient_funds';
        const label = code === 'declined' ? 'Declined by the payment provider' : 'Insufficient funds';
        await book.reject(tx, row, { code, label, note: cb.reason ?? null }, null, 'declined');
        return 'declined';
      }
      case 'payment.refunded':
      case 'payment.chargeback': {
        const kind = cb.type === 'payment.refunded' ? 'refund' : 'chargeback';
        const after = await book.reverse(tx, row, kind, cb.amount, null, cb.id);
        return after.status === row.status ? `${kind}_recorded` : kind;
      }
      default:
        return 'ignored';
    }
  }
}
