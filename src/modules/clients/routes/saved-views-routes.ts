import type { App } from '../../../core/http.js';
import type { ClientsDeps } from '../index.js';
import { principal, routeDocs } from '../../../core/http.js';
import { savedViewInput } from '../contracts.js';
import { idParams as idParamsOf } from '../../../core/primitives.js';
import { noContent } from '../../../shared/contracts/common.js';
import { savedViewsAnswer, savedViewView } from '../../../shared/contracts/clients.js';

const doc = routeDocs(['clients']);
const idParams = idParamsOf();

/** Each member's own saved views of the client list. */
export function savedViewRoutes(app: App, ctx: Pick<ClientsDeps, 'savedViews' | 'guard'>): void {
  const read = ctx.guard('clients.read');

  app.get(
    '/api/clients/views',
    doc('Own saved views of the client list', { response: { 200: savedViewsAnswer } }, read),
    async (request) => ctx.savedViews.list(principal(request).id),
  );

  app.post(
    '/api/clients/views',
    doc(
      'Save the current filters as a view',
      { body: savedViewInput, response: { 201: savedViewView } },
      read,
    ),
    async (request, reply) =>
      reply
        .status(201)
        .send(await ctx.savedViews.save(principal(request).id, request.body.name, request.body.filters)),
  );

  app.delete(
    '/api/clients/views/:id',
    doc('Delete an own saved view', { params: idParams, response: { 204: noContent } }, read),
    async (request, reply) => {
      await ctx.savedViews.remove(principal(request).id, request.params.id);
      return reply.status(204).send();
    },
  );
}
