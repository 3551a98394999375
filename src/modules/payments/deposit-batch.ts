import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import type { Mailer, OutgoingMail } from '../../integrations/mail/mailer.js';
import { recordRepeatDeposits } from '../clients/index.js';
import { appendDepositCredits, opIds } from './ledger.js';
import { paymentMailOf } from './mails.js';
import { appendPaymentEvent, primeClients } from './payment-events.js';
import type { ProviderCallback } from './provider.js';
import type { RequestRow } from './requests.js';
import { paymentRequests } from './schema.js';

/**
 * Whether a provider's success needs nothing but the credit: the amount and currency asked for, one
 * currency throughout (request, account, base — no rate to read), no problem to clear and no reversal
 * waiting. Anything else goes through DepositBook.credit (or review) one by one.
 */
export function isPlainSuccess(row: RequestRow, cb: ProviderCallback, baseCurrency: string): boolean {
  return (
    cb.type === 'payment.succeeded' &&
    row.direction === 'deposit' &&
    (row.status === 'awaiting_payment' || row.status === 'provider_pending') &&
    row.providerRef === cb.providerRef &&
    cb.currency === row.currency &&
    cb.amount === row.amount &&
    row.currency === row.accountCurrency &&
    row.currency === baseCurrency &&
    row.problem === null &&
    row.pendingReversals.length === 0
  );
}

/**
 * Plain successes of a batch of callbacks (see isPlainSuccess), credited with set-based statements —
 * the clients' figures, the requests, the ledger with its postings, the mails; the events join the
 * transaction's one append — writing what DepositBook.credit writes for each. A client's first
 * deposit is not credited here (the FTD, its hand-over and notifications are credit's): the ids
 * credited are returned, the others are the caller's to credit one by one. Rows must be locked.
 */
export async function creditPlainSuccesses(
  tx: Executor,
  deps: { mailer: Pick<Mailer, 'queueMany'>; baseUrl: string },
  rows: readonly RequestRow[],
  now: Date,
): Promise<Set<string>> {
  if (!rows.length) return new Set();
  // First, as it decides who is credited here: clients without an FTD are left for credit.
  const clientsDone = await recordRepeatDeposits(
    tx,
    rows.map((r) => ({ clientId: r.clientId, baseAmount: Math.max(0, r.amount - r.fee) })),
    now,
  );
  const mine = rows.filter((r) => clientsDone.has(r.clientId));
  if (!mine.length) return new Set();
  const p = paymentRequests;
  // What credit sets, computed per row in SQL: the net (amount − fee, never below zero) and the op id.
  const updated = await tx
    .update(p)
    .set({
      status: 'executed',
      accountAmount: sql`greatest(0, ${p.amount} - ${p.fee})`,
      rate: null,
      executedBy: null,
      executedAt: now,
      platformOpId: sql`${opIds.deposit('')}::text || ${p.id}::text`,
      updatedAt: now,
    })
    .where(
      inArray(
        p.id,
        mine.map((r) => r.id),
      ),
    )
    .returning();
  await appendDepositCredits(
    tx,
    updated.map((r) => ({
      request: r,
      opId: opIds.deposit(r.id),
      comment: `Deposit ${r.reference ?? r.id}`,
    })),
    now,
  );
  await primeClients(
    tx,
    updated.map((r) => r.clientId),
  );
  const mails: OutgoingMail[] = [];
  for (const r of updated) {
    await appendPaymentEvent(
      tx,
      'payment.executed',
      r,
      { accountAmount: r.accountAmount ?? 0, rate: r.rate },
      { actor: null },
    );
    const mail = await paymentMailOf(tx, deps.baseUrl, 'executed', r);
    if (mail) mails.push(mail);
  }
  await deps.mailer.queueMany(tx, mails);
  return new Set(updated.map((r) => r.id));
}
