import { actorOf, principal, routeDocs, type App } from '../../../core/http.js';
import { idParams } from '../../../core/primitives.js';
import {
  bulkPaymentResult,
  clientPayments,
  paymentRequestDetail,
  paymentRequestPage,
  paymentRequestView,
  paymentsCsv,
} from '../../../shared/contracts/payments.js';
import { bulkInput, confirmInput, exportQuery, rejectInput, requestListQuery } from '../contracts.js';
import type { PaymentsDeps } from '../index.js';
import { exportHeaders } from '../queue.js';
import { idempotent } from './guards.js';

const doc = routeDocs(['payments']);
const KEY_NOTE = ' Requires an Idempotency-Key header.';

/**
 * The finance queue and its actions (payments.execute), one request, a client's payments on the card
 * and the CSV export. Reads go through the viewer's record scope (a manager sees their clients').
 */
export function paymentRequestRoutes(
  app: App,
  ctx: Pick<PaymentsDeps, 'deposits' | 'paymentReads' | 'guard' | 'database'>,
): void {
  const read = ctx.guard('payments.read');
  const act = ctx.guard('payments.execute');
  const db = ctx.database.db;

  app.get(
    '/api/payments/requests',
    doc(
      'The finance queue: filters (status, direction, system, client, problem, age), sort, paging',
      { querystring: requestListQuery, response: { 200: paymentRequestPage } },
      read,
    ),
    async (request) => ctx.paymentReads.list(principal(request), request.query),
  );
  app.get(
    '/api/payments/requests/:id',
    doc(
      'One payment request with its ledger entries',
      { params: idParams(), response: { 200: paymentRequestDetail } },
      read,
    ),
    async (request) => ctx.paymentReads.detail(principal(request), request.params.id),
  );
  app.post(
    '/api/payments/requests/:id/execute',
    doc(
      'Execute a manual deposit: credit the trading account (once).' + KEY_NOTE,
      { params: idParams(), response: { 200: paymentRequestView } },
      act,
    ),
    async (request, reply) =>
      idempotent(db, request, reply, principal(request).id, 200, (commit) =>
        ctx.deposits.execute(actorOf(request), request.params.id, commit),
      ),
  );
  app.post(
    '/api/payments/requests/:id/reject',
    doc(
      'Reject a deposit with a reason from the list and a note (the trader is told).' + KEY_NOTE,
      { params: idParams(), body: rejectInput, response: { 200: paymentRequestView } },
      act,
    ),
    async (request, reply) =>
      idempotent(db, request, reply, principal(request).id, 200, (commit) =>
        ctx.deposits.reject(actorOf(request), request.params.id, request.body, commit),
      ),
  );
  app.post(
    '/api/payments/requests/:id/confirm',
    doc(
      'Confirm a deposit the provider paid with a different amount (credits what was paid, or `amount`).' +
        KEY_NOTE,
      { params: idParams(), body: confirmInput, response: { 200: paymentRequestView } },
      act,
    ),
    async (request, reply) =>
      idempotent(db, request, reply, principal(request).id, 200, (commit) =>
        ctx.deposits.confirm(actorOf(request), request.params.id, request.body, commit),
      ),
  );
  app.post(
    '/api/payments/requests/bulk',
    doc(
      'Execute or reject many deposits; each succeeds or fails on its own.' + KEY_NOTE,
      { body: bulkInput, response: { 200: bulkPaymentResult } },
      act,
    ),
    async (request, reply) =>
      idempotent(db, request, reply, principal(request).id, 200, () =>
        ctx.deposits.bulk(actorOf(request), request.body),
      ),
  );

  app.get(
    '/api/clients/:id/payments',
    doc(
      "A client's payments: FTD, net deposits, problem, requests (the card's Payments tab)",
      { tags: ['clients', 'payments'], params: idParams(), response: { 200: clientPayments } },
      read,
    ),
    async (request) => ctx.paymentReads.forClient(principal(request), request.params.id),
  );

  app.get(
    '/api/payments/export',
    doc(
      'The finance queue as CSV with its filters (scoped, audited, ≤ 100,000 rows)',
      { querystring: exportQuery, response: { 200: paymentsCsv } },
      // Payments' own read permission: reports.read alone (compliance) must not export every client's
      // payments; a manager's export is scoped to their clients like the queue.
      read,
    ),
    async (request, reply) => {
      const out = await ctx.paymentReads.export(principal(request), actorOf(request), request.query);
      return reply.headers({ ...exportHeaders(out), 'cache-control': 'no-store' }).send(out.body);
    },
  );
}
