import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import type { LedgerEntryView } from '../../shared/contracts/payments.js';
import type { LedgerEntry } from '../../shared/payments.js';
import type { Posting } from './posting.js';
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

/** The platform postings each transaction queued, in order: posted by its caller after commit. */
const queuedOf = new WeakMap<object, Posting[]>();

/** What `tx` queued for the platform (empty when nothing); read after the transaction commits. */
export function queuedPostings(tx: Executor): Posting[] {
  return queuedOf.get(tx) ?? [];
}

/**
 * Appends one money movement to the ledger and, when it moves money on the platform, queues that
 * balance operation (posted after commit by PlatformPosting). The ledger refuses a second entry for the
 * same platform operation (unique `platform_op_id`): `false` means it was recorded before, nothing added.
 * One statement (the posting is inserted from the ledger insert's result), as this runs inside every
 * credit while its request and client rows are locked.
 */
export async function appendLedger(tx: Executor, e: LedgerInput): Promise<boolean> {
  const r = e.request;
  const l = paymentLedger;
  const p = platformPostings;
  const at = e.at.toISOString();
  const posting = e.posting
    ? sql`, posted as (
        insert into ${p} (${sql.identifier(p.opId.name)}, ${sql.identifier(p.requestId.name)}, ${sql.identifier(p.login.name)},
          ${sql.identifier(p.kind.name)}, ${sql.identifier(p.amount.name)}, ${sql.identifier(p.currency.name)},
          ${sql.identifier(p.comment.name)}, ${sql.identifier(p.createdAt.name)}, ${sql.identifier(p.nextAttemptAt.name)})
        select ${e.posting.opId}::text, ${r.id}::uuid, ${r.login}::text, ${e.posting.kind}::text, ${e.amount}::bigint, ${r.accountCurrency}::text,
          ${e.posting.comment}::text, ${at}::timestamptz, ${at}::timestamptz
        from entry
        on conflict do nothing
        returning 1)`
    : sql``;
  const result = await tx.execute(sql`
    with entry as (
      insert into ${l} (${sql.identifier(l.requestId.name)}, ${sql.identifier(l.clientId.name)}, ${sql.identifier(l.login.name)},
        ${sql.identifier(l.entry.name)}, ${sql.identifier(l.amount.name)}, ${sql.identifier(l.currency.name)},
        ${sql.identifier(l.requestAmount.name)}, ${sql.identifier(l.requestCurrency.name)}, ${sql.identifier(l.rate.name)},
        ${sql.identifier(l.fee.name)}, ${sql.identifier(l.providerRef.name)}, ${sql.identifier(l.platformOpId.name)},
        ${sql.identifier(l.actor.name)}, ${sql.identifier(l.at.name)})
      values (${r.id}::uuid, ${r.clientId}::uuid, ${r.login}, ${e.entry}, ${e.amount}, ${r.accountCurrency},
        ${r.providerAmount ?? r.amount}, ${r.currency}, ${r.rate}, ${e.fee ?? 0}, ${r.providerRef},
        ${e.posting?.opId ?? null}, ${e.actor}, ${at}::timestamptz)
      on conflict do nothing
      returning 1)${posting}
    select (select count(*) from entry)::int as entries${e.posting ? sql`, (select count(*) from posted)::int as postings` : sql``}`);
  const [counts] = (result as unknown as { rows: { entries: number; postings?: number }[] }).rows;
  if (!counts?.entries) return false;
  if (e.posting && counts.postings) {
    const queued = queuedOf.get(tx) ?? [];
    queued.push({
      opId: e.posting.opId,
      requestId: r.id,
      login: r.login,
      kind: e.posting.kind,
      amount: e.amount,
      currency: r.accountCurrency,
      comment: e.posting.comment,
      attempts: 0,
    });
    queuedOf.set(tx, queued);
  }
  return true;
}

/**
 * Deposit credits of a batch of provider callbacks (callback-batch.ts): the ledger entries in one
 * statement and their platform postings in another, each posting queued on `tx` like appendLedger's.
 * An entry whose platform operation is in the ledger already adds nothing (the same unique key).
 */
export async function appendDepositCredits(
  tx: Executor,
  credits: readonly { request: RequestRow; opId: string; comment: string }[],
  at: Date,
): Promise<void> {
  if (!credits.length) return;
  const entered = await tx
    .insert(paymentLedger)
    .values(
      credits.map(({ request: r, opId }) => ({
        requestId: r.id,
        clientId: r.clientId,
        login: r.login,
        entry: 'deposit' as const,
        amount: r.accountAmount ?? 0,
        currency: r.accountCurrency,
        requestAmount: r.providerAmount ?? r.amount,
        requestCurrency: r.currency,
        rate: r.rate,
        fee: r.fee,
        providerRef: r.providerRef,
        platformOpId: opId,
        actor: null,
        at,
      })),
    )
    .onConflictDoNothing()
    .returning({ opId: paymentLedger.platformOpId });
  const fresh = new Set(entered.map((e) => e.opId));
  const postings = credits
    .filter((c) => fresh.has(c.opId))
    .map(({ request: r, opId, comment }) => ({
      opId,
      requestId: r.id,
      login: r.login,
      kind: 'deposit' as const,
      amount: r.accountAmount ?? 0,
      currency: r.accountCurrency,
      comment,
      createdAt: at,
      nextAttemptAt: at,
    }));
  if (!postings.length) return;
  const posted = new Set(
    (
      await tx
        .insert(platformPostings)
        .values(postings)
        .onConflictDoNothing()
        .returning({ opId: platformPostings.opId })
    ).map((p) => p.opId),
  );
  const queued = queuedOf.get(tx) ?? [];
  for (const p of postings)
    if (posted.has(p.opId))
      queued.push({
        opId: p.opId,
        requestId: p.requestId,
        login: p.login,
        kind: p.kind,
        amount: p.amount,
        currency: p.currency,
        comment: p.comment,
        attempts: 0,
      });
  queuedOf.set(tx, queued);
}

export async function ledgerOf(db: Executor, requestId: string): Promise<LedgerEntryView[]> {
  const rows = await db
    .select()
    .from(paymentLedger)
    .where(eq(paymentLedger.requestId, requestId))
    .orderBy(asc(paymentLedger.id));
  return rows.map(({ clientId: _c, login: _l, at, ...r }) => ({ ...r, at: at.toISOString() }));
}
