import type { App } from '../../../core/http.js';
import type { ClientsDeps } from '../index.js';
import { actorOf, routeDocs } from '../../../core/http.js';
import { salesStatusesInput } from '../contracts.js';
import { salesStatusesAnswer } from '../../../shared/contracts/clients.js';

const doc = routeDocs(['client setup']);

/** Admin configuration of which sales statuses exist. */
export function salesStatusRoutes(app: App, ctx: Pick<ClientsDeps, 'clients' | 'guard'>): void {
  const admin = ctx.guard('settings.write');

  app.put(
    '/api/settings/sales-statuses',
    doc(
      'Replace the list of sales statuses',
      { body: salesStatusesInput, response: { 200: salesStatusesAnswer } },
      admin,
    ),
    async (request) => ({
      items: await ctx.clients.setSalesStatuses(actorOf(request), request.body.statuses),
    }),
  );
}
