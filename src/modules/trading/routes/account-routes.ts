import { z } from 'zod';
import type { App } from '../../../core/http.js';
import type { TradingDeps } from '../index.js';
import { actorOf, principal } from '../../../core/http.js';
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

/** Trading accounts in the staff workspace: the client card's accounts and each account's details. */
export function tradingAccountRoutes(app: App, ctx: Pick<TradingDeps, 'tradingAccounts' | 'guard'>): void {
  const read = ctx.guard('clients.read');

  app.post(
    '/api/clients/:id/accounts',
    {
      schema: {
        tags: ['clients', 'trading'],
        summary: 'Open a trading account for the client (credentials returned once and emailed)',
        params: idParams,
        body: openAccountInput,
        response: { 201: openedAccountView },
      },
      preHandler: ctx.guard('clients.write'),
    },
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
    {
      schema: {
        tags: ['clients', 'trading'],
        summary: "The client's trading accounts",
        params: idParams,
        response: { 200: z.array(accountView) },
      },
      preHandler: read,
    },
    async (request) => ctx.tradingAccounts.read.forClient({ staff: principal(request) }, request.params.id),
  );

  const tags = ['trading'];

  app.get(
    '/api/trading/accounts/:id',
    {
      schema: { tags, summary: 'One trading account', params: idParams, response: { 200: accountView } },
      preHandler: read,
    },
    async (request) => ctx.tradingAccounts.read.get({ staff: principal(request) }, request.params.id),
  );

  app.get(
    '/api/trading/accounts/:id/positions',
    {
      schema: {
        tags,
        summary: 'Open positions, newest first',
        params: idParams,
        response: { 200: z.array(positionView) },
      },
      preHandler: read,
    },
    async (request) => ctx.tradingAccounts.read.positions({ staff: principal(request) }, request.params.id),
  );

  app.get(
    '/api/trading/accounts/:id/deals',
    {
      schema: {
        tags,
        summary: 'Trade history, newest first (filters: symbol, side, entry, from, to)',
        params: idParams,
        querystring: dealsQuery,
        response: { 200: pageOf(dealView) },
      },
      preHandler: read,
    },
    async (request) =>
      ctx.tradingAccounts.read.deals({ staff: principal(request) }, request.params.id, request.query),
  );

  app.get(
    '/api/trading/accounts/:id/balance-ops',
    {
      schema: {
        tags,
        summary: 'Deposits, withdrawals, credit and corrections, newest first',
        params: idParams,
        querystring: balanceOpsQuery,
        response: { 200: pageOf(balanceOpView) },
      },
      preHandler: read,
    },
    async (request) =>
      ctx.tradingAccounts.read.balanceOps({ staff: principal(request) }, request.params.id, request.query),
  );

  app.get(
    '/api/trading/accounts/:id/equity',
    {
      schema: {
        tags,
        summary: 'Equity and balance over the range, oldest first, ending with the current state',
        params: idParams,
        querystring: equityQuery,
        response: { 200: z.array(equityPoint) },
      },
      preHandler: read,
    },
    async (request) =>
      ctx.tradingAccounts.read.equity({ staff: principal(request) }, request.params.id, request.query),
  );
}
