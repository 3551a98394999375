import type { preHandlerHookHandler } from 'fastify';
import { routeDocs } from '../../../core/http.js';
import { z } from 'zod';
import type { App } from '../../../core/http.js';
import type { TradingDeps } from '../index.js';
import { unauthorized } from '../../../core/errors.js';
import { TRADER_COOKIE, trader } from '../../cabinet/index.js';
import { dealsQuery, openAccountInput } from '../contracts.js';
import { idParams as idParamsOf } from '../../../core/primitives.js';
import {
  accountView,
  dealView,
  openedAccountView,
  pageOf,
  positionView,
} from '../../../shared/contracts/trading.js';

/** The trader's cookie (the `trader` scheme of the OpenAPI document), not a staff session. */
const security = [{ trader: [] }];
const idParams = idParamsOf();

/**
 * The trader's own trading accounts in the cabinet. Another trader's account is "not found": reads
 * resolve the account through the trader's client, exactly as staff reads go through the record scope.
 */
export function cabinetAccountRoutes(app: App, ctx: Pick<TradingDeps, 'tradingAccounts' | 'cabinet'>): void {
  const doc = routeDocs(['cabinet'], { security, guard: traderSession(ctx) });

  app.get(
    '/api/cabinet/accounts',
    doc('Own trading accounts', { response: { 200: z.array(accountView) } }),
    async (request) => {
      const me = trader(request).clientId;
      return ctx.tradingAccounts.read.forClient({ trader: me }, me);
    },
  );

  app.post(
    '/api/cabinet/accounts',
    doc('Open a demo or live account (live needs a confirmed email); credentials shown once', {
      body: openAccountInput,
      response: { 201: openedAccountView },
    }),
    async (request, reply) => {
      const me = trader(request).clientId;
      const opened = await ctx.tradingAccounts.open(
        { kind: 'trader', clientId: me, ip: request.ip ?? null },
        me,
        request.body,
      );
      return reply.status(201).send(opened);
    },
  );

  app.get(
    '/api/cabinet/accounts/:id/positions',
    doc('Open positions of an own account', { params: idParams, response: { 200: z.array(positionView) } }),
    async (request) =>
      ctx.tradingAccounts.read.positions({ trader: trader(request).clientId }, request.params.id),
  );

  app.get(
    '/api/cabinet/accounts/:id/deals',
    doc('Trade history of an own account, newest first', {
      params: idParams,
      querystring: dealsQuery,
      response: { 200: pageOf(dealView) },
    }),
    async (request) =>
      ctx.tradingAccounts.read.deals({ trader: trader(request).clientId }, request.params.id, request.query),
  );
}

/**
 * A live trader session, as the cabinet's traderGuard checks it. traderGuard() also decorates the request,
 * which Fastify allows once (cabinetRoutes does it), so these routes resolve the session themselves.
 */
function traderSession(ctx: Pick<TradingDeps, 'tradingAccounts' | 'cabinet'>): preHandlerHookHandler {
  return async function requireTrader(request) {
    const token = request.cookies[TRADER_COOKIE];
    if (!token) throw unauthorized();
    const session = await ctx.cabinet.resolveSession(token);
    if (session === 'expired')
      throw unauthorized('session_expired', 'Your session has expired; sign in again');
    if (!session) throw unauthorized('session_ended', 'Your session has ended; sign in again');
    request.trader = session;
  };
}
