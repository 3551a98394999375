import { and, eq, getTableColumns, isNull, ne, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { Db, Executor } from '../../db/connection.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import { runCallbackBatch, unknownRequest, type CallbackResult } from './callback-batch.js';
import type { DepositBook } from './deposits.js';
import { GroupCommit } from './group-commit.js';
import { queuedPostings } from './ledger.js';
import type { PlatformPosting, Posting } from './posting.js';
import type { ProviderCallback } from './provider.js';
import { patchRequest, transition, type RequestRow } from './requests.js';
import { paymentRequests, platformPostings, providerCallbacks } from './schema.js';
import type { PaymentSettings } from './settings.js';

export type { CallbackResult } from './callback-batch.js';

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

interface Processed extends CallbackResult {
  unposted: number;
  queued: Posting[];
}

const badCallback = (message: string, field: string) => new AppError(400, 'bad_callback', message, field);

/**
 * Provider callbacks, exactly once. Verified callbacks are gathered (group commit, group-commit.ts)
 * and each batch is one transaction (callback-batch.ts); `processAlone` is the one-callback path the
 * batch falls back to. Alone: one transaction with the request locked FOR UPDATE (so a request's
 * callbacks, redeliveries included — even 50 at once — go one at a time), the check that this event id
 * was not processed, the state transition, ledger entry, client figures, events and mail, and last the
 * callback row with its outcome (its unique key is the final guard against a copy). After commit the
 * platform posting runs: what this callback queued, or — when the request already had postings
 * waiting (a crash between an earlier commit and its posting, which heals when the provider retries) —
 * all of the request's unposted ones. Either way the answer goes out after the commit and posting.
 */
export class CallbackService {
  private payoutHandler: PayoutCallbackHandler | null = null;
  private readonly batches = new Map<string, GroupCommit<ProviderCallback, CallbackResult>>();

  constructor(
    private readonly db: Db,
    private readonly deps: {
      clock: Clock;
      book: DepositBook;
      posting: PlatformPosting;
      settings: Pick<PaymentSettings, 'get'>;
      mailer: Pick<Mailer, 'queueMany'>;
      baseUrl: string;
      /** How long an idle batcher waits for company (ms; 0 = start at once), and the batch's cap. */
      batch?: { windowMs: number; maxBatch: number };
    },
  ) {}

  /** Withdrawals' handler for payout callbacks. */
  onPayout(handler: PayoutCallbackHandler): void {
    this.payoutHandler = handler;
  }

  /** Batches run so far and their sizes (tests, diagnostics). */
  batchStats(provider: string) {
    const stats = this.batches.get(provider)?.stats;
    return stats ? { ...stats } : { batches: 0, items: 0, largest: 0 };
  }

  async process(provider: string, webhookId: string, cb: ProviderCallback): Promise<CallbackResult> {
    validate(webhookId, cb);
    let batcher = this.batches.get(provider);
    if (!batcher) {
      const deps = {
        ...this.deps,
        db: this.db,
        alone: (p: string, c: ProviderCallback) => this.processAlone(p, c),
        apply: (tx: Executor, p: string, row: RequestRow, c: ProviderCallback) =>
          this.matchReference(tx, p, row, c).then((matched) => this.apply(tx, matched, c)),
      };
      batcher = new GroupCommit(
        (cbs, committed) => runCallbackBatch(deps, provider, cbs, committed),
        this.deps.batch ?? { windowMs: 2, maxBatch: 200 },
      );
      this.batches.set(provider, batcher);
    }
    return batcher.submit(cb);
  }

  /** One callback in its own transaction (see the class comment): the batch's fallback. */
  async processAlone(provider: string, cb: ProviderCallback): Promise<CallbackResult> {
    const result = await this.db
      .transaction(async (tx): Promise<Processed> => {
        const claim = await claimCallback(tx, provider, cb);
        if (!claim) throw unknownRequest();
        const { seen, unposted, ...locked } = claim;
        if (seen) return { duplicate: true, outcome: 'duplicate', unposted, queued: [] };
        const row = await this.matchReference(tx, provider, locked, cb);
        const outcome = await this.apply(tx, row, cb);
        // The row, with its outcome, last. A copy that raced this one past the check above (it waited on
        // the request's lock, so its check predates our commit) conflicts here and undoes what it did.
        const inserted = await tx
          .insert(providerCallbacks)
          .values({
            provider,
            eventId: cb.id,
            requestId: cb.requestId,
            type: cb.type,
            payload: cb as unknown as Record<string, unknown>,
            outcome,
          })
          .onConflictDoNothing()
          .returning({ eventId: providerCallbacks.eventId });
        if (!inserted.length) throw new Redelivered(unposted);
        return { duplicate: false, outcome, unposted, queued: queuedPostings(tx) };
      })
      .catch((err: unknown) => {
        if (err instanceof Redelivered)
          return { duplicate: true, outcome: 'duplicate', unposted: err.unposted, queued: [] };
        throw err;
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

/** Malformed before anything is read: 400, nothing stored. */
function validate(webhookId: string, cb: ProviderCallback): void {
  if (cb.id !== webhookId) throw badCallback('The body id must equal the webhook-id header', 'id');
  // A refund or chargeback of nothing is a malformed callback, not a state change.
  if ((cb.type === 'payment.refunded' || cb.type === 'payment.chargeback') && cb.amount <= 0)
    throw badCallback('A refund or chargeback amount must be above zero', 'amount');
}

/** Thrown to roll back a callback found, at its end, to be a copy of one processed meanwhile. */
class Redelivered extends Error {
  constructor(readonly unposted: number) {
    super('callback already processed');
  }
}

/**
 * One statement: the request, locked FOR UPDATE (null: unknown to this provider), whether this event
 * was processed already, and how many of the request's postings are still to post. Every callback of
 * a request waits here for the one before it, so a duplicate costs this statement and nothing else —
 * unless it raced the original, which the callback row's unique key then stops (see `process`).
 */
async function claimCallback(tx: Executor, provider: string, cb: ProviderCallback) {
  const c = providerCallbacks;
  const p = platformPostings;
  const [row] = await tx
    .select({
      ...getTableColumns(paymentRequests),
      seen: sql<boolean>`exists (select 1 from ${c} where ${and(eq(c.provider, provider), eq(c.eventId, cb.id))})`,
      unposted: sql<number>`(select count(*) from ${p} where ${and(eq(p.requestId, cb.requestId), isNull(p.postedAt))})::int`,
    })
    .from(paymentRequests)
    .where(and(eq(paymentRequests.id, cb.requestId), eq(paymentRequests.provider, provider)))
    .for('update');
  return row ? { ...row, unposted: Number(row.unposted) } : null;
}
