import type { App } from '../../../core/http.js';
import type { IdentityDeps } from '../index.js';
import { actorOf, routeDocs, noContentAfter } from '../../../core/http.js';
import { passwordResetInput, staffCreateInput, staffListQuery, staffUpdateInput } from '../contracts.js';
import { idParams as idParamsOf } from '../../../core/primitives.js';
import { noContent } from '../../../shared/contracts/common.js';
import { staffList, staffView } from '../../../shared/contracts/identity.js';

const idParams = idParamsOf();

/** Admin management of staff accounts. */
export function staffRoutes(app: App, ctx: Pick<IdentityDeps, 'staff' | 'guard'>): void {
  const doc = routeDocs(['staff'], { guard: ctx.guard('staff.write') });
  const read = ctx.guard('staff.read');

  app.get(
    '/api/staff',
    doc(
      'List staff with filters, sort and paging',
      { querystring: staffListQuery, response: { 200: staffList } },
      read,
    ),
    async (request) => ctx.staff.list(request.query),
  );

  app.get(
    '/api/staff/:id',
    doc('One staff member', { params: idParams, response: { 200: staffView } }, read),
    async (request) => ctx.staff.get(request.params.id),
  );

  app.post(
    '/api/staff',
    doc('Create a staff member', { body: staffCreateInput, response: { 201: staffView } }),
    async (request, reply) => reply.status(201).send(await ctx.staff.create(actorOf(request), request.body)),
  );

  app.patch(
    '/api/staff/:id',
    doc('Change a staff member (role, team, activation…)', {
      params: idParams,
      body: staffUpdateInput,
      response: { 200: staffView },
    }),
    async (request) => ctx.staff.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/staff/:id/password',
    doc('Set a new password (ends their sessions)', {
      params: idParams,
      body: passwordResetInput,
      response: { 204: noContent },
    }),
    async (request, reply) =>
      noContentAfter(
        reply,
        ctx.staff.resetPassword(actorOf(request), request.params.id, request.body.password),
      ),
  );

  app.post(
    '/api/staff/:id/mfa/reset',
    doc('Remove their second factor (lost device)', { params: idParams, response: { 204: noContent } }),
    async (request, reply) => noContentAfter(reply, ctx.staff.resetMfa(actorOf(request), request.params.id)),
  );
}
