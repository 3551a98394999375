import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { Db, Executor } from '../../db/connection.js';
import type { DepositBook } from './deposits.js';
import { queuedPostings } from './ledger.js';
import type { PlatformPosting, Posting } from './posting.js';
import type { ProviderCallback } from './provider.js';
import { lockRequest, patchRequest, transition, type RequestRow } from './requests.js';
import { paymentRequests, platformPostings, providerCallbacks } from './schema.js';

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

interface Processed extends CallbackResult {
  unposted: number;
  queued: Posting[];
}

const badCallback = (message: string, field: string) => new AppError(400, 'bad_callback', message, field);

/**
 * Provider callbacks, exactly once. One transaction: the callback row (its primary key is the
 * provider's event id, so a redelivery stops here, even 50 at once — the others wait on the first's
 * uncommitted row and then see it), the request locked FOR UPDATE, the state transition, ledger entry,
 * client figures, events and mail. After commit the platform posting runs: what this callback queued,
 * or — when the request already had postings waiting (a crash between an earlier commit and its
 * posting, which heals when the provider retries) — all of the request's unposted ones.
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
    const result = await this.db.transaction(async (tx): Promise<Processed> => {
      const claim = await claimCallback(tx, provider, cb);
      // Unknown request: 422 and nothing stored, so the provider's retry is processed once we know it.
      if (!claim.known)
        throw new AppError(
          422,
          'unknown_request',
          'No payment request of this provider has this id',
          'requestId',
        );
      if (!claim.inserted) return { duplicate: true, outcome: 'duplicate', unposted: claim.unposted, queued: [] };
      const row = await this.matchReference(tx, provider, await lockRequest(tx, cb.requestId), cb);
      const outcome = await this.apply(tx, row, cb);
      await tx
        .update(providerCallbacks)
        .set({ outcome })
        .where(and(eq(providerCallbacks.provider, provider), eq(providerCallbacks.eventId, cb.id)));
      return { duplicate: false, outcome, unposted: claim.unposted, queued: queuedPostings(tx) };
    });
    // A posting left from before (a crash between an earlier commit and its posting, a failed posting)
    // is posted now, with the request's others; otherwise just what this callback queued, as queued.
    if (result.unposted) await this.deps.posting.postRequest(cb.requestId);
    else if (result.queued.length) await this.deps.posting.postQueued(result.queued);
    return { duplicate: result.duplicate, outcome: result.outcome };
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
        if (!waiting && row.status !== 'declined') return 'ignored';
        if (cb.currency !== row.currency || cb.amount !== row.amount) {
          if (cb.currency !== row.currency)
            await patchRequest(tx, row.id, { rejectNote: `Provider paid in ${cb.currency}` }, now);
          await book.holdForReview(tx, row, cb.amount);
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

interface Claim {
  /** The request exists and belongs to this provider. */
  known: boolean;
  /** This delivery's callback row was inserted: it is the first; `false` is a duplicate. */
  inserted: boolean;
  /** The request's postings not yet on the platform, as of before this callback. */
  unposted: number;
}

/**
 * One statement: is the request known, insert the callback row (the unique key stops a redelivery
 * here, even 50 at once — the others wait on the first's uncommitted row and then see it), and are
 * there postings of the request still to post. A duplicate costs this statement and nothing else.
 */
async function claimCallback(tx: Executor, provider: string, cb: ProviderCallback): Promise<Claim> {
  const r = paymentRequests;
  const c = providerCallbacks;
  const p = platformPostings;
  const result = await tx.execute(sql`
    with known as (
      select ${r.id} as id from ${r} where ${r.id} = ${cb.requestId}::uuid and ${r.provider} = ${provider}),
    inserted as (
      insert into ${c} (${sql.identifier(c.provider.name)}, ${sql.identifier(c.eventId.name)}, ${sql.identifier(c.requestId.name)},
        ${sql.identifier(c.type.name)}, ${sql.identifier(c.payload.name)}, ${sql.identifier(c.outcome.name)})
      select ${provider}::text, ${cb.id}::text, known.id, ${cb.type}::text, ${JSON.stringify(cb)}::jsonb, 'processing' from known
      on conflict do nothing
      returning 1)
    select exists (select 1 from known) as known, exists (select 1 from inserted) as inserted,
      (select count(*) from ${p} where ${and(eq(p.requestId, cb.requestId), isNull(p.postedAt))})::int as unposted`);
  const [row] = (result as unknown as { rows: Claim[] }).rows;
  return { known: !!row?.known, inserted: !!row?.inserted, unposted: Number(row?.unposted ?? 0) };
}
