import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { z } from 'zod';
import { unauthorized } from '../../../core/errors.js';
import { actorOf, routeDocs, type App } from '../../../core/http.js';
import { IDEMPOTENCY_HEADER, withIdempotency, type IdempotentCommit } from '../../../core/idempotency.js';
import { idParams as idParamsOf, text } from '../../../core/primitives.js';
import type { Db } from '../../../db/connection.js';
import type { Clock } from '../../../core/clock.js';
import {
  paymentRequestView,
  portalWithdrawalCreated,
  type PaymentRequestView,
} from '../../../shared/contracts/payments.js';
import { TRADER_COOKIE, trader, type CabinetService } from '../../cabinet/index.js';
import { clientRef } from '../../clients/index.js';
import type { Guard } from '../../identity/index.js';
import { withdrawalInput, withdrawalRejectInput } from '../withdrawals-contracts.js';
import { lockWithdrawal, staffView } from '../withdrawals-records.js';
import type { StepCommit } from '../withdrawals-actions.js';
import type { WithdrawalService } from '../withdrawals.js';

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
        security: [{ trader: [] }],
        headers: idempotencyHeader,
        body: withdrawalInput,
        response: { 201: portalWithdrawalCreated },
      },
      traderSession(deps.cabinet),
    ),
    async (request, reply) => {
      const me = trader(request).clientId;
      return idempotent(db, request, reply, `trader:${me}`, 201, (commit) =>
        deps.withdrawals.request({ clientId: me, ip: request.ip ?? null }, request.body, commit),
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
            commit(async (tx) => {
              const r = await fn(tx);
              const { system } = await lockWithdrawal(tx, r.id);
              return staffView(r, system, await clientRef(tx, r.clientId), deps.clock.now());
            }),
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
    (s, id, b, c) => actions.reject(s, id, b as z.output<typeof withdrawalRejectInput>, c),
    withdrawalRejectInput,
  );
}

/** Runs a money route under its Idempotency-Key and answers with the (possibly replayed) answer. */
async function idempotent<B>(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  principal: string,
  status: number,
  handler: (commit: IdempotentCommit) => Promise<B>,
) {
  const answer = await withIdempotency(
    db,
    {
      key: request.headers[IDEMPOTENCY_HEADER],
      principal,
      method: request.method,
      route: `${request.routeOptions.url} ${JSON.stringify(request.params ?? {})}`,
      body: request.body,
    },
    status,
    handler,
  );
  return reply.status(answer.status).send(answer.body);
}

/** A live trader session (the cabinet's guard decorates requests once, so this resolves it itself). */
function traderSession(cabinet: Pick<CabinetService, 'resolveSession'>): preHandlerHookHandler {
  return async function requireTrader(request) {
    const token = request.cookies[TRADER_COOKIE];
    if (!token) throw unauthorized();
    const session = await cabinet.resolveSession(token);
    if (session === 'expired')
      throw unauthorized('session_expired', 'Your session has expired; sign in again');
    if (!session) throw unauthorized('session_ended', 'Your session has ended; sign in again');
    request.trader = session;
  };
}
