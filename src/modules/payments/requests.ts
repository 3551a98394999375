import { eq, inArray } from 'drizzle-orm';
import { conflict, notFound } from '../../core/errors.js';
import type { Executor } from '../../db/connection.js';
import type { PaymentRequestView, PortalPaymentView } from '../../shared/contracts/payments.js';
import type { PaymentStatus } from '../../shared/payments.js';
import { clientRefsByIds, type ClientRef } from '../clients/index.js';
import { paymentRequests, paymentSystems } from './schema.js';

/**
 * Shared by deposits, withdrawals and callbacks: reading and locking a request, its allowed state
 * transitions, and the views staff and traders see. Every change to a request goes through
 * `transition`, so a status can only move along the arrows below.
 */
export type RequestRow = typeof paymentRequests.$inferSelect;
export type SystemRow = typeof paymentSystems.$inferSelect;

/** Where each status may go next (deposits and withdrawals; see the design in issue 10). */
export const TRANSITIONS: Readonly<Record<PaymentStatus, readonly PaymentStatus[]>> = {
  // deposits
  pending: ['executed', 'rejected'],
  awaiting_payment: ['provider_pending', 'executed', 'declined', 'needs_review', 'rejected'],
  provider_pending: ['executed', 'declined', 'needs_review', 'rejected'],
  needs_review: ['executed', 'rejected'],
  executed: ['refunded', 'charged_back'],
  // refunded → refunded: a further partial refund.
  refunded: ['refunded', 'charged_back'],
  charged_back: [],
  declined: ['executed', 'needs_review'],
  // A provider's success after finance rejected: the money arrived, finance looks again.
  rejected: ['needs_review'],
  // withdrawals
  requested: ['approved_once', 'approved', 'rejected'],
  approved_once: ['approved', 'rejected'],
  approved: ['payout_pending', 'paid', 'rejected'],
  payout_pending: ['paid', 'payout_failed'],
  payout_failed: ['payout_pending', 'paid', 'rejected'],
  paid: [],
};

export const canTransition = (from: PaymentStatus, to: PaymentStatus) => TRANSITIONS[from].includes(to);

/** The request locked FOR UPDATE in the caller's transaction, or 404. */
export async function lockRequest(tx: Executor, id: string): Promise<RequestRow> {
  const [row] = await tx.select().from(paymentRequests).where(eq(paymentRequests.id, id)).for('update');
  if (!row) throw notFound('Payment request');
  return row;
}

export async function readRequest(tx: Executor, id: string): Promise<RequestRow> {
  const [row] = await tx.select().from(paymentRequests).where(eq(paymentRequests.id, id)).limit(1);
  if (!row) throw notFound('Payment request');
  return row;
}

/**
 * Moves a locked request to `to` with the other columns in `patch`; 409 `invalid_transition` when the
 * arrow does not exist (executing a rejected request, rejecting an executed one).
 */
export async function transition(
  tx: Executor,
  row: RequestRow,
  to: PaymentStatus,
  patch: Partial<Omit<RequestRow, 'id' | 'status'>>,
  now: Date,
): Promise<RequestRow> {
  if (!canTransition(row.status, to))
    throw conflict(
      'invalid_transition',
      `A ${row.status.replace('_', ' ')} request cannot become ${to}`,
      'status',
      {
        status: row.status,
      },
    );
  const [updated] = await tx
    .update(paymentRequests)
    .set({ ...patch, status: to, updatedAt: now })
    .where(eq(paymentRequests.id, row.id))
    .returning();
  return updated!;
}

/** Changes columns of a locked request without a status change (problem flags, provider data). */
export async function patchRequest(
  tx: Executor,
  id: string,
  patch: Partial<Omit<RequestRow, 'id' | 'status'>>,
  now: Date,
): Promise<RequestRow> {
  const [updated] = await tx
    .update(paymentRequests)
    .set({ ...patch, updatedAt: now })
    .where(eq(paymentRequests.id, id))
    .returning();
  if (!updated) throw notFound('Payment request');
  return updated;
}

export async function systemById(tx: Executor, id: string): Promise<SystemRow | null> {
  const [row] = await tx.select().from(paymentSystems).where(eq(paymentSystems.id, id)).limit(1);
  return row ?? null;
}

/** Finance's view of requests, with their client's name and manager and the system's name. */
export async function requestViews(
  db: Executor,
  rows: readonly RequestRow[],
  now: Date,
): Promise<PaymentRequestView[]> {
  if (!rows.length) return [];
  const [clientsById, systems] = await Promise.all([
    clientRefsByIds(
      db,
      rows.map((r) => r.clientId),
    ),
    db
      .select({ id: paymentSystems.id, name: paymentSystems.name, kind: paymentSystems.kind })
      .from(paymentSystems)
      .where(inArray(paymentSystems.id, [...new Set(rows.map((r) => r.systemId))])),
  ]);
  const systemById = new Map(systems.map((s) => [s.id, s]));
  return rows.map((r) => toView(r, clientsById.get(r.clientId), systemById.get(r.systemId), now));
}

export function toView(
  r: RequestRow,
  client: Pick<ClientRef, 'name' | 'managerId'> | undefined,
  system: { name: string; kind: SystemRow['kind'] } | undefined,
  now: Date,
): PaymentRequestView {
  return {
    id: r.id,
    direction: r.direction,
    clientId: r.clientId,
    clientName: client?.name ?? '',
    managerId: client?.managerId ?? null,
    login: r.login,
    systemId: r.systemId,
    systemName: system?.name ?? '',
    systemKind: system?.kind ?? 'manual',
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

/** What the trader sees of their own request (no staff ids, the reason's label instead of its code). */
export function toPortalView(
  r: RequestRow,
  systemName: string,
  reasonLabel: (code: string) => string | null,
): PortalPaymentView {
  return {
    id: r.id,
    direction: r.direction,
    login: r.login,
    systemName,
    status: r.status,
    amount: r.amount,
    currency: r.currency,
    accountAmount: r.accountAmount,
    accountCurrency: r.accountCurrency,
    fee: r.fee,
    reference: r.reference,
    rejectReason: r.rejectReasonCode ? (reasonLabel(r.rejectReasonCode) ?? r.rejectReasonCode) : null,
    rejectNote: r.rejectNote,
    createdAt: r.createdAt.toISOString(),
    executedAt: r.executedAt?.toISOString() ?? null,
  };
}
