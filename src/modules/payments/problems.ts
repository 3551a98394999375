import { and, eq, inArray, isNull, lt, ne, or } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import type { Db, Executor } from '../../db/connection.js';
import type { PaymentProblem } from '../../shared/payments.js';
import { setClientPaymentTrouble } from '../clients/index.js';
import { appendPaymentEvent } from './payment-events.js';
import { lockRequest, patchRequest, type RequestRow } from './requests.js';
import { paymentRequests } from './schema.js';

/** Statuses that wait on someone else; past the configured minutes they are "stuck". */
const WAITING = ['pending', 'awaiting_payment', 'provider_pending', 'needs_review'] as const;

/**
 * Puts a problem on a request (declined, insufficient funds, stuck, failed posting, amount mismatch):
 * the request and its client are flagged (the card, "Online now"), and the responsible manager is
 * notified at once with `payment.problem`. The same problem twice is one notification.
 */
export async function markProblem(
  tx: Executor,
  row: RequestRow,
  problem: PaymentProblem,
  now: Date,
): Promise<RequestRow> {
  if (row.problem === problem) return row;
  const updated = await patchRequest(tx, row.id, { problem, problemAt: now }, now);
  await setClientPaymentTrouble(tx, row.clientId, problem, now);
  await appendPaymentEvent(tx, 'payment.problem', updated, { problem }, { actor: null, notifyManager: true });
  return updated;
}

/**
 * Clears a request's problem (only `which`, when given: a successful posting clears `posting_failed`,
 * not a mismatch finance still has to look at). The client's flag goes when no other request of theirs
 * has one; otherwise it shows the most recent remaining problem.
 */
export async function clearProblem(
  tx: Executor,
  row: RequestRow,
  now: Date,
  which?: PaymentProblem,
): Promise<RequestRow> {
  if (!row.problem || (which && row.problem !== which)) return row;
  const updated = await patchRequest(tx, row.id, { problem: null, problemAt: null }, now);
  const [other] = await tx
    .select({ problem: paymentRequests.problem })
    .from(paymentRequests)
    .where(
      and(
        eq(paymentRequests.clientId, row.clientId),
        ne(paymentRequests.id, row.id),
        or(...PROBLEMS_OPEN.map((p) => eq(paymentRequests.problem, p))),
      ),
    )
    .limit(1);
  await setClientPaymentTrouble(tx, row.clientId, other?.problem ?? null, now);
  await appendPaymentEvent(tx, 'payment.problem', updated, { problem: null }, { actor: null });
  return updated;
}

const PROBLEMS_OPEN: PaymentProblem[] = [
  'declined',
  'insufficient_funds',
  'stuck_pending',
  'posting_failed',
  'amount_mismatch',
  'currency_mismatch',
  'paid_after_rejection',
];

/**
 * The stuck-pending pass (a job): requests still waiting after `minutes` get `stuck_pending`, once.
 * Each is flagged in its own short transaction, after re-reading it locked (it may have moved on).
 */
export async function flagStuckRequests(db: Db, clock: Clock, minutes: number, limit = 200): Promise<number> {
  const now = clock.now();
  const cutoff = new Date(now.getTime() - minutes * 60_000);
  const due = await db
    .select({ id: paymentRequests.id })
    .from(paymentRequests)
    .where(
      and(
        inArray(paymentRequests.status, [...WAITING]),
        lt(paymentRequests.createdAt, cutoff),
        isNull(paymentRequests.problem),
      ),
    )
    .limit(limit);
  let flagged = 0;
  for (const { id } of due)
    await db.transaction(async (tx) => {
      const row = await lockRequest(tx, id);
      if (row.problem || !(WAITING as readonly string[]).includes(row.status)) return;
      await markProblem(tx, row, 'stuck_pending', now);
      flagged += 1;
    });
  return flagged;
}
