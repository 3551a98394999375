import { noContentAfter, principal, routeDocs, type App } from '../../../../core/http.js';
import { idParams } from '../../../../core/primitives.js';
import { noContent } from '../../../../shared/contracts/common.js';
import { cannedList, cannedRendered, cannedView } from '../../../../shared/contracts/support.js';
import type { SupportDeps } from '../../index.js';
import type { CannedResponses } from '../canned.js';
import { cannedInput, cannedPatch, cannedQuery, renderInput } from '../contracts.js';

const doc = routeDocs(['support'], { security: [{ session: [] }] });

/** The signed-in staff member as the canned responses' editor (team and permissions; ip for the audit). */
const editor = (request: Parameters<typeof principal>[0]) => ({
  ...principal(request),
  ip: request.ip ?? null,
});

/** Canned responses: agents (support.handle) list, write and render them. */
export function cannedRoutes(app: App, ctx: Pick<SupportDeps, 'guard'> & { canned: CannedResponses }) {
  const handle = ctx.guard('support.handle');
  app.get(
    '/api/support/canned',
    doc(
      'Canned responses, by language and team',
      { querystring: cannedQuery, response: { 200: cannedList } },
      handle,
    ),
    async (request) => ctx.canned.list(request.query),
  );
  app.post(
    '/api/support/canned',
    doc(
      'Add a canned response (shortcut unique per language; variables {{client.name}}, {{client.account}}, {{agent.name}})',
      { body: cannedInput, response: { 201: cannedView } },
      handle,
    ),
    async (request, reply) => reply.status(201).send(await ctx.canned.create(editor(request), request.body)),
  );
  app.patch(
    '/api/support/canned/:id',
    doc(
      'Change a canned response',
      { params: idParams(), body: cannedPatch, response: { 200: cannedView } },
      handle,
    ),
    async (request) => ctx.canned.update(editor(request), request.params.id, request.body),
  );
  app.delete(
    '/api/support/canned/:id',
    doc('Delete a canned response', { params: idParams(), response: { 204: noContent } }, handle),
    async (request, reply) => noContentAfter(reply, ctx.canned.remove(editor(request), request.params.id)),
  );
  app.post(
    '/api/support/canned/:id/render',
    doc(
      'A canned response with its variables filled in for a conversation',
      { params: idParams(), body: renderInput, response: { 200: cannedRendered } },
      handle,
    ),
    async (request) => ctx.canned.render(principal(request), request.params.id, request.body.conversationId),
  );
}
