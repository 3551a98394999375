import { and, eq } from 'drizzle-orm';
import { notFound } from '../../core/errors.js';
import type { Executor } from '../../db/connection.js';
import type { OutgoingMail } from '../../integrations/mail/mailer.js';
import { toDecimal } from '../../shared/payments.js';
import { clientRef } from '../clients/index.js';
import { appendLedger, opIds } from './ledger.js';
import type { PaymentEventOptions } from './payment-events.js';
import type { RequestRow } from './requests.js';
import { paymentRequests, platformPostings } from './schema.js';

// What the withdrawal steps write besides the request's status: the hold and its release in the
// ledger (with their platform postings), the trader's email. Events go through appendPaymentEvent.

/** A staff member, the trader, or the system (null: a job, a provider callback). */
export type WithdrawalActor = PaymentEventOptions['actor'];

/** The actor as the ledger records it: a staff id, 'trader', or null. */
const ledgerActor = (actor: WithdrawalActor) =>
  actor === null ? null : 'trader' in actor ? 'trader' : actor.id;

/** The withdrawal locked FOR UPDATE in the caller's transaction, or 404 (a deposit is not one). */
export async function lockWithdrawal(tx: Executor, id: string): Promise<RequestRow> {
  const [row] = await tx
    .select()
    .from(paymentRequests)
    .where(and(eq(paymentRequests.id, id), eq(paymentRequests.direction, 'withdrawal')))
    .for('update');
  if (!row) throw notFound('Withdrawal');
  return row;
}

/**
 * Records the hold the platform has just taken: its ledger entry and its posting, marked posted at
 * once (the platform took it before this transaction; a repeat of the op id would change nothing).
 */
export async function recordHoldEntry(tx: Executor, r: RequestRow, actor: WithdrawalActor, now: Date) {
  const opId = opIds.withdrawal(r.id);
  await appendLedger(tx, {
    request: r,
    entry: 'withdrawal_hold',
    amount: -r.amount,
    actor: ledgerActor(actor),
    posting: { opId, kind: 'withdrawal', comment: `Withdrawal ${r.id} (held until paid or rejected)` },
    at: now,
  });
  await tx
    .update(platformPostings)
    .set({ postedAt: now, attempts: 1 })
    .where(eq(platformPostings.opId, opId));
}

/**
 * The release of a rejected withdrawal's hold: a deposit-kind operation (so the platform's net
 * deposits come back too), queued for the platform and posted after the commit, retried until done.
 */
export async function recordReleaseEntry(tx: Executor, r: RequestRow, actor: WithdrawalActor, now: Date) {
  await appendLedger(tx, {
    request: r,
    entry: 'hold_release',
    amount: r.amount,
    actor: ledgerActor(actor),
    posting: {
      opId: opIds.holdRelease(r.id),
      kind: 'deposit',
      comment: `Withdrawal ${r.id} rejected: hold released`,
    },
    at: now,
  });
}

/**
 * The payout: the account was debited by the hold already, so its account amount is 0; the entry
 * carries what left the broker (request amount and fee, the provider's reference).
 */
export async function recordPayoutEntry(tx: Executor, r: RequestRow, actor: WithdrawalActor, now: Date) {
  await appendLedger(tx, {
    request: r,
    entry: 'payout',
    amount: 0,
    actor: ledgerActor(actor),
    fee: r.fee,
    at: now,
  });
}

const money = (minor: number, currency: string) => `${toDecimal(minor, currency).toFixed(2)} ${currency}`;

/** The trader's email for a withdrawal step (the cabinet shows the same status and reason). */
export function withdrawalMail(
  step: 'requested' | 'paid' | 'rejected',
  r: RequestRow,
  name: string,
  reason?: string,
): Omit<OutgoingMail, 'to'> {
  const what = `your withdrawal of ${money(r.amount, r.currency)} from account ${r.login}`;
  const lines = {
    requested: [
      `We received ${what}. The amount is held on the account until finance has processed the request.`,
    ],
    paid: [`We have paid out ${what}.`, ...(r.fee ? [`Fee: ${money(r.fee, r.currency)}.`] : [])],
    rejected: [
      `We could not process ${what}.`,
      `Reason: ${reason ?? r.rejectReasonCode ?? ''}${r.rejectNote ? ` — ${r.rejectNote}` : ''}`,
      'The held amount is back on your trading account.',
    ],
  }[step];
  const subject = {
    requested: 'Withdrawal request received',
    paid: 'Withdrawal paid',
    rejected: 'Withdrawal request rejected',
  }[step];
  return {
    subject,
    text: [`Hello ${name},`, '', ...lines, '', 'You can follow it in your cabinet.'].join('\n'),
  };
}

/** Queues the trader's email in the caller's transaction (nothing when the client has no address). */
export async function mailTrader(
  tx: Executor,
  mailer: { queue(tx: Executor, mail: OutgoingMail): Promise<void> },
  step: 'requested' | 'paid' | 'rejected',
  r: RequestRow,
  reason?: string,
): Promise<void> {
  const client = await clientRef(tx, r.clientId);
  if (client.email)
    await mailer.queue(tx, { to: client.email, ...withdrawalMail(step, r, client.name, reason) });
}
