import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../../core/http.js';
import type { TradingDeps } from '../index.js';
import { actorOf, principal, routeDocs } from '../../../core/http.js';
import { balanceOpsQuery, dealsQuery, equityQuery, openAccountInput } from '../contracts.js';
import { idParams as idParamsOf } from '../../../core/primitives.js';
import {
  accountView,
  balanceOpView,
  dealView,
  equityPoint,
  openedAccountView,
  pageOf,
  positionView,
} from '../../../shared/contracts/trading.js';

const idParams = idParamsOf();
/** The reads' viewer: the signed-in staff member, whose record scope decides what they may see. */
const staffOf = (request: FastifyRequest) => ({ staff: principal(request) });

/** Trading accounts in the staff workspace: the client card's accounts and each account's details. */
export function tradingAccountRoutes(app: App, ctx: Pick<TradingDeps, 'tradingAccounts' | 'guard'>): void {
  const read = ctx.guard('clients.read');
  const clientsTradingDoc = routeDocs(['clients', 'trading'], { guard: read });

  app.post(
    '/api/clients/:id/accounts',
    clientsTradingDoc(
      'Open a trading account for the client (credentials returned once and emailed)',
      { params: idParams, body: openAccountInput, response: { 201: openedAccountView } },
      ctx.guard('clients.write'),
    ),
    async (request, reply) => {
      const opened = await ctx.tradingAccounts.open(
        { kind: 'staff', viewer: principal(request), actor: actorOf(request) },
        request.params.id,
        request.body,
      );
      return reply.status(201).send(opened);
    },
  );

  app.get(
    '/api/clients/:id/accounts',
    clientsTradingDoc("The client's trading accounts", {
      params: idParams,
      response: { 200: z.array(accountView) },
    }),
    async (request) => ctx.tradingAccounts.read.forClient(staffOf(request), request.params.id),
  );

  const doc = routeDocs(['trading'], { guard: read });

  app.get(
    '/api/trading/accounts/:id',
    doc('One trading account', { params: idParams, response: { 200: accountView } }),
    async (request) => ctx.tradingAccounts.read.get(staffOf(request), request.params.id),
  );

  app.get(
    '/api/trading/accounts/:id/positions',
    doc('Open positions, newest first', { params: idParams, response: { 200: z.array(positionView) } }),
    async (request) => ctx.tradingAccounts.read.positions(staffOf(request), request.params.id),
  );

  app.get(
    '/api/trading/accounts/:id/deals',
    doc('Trade history, newest first (filters: symbol, side, entry, from, to)', {
      params: idParams,
      querystring: dealsQuery,
      response: { 200: pageOf(dealView) },
    }),
    async (request) => ctx.tradingAccounts.read.deals(staffOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/trading/accounts/:id/balance-ops',
    doc('Deposits, withdrawals, credit and corrections, newest first', {
      params: idParams,
      querystring: balanceOpsQuery,
      response: { 200: pageOf(balanceOpView) },
    }),
    async (request) =>
      ctx.tradingAccounts.read.balanceOps(staffOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/trading/accounts/:id/equity',
    doc('Equity and balance over the range, oldest first, ending with the current state', {
      params: idParams,
      querystring: equityQuery,
      response: { 200: z.array(equityPoint) },
    }),
    async (request) => ctx.tradingAccounts.read.equity(staffOf(request), request.params.id, request.query),
  );
}
