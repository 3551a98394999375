import type { App } from '../../../core/http.js';
import type { TradingDeps } from '../index.js';
import { principal, routeDocs } from '../../../core/http.js';
import { onlineQuery } from '../contracts.js';
import { onlineClientView, pageOf } from '../../../shared/contracts/trading.js';

const doc = routeDocs(['trading']);

/** "Online now": the viewer's Live clients in the terminal, the ones most worth a call first. */
export function tradingOnlineRoutes(app: App, ctx: Pick<TradingDeps, 'tradingAccounts' | 'guard'>): void {
  app.get(
    '/api/trading/online',
    doc(
      'Live clients online in the terminal, by call priority (scoped)',
      { querystring: onlineQuery, response: { 200: pageOf(onlineClientView) } },
      ctx.guard('clients.read'),
    ),
    async (request) => ctx.tradingAccounts.online(principal(request), request.query),
  );
}
