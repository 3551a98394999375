import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../../core/clock.js';
import { actorOf, routeDocs, type App } from '../../../core/http.js';
import { IDEMPOTENCY_HEADER } from '../../../core/idempotency.js';
import { idParams as idParamsOf, text } from '../../../core/primitives.js';
import type { Db } from '../../../db/connection.js';
import {
  paymentRequestView,
  portalWithdrawalCreated,
  type PaymentRequestView,
} from '../../../shared/contracts/payments.js';
import { trader, traderSession, type CabinetService } from '../../cabinet/index.js';
import type { Guard } from '../../identity/index.js';
import { rejectInput } from '../contracts.js';
import { requestViews } from '../requests.js';
import type { StepCommit } from '../withdrawals-actions.js';
import { withdrawalInput } from '../withdrawals-contracts.js';
import type { WithdrawalService } from '../withdrawals.js';
import { idempotent, traderSecurity } from './guards.js';

const idParams = idParamsOf();
/** Documented in the OpenAPI document; its absence is withIdempotency's 400 (idempotency_key_required). */
const idempotencyHeader = z.object({
  [IDEMPOTENCY_HEADER]: text({ label: 'Idempotency-Key', max: 255 }).optional(),
});

export interface WithdrawalRouteDeps {
  withdrawals: WithdrawalService;
  cabinet: Pick<CabinetService, 'resolveSession'>;
  database: { db: Db };
  clock: Clock;
  guard: Guard;
}

/**
 * The trader's withdrawal request (cabinet) and finance's steps on it. Every one moves money, so each
 * takes an `Idempotency-Key`: a retry answers what the first answered and does nothing again.
 */
export function withdrawalRoutes(app: App, deps: WithdrawalRouteDeps): void {
  const db = deps.database.db;
  const execute = deps.guard('payments.execute');

  app.post(
    '/api/portal/payments/withdrawals',
    routeDocs(['cabinet', 'payments'])(
      'Request a withdrawal: checked against free margin and verification, held on the account at once',
      {
        security: traderSecurity,
        headers: idempotencyHeader,
        body: withdrawalInput,
        response: { 201: portalWithdrawalCreated },
      },
      traderSession(deps.cabinet),
    ),
    async (request, reply) => {
      const me = trader(request).clientId;
      const principal = `trader:${me}`;
      return idempotent(db, request, reply, principal, 201, (commit) =>
        deps.withdrawals.request(
          { clientId: me, ip: request.ip ?? null },
          request.body,
          commit,
          requestIdFor(principal, request.headers[IDEMPOTENCY_HEADER]),
        ),
      );
    },
  );

  const doc = routeDocs(['payments']);
  /** Finance's step on a withdrawal: answers the request as the queue shows it. */
  const step = (
    path: string,
    summary: string,
    act: (
      staff: { id: string; ip: string | null },
      id: string,
      body: unknown,
      commit: StepCommit<PaymentRequestView>,
    ) => Promise<PaymentRequestView>,
    body?: z.ZodType,
  ) =>
    app.post(
      `/api/payments/withdrawals/:id/${path}`,
      doc(
        summary,
        {
          params: idParams,
          headers: idempotencyHeader,
          ...(body ? { body } : {}),
          response: { 200: paymentRequestView },
        },
        execute,
      ),
      async (request, reply) => {
        const staff = actorOf(request);
        const { id } = request.params as { id: string };
        return idempotent(db, request, reply, staff.id, 200, (commit) =>
          // The answer stored with the change is the view as of that transaction.
          act(staff, id, request.body, (fn) =>
            commit(async (tx) => (await requestViews(tx, [await fn(tx)], deps.clock.now()))[0]!),
          ),
        );
      },
    );

  const actions = deps.withdrawals.actions;
  step(
    'approve',
    'Approve (two finance users above the threshold: approver ≠ requester ≠ first approver)',
    (s, id, _b, c) => actions.approve(s, id, c),
  );
  step('paid', 'Mark paid out by hand (manual systems)', (s, id, _b, c) => actions.markPaid(s, id, c));
  step('payout', 'Send (again) to the provider for payout (automatic systems)', (s, id, _b, c) =>
    actions.payout(s, id, c),
  );
  step(
    'reject',
    'Reject with a reason; the held amount goes back to the account',
    (s, id, b, c) => actions.reject(s, id, b as z.output<typeof rejectInput>, c),
    rejectInput,
  );
}

/**
 * The request's id, derived from the caller and the key (a UUID-shaped digest): a retry whose first
 * attempt held the amount but lost its answer continues that request instead of holding again.
 */
function requestIdFor(principal: string, key: string | string[] | undefined): string {
  const h = createHash('sha256')
    .update(`withdrawal\n${principal}\n${String(key)}`)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
