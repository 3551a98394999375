import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import type { LedgerEntryView } from '../../shared/contracts/payments.js';
import type { LedgerEntry } from '../../shared/payments.js';
import type { RequestRow } from './requests.js';
import { paymentLedger, platformPostings } from './schema.js';

/** The platform operation ids of a request's postings: one per kind (per event for refunds), so a retry reuses it. */
export const opIds = {
  deposit: (requestId: string) => `dep:${requestId}`,
  /** One per provider refund event: a payment can be refunded in several parts. */
  refund: (requestId: string, eventId = '') => (eventId ? `ref:${requestId}:${eventId}` : `ref:${requestId}`),
  chargeback: (requestId: string) => `cb:${requestId}`,
  withdrawal: (requestId: string) => `wd:${requestId}`,
  holdRelease: (requestId: string) => `wdr:${requestId}`,
} as const;

export interface LedgerInput {
  request: RequestRow;
  entry: LedgerEntry;
  /** Signed, minor units of the account currency (a credit is positive). */
  amount: number;
  /** Staff id, 'trader', or null for the system. */
  actor: string | null;
  /** The platform balance operation this movement needs, with its id; none for book-only entries. */
  posting?: { opId: string; kind: 'deposit' | 'withdrawal' | 'correction'; comment: string };
  fee?: number;
  at: Date;
}

/**
 * Appends one money movement to the ledger and, when it moves money on the platform, queues that
 * balance operation (posted after commit by PlatformPosting). The ledger refuses a second entry for the
 * same platform operation (unique `platform_op_id`): `false` means it was recorded before, nothing added.
 */
export async function appendLedger(tx: Executor, e: LedgerInput): Promise<boolean> {
  const r = e.request;
  const inserted = await tx
    .insert(paymentLedger)
    .values({
      requestId: r.id,
      clientId: r.clientId,
      login: r.login,
      entry: e.entry,
      amount: e.amount,
      currency: r.accountCurrency,
      requestAmount: r.providerAmount ?? r.amount,
      requestCurrency: r.currency,
      rate: r.rate,
      fee: e.fee ?? 0,
      providerRef: r.providerRef,
      platformOpId: e.posting?.opId ?? null,
      actor: e.actor,
      at: e.at,
    })
    .onConflictDoNothing()
    .returning({ id: paymentLedger.id });
  if (!inserted.length) return false;
  if (e.posting)
    await tx
      .insert(platformPostings)
      .values({
        opId: e.posting.opId,
        requestId: r.id,
        login: r.login,
        kind: e.posting.kind,
        amount: e.amount,
        currency: r.accountCurrency,
        comment: e.posting.comment,
        createdAt: e.at,
        nextAttemptAt: e.at,
      })
      .onConflictDoNothing();
  return true;
}

export async function ledgerOf(db: Executor, requestId: string): Promise<LedgerEntryView[]> {
  const rows = await db
    .select()
    .from(paymentLedger)
    .where(eq(paymentLedger.requestId, requestId))
    .orderBy(asc(paymentLedger.id));
  return rows.map(({ clientId: _c, login: _l, at, ...r }) => ({ ...r, at: at.toISOString() }));
}
