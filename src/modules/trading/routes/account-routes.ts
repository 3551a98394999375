import type { App } from '../../../core/http.js';
import type { TradingDeps } from '../index.js';
import { actorOf, principal } from '../../../core/http.js';
import { balanceOpsQuery, dealsQuery, equityQuery, openAccountInput } from '../contracts.js';
import { idParams as idParamsOf } from '../../../core/primitives.js';

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
      schema: { tags: ['clients', 'trading'], summary: "The client's trading accounts", params: idParams },
      preHandler: read,
    },
    async (request) => ctx.tradingAccounts.read.forClient({ staff: principal(request) }, request.params.id),
  );

  const tags = ['trading'];

  app.get(
    '/api/trading/accounts/:id',
    { schema: { tags, summary: 'One trading account', params: idParams }, preHandler: read },
    async (request) => ctx.tradingAccounts.read.get({ staff: principal(request) }, request.params.id),
  );

  app.get(
    '/api/trading/accounts/:id/positions',
    { schema: { tags, summary: 'Open positions, newest first', params: idParams }, preHandler: read },
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
      },
      preHandler: read,
    },
    async (request) =>
      ctx.tradingAccounts.read.equity({ staff: principal(request) }, request.params.id, request.query),
  );
}
