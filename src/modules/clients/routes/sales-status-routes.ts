import type { App } from '../../../core/http.js';
import type { ClientsDeps } from '../index.js';
import { actorOf } from '../../../core/http.js';
import { salesStatusesInput } from '../contracts.js';
import { salesStatusesAnswer } from '../../../shared/contracts/clients.js';

const tags = ['client setup'];

/** Admin configuration of which sales statuses exist. */
export function salesStatusRoutes(app: App, ctx: Pick<ClientsDeps, 'clients' | 'guard'>): void {
  const admin = ctx.guard('settings.write');

  app.put(
    '/api/settings/sales-statuses',
    {
      schema: {
        tags,
        summary: 'Replace the list of sales statuses',
        body: salesStatusesInput,
        response: { 200: salesStatusesAnswer },
      },
      preHandler: admin,
    },
    async (request) => ({
      items: await ctx.clients.setSalesStatuses(actorOf(request), request.body.statuses),
    }),
  );
}
