import { and, eq } from 'drizzle-orm';
import { conflict, notFound } from '../../core/errors.js';
import { appendEvents, type NewEvent } from '../../core/events.js';
import type { Executor } from '../../db/connection.js';
import type { OutgoingMail } from '../../integrations/mail/mailer.js';
import { toDecimal, type LedgerEntry } from '../../shared/payments.js';
import type { PaymentRequestView, PortalPaymentView } from '../../shared/contracts/payments.js';
import { clientAudience, type ClientRef } from '../clients/index.js';
import { paymentLedger, paymentRequests, paymentSystems } from './schema.js';

// What every withdrawal step writes besides the request row: ledger entries, events (the audit trail
// and the live feed), the trader's email, and the views the routes answer with.

export type RequestRow = typeof paymentRequests.$inferSelect;
export type SystemRow = typeof paymentSystems.$inferSelect;

/** The platform operation ids of a withdrawal: the hold, and its release when rejected. */
export const holdOpId = (id: string) => `wd:${id}`;
export const releaseOpId = (id: string) => `wdr:${id}`;

/** Who acts: a staff member, the trader, or the system (a job, a provider callback). */
export interface Acting {
  kind: 'staff' | 'trader' | 'system';
  id: string | null;
  ip: string | null;
}

/** The withdrawal, locked (FOR UPDATE) in the caller's transaction, with its system; 404 otherwise. */
export async function lockWithdrawal(
  tx: Executor,
  id: string,
): Promise<{ r: RequestRow; system: SystemRow }> {
  const [row] = await tx
    .select({ r: paymentRequests, system: paymentSystems })
    .from(paymentRequests)
    .innerJoin(paymentSystems, eq(paymentSystems.id, paymentRequests.systemId))
    .where(and(eq(paymentRequests.id, id), eq(paymentRequests.direction, 'withdrawal')))
    .for('update', { of: paymentRequests })
    .limit(1);
  if (!row) throw notFound('Withdrawal');
  return row;
}

/** Refuses a step the request's status does not allow (409 with the status it is in). */
export function expectStatus(r: RequestRow, allowed: readonly RequestRow['status'][], action: string): void {
  if (!allowed.includes(r.status))
    throw conflict('invalid_status', `A withdrawal that is ${r.status} cannot be ${action}`, 'status', {
      status: r.status,
    });
}

/** Appends a ledger entry of a withdrawal (account currency = request currency for withdrawals). */
export async function ledgerEntry(
  tx: Executor,
  r: RequestRow,
  e: { entry: LedgerEntry; amount: number; requestAmount: number; platformOpId: string | null },
  actor: Acting,
  at: Date,
): Promise<void> {
  await tx
    .insert(paymentLedger)
    .values({
      requestId: r.id,
      clientId: r.clientId,
      login: r.login,
      entry: e.entry,
      amount: e.amount,
      currency: r.accountCurrency,
      requestAmount: e.requestAmount,
      requestCurrency: r.currency,
      rate: r.rate,
      fee: r.fee,
      providerRef: r.providerRef,
      platformOpId: e.platformOpId,
      actor: actor.kind === 'trader' ? 'trader' : actor.id,
      at,
    })
    // A retried step (the hold recorded by the request and by the retry job) lands once.
    .onConflictDoNothing();
}

type WithdrawalEventType =
  'withdrawal.requested' | 'withdrawal.approved' | 'withdrawal.paid' | 'withdrawal.rejected';

/** A withdrawal event: the client's audience plus finance, subject the client (its timeline). */
export async function withdrawalEvent<T extends WithdrawalEventType>(
  tx: Executor,
  type: T,
  r: RequestRow,
  system: SystemRow,
  client: ClientRef,
  actor: Acting,
  extra: Omit<NewEvent<T>['payload'] & object, keyof ReturnType<typeof paymentFields>>,
): Promise<void> {
  const audience = clientAudience(client);
  await appendEvents(tx, [
    {
      type,
      subjectType: 'client',
      subjectId: r.clientId,
      actorId: actor.id,
      actorKind: actor.kind,
      ip: actor.ip,
      payload: { ...paymentFields(r, system, client), ...extra },
      audience: { ...audience, permissions: ['payments.execute'] },
    } as NewEvent,
  ]);
}

function paymentFields(r: RequestRow, system: SystemRow, client: ClientRef) {
  return {
    requestId: r.id,
    clientId: r.clientId,
    clientName: client.name,
    direction: r.direction,
    login: r.login,
    status: r.status,
    amount: r.amount,
    currency: r.currency,
    systemName: system.name,
  };
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
  client: ClientRef,
  mail: Omit<OutgoingMail, 'to'>,
): Promise<void> {
  if (client.email) await mailer.queue(tx, { to: client.email, ...mail });
}

/** What the trader sees of the request (no staff ids). */
export function portalView(r: RequestRow, system: SystemRow, reasonLabel: string | null): PortalPaymentView {
  return {
    id: r.id,
    direction: r.direction,
    login: r.login,
    systemName: system.name,
    status: r.status,
    amount: r.amount,
    currency: r.currency,
    accountAmount: r.accountAmount,
    accountCurrency: r.accountCurrency,
    fee: r.fee,
    reference: r.reference,
    rejectReason: reasonLabel,
    rejectNote: r.rejectNote,
    createdAt: r.createdAt.toISOString(),
    executedAt: r.executedAt?.toISOString() ?? null,
  };
}

/** The request as finance sees it (the shape of the finance queue's rows). */
export function staffView(
  r: RequestRow,
  system: SystemRow,
  client: ClientRef,
  now: Date,
): PaymentRequestView {
  return {
    id: r.id,
    direction: r.direction,
    clientId: r.clientId,
    clientName: client.name,
    managerId: client.managerId,
    login: r.login,
    systemId: r.systemId,
    systemName: system.name,
    systemKind: system.kind,
    status: r.status,
    amount: r.amount,
    currency: r.currency,
    accountCurrency: r.accountCurrency,
    accountAmount: r.accountAmount,
    rate: r.rate,
    fee: r.fee,
    reference: r.reference,
    provider: r.provider,
    providerRef: r.providerRef,
    providerAmount: r.providerAmount,
    rejectReasonCode: r.rejectReasonCode,
    rejectNote: r.rejectNote,
    requestedBy: r.requestedBy,
    executedBy: r.executedBy,
    firstApproverId: r.firstApproverId,
    secondApproverId: r.secondApproverId,
    platformOpId: r.platformOpId,
    problem: r.problem,
    problemAt: r.problemAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    executedAt: r.executedAt?.toISOString() ?? null,
    ageSeconds: Math.max(0, Math.floor((now.getTime() - r.createdAt.getTime()) / 1000)),
  };
}
