import type { App } from '../../../core/http.js';
import type { IdentityDeps } from '../index.js';
import { actorOf } from '../../../core/http.js';
import { passwordResetInput, staffCreateInput, staffListQuery, staffUpdateInput } from '../contracts.js';
import { idParams as idParamsOf } from '../../../core/primitives.js';
import { noContent } from '../../../shared/contracts/common.js';
import { staffList, staffView } from '../../../shared/contracts/identity.js';

const tags = ['staff'];
const idParams = idParamsOf();

/** Admin management of staff accounts. */
export function staffRoutes(app: App, ctx: Pick<IdentityDeps, 'staff' | 'guard'>): void {
  app.get(
    '/api/staff',
    {
      schema: {
        tags,
        summary: 'List staff with filters, sort and paging',
        querystring: staffListQuery,
        response: { 200: staffList },
      },
      preHandler: ctx.guard('staff.read'),
    },
    async (request) => ctx.staff.list(request.query),
  );

  app.get(
    '/api/staff/:id',
    {
      schema: { tags, summary: 'One staff member', params: idParams, response: { 200: staffView } },
      preHandler: ctx.guard('staff.read'),
    },
    async (request) => ctx.staff.get(request.params.id),
  );

  app.post(
    '/api/staff',
    {
      schema: {
        tags,
        summary: 'Create a staff member',
        body: staffCreateInput,
        response: { 201: staffView },
      },
      preHandler: ctx.guard('staff.write'),
    },
    async (request, reply) => reply.status(201).send(await ctx.staff.create(actorOf(request), request.body)),
  );

  app.patch(
    '/api/staff/:id',
    {
      schema: {
        tags,
        summary: 'Change a staff member (role, team, activation…)',
        params: idParams,
        body: staffUpdateInput,
        response: { 200: staffView },
      },
      preHandler: ctx.guard('staff.write'),
    },
    async (request) => ctx.staff.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/staff/:id/password',
    {
      schema: {
        tags,
        summary: 'Set a new password (ends their sessions)',
        params: idParams,
        body: passwordResetInput,
        response: { 204: noContent },
      },
      preHandler: ctx.guard('staff.write'),
    },
    async (request, reply) => {
      await ctx.staff.resetPassword(actorOf(request), request.params.id, request.body.password);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/staff/:id/mfa/reset',
    {
      schema: {
        tags,
        summary: 'Remove their second factor (lost device)',
        params: idParams,
        response: { 204: noContent },
      },
      preHandler: ctx.guard('staff.write'),
    },
    async (request, reply) => {
      await ctx.staff.resetMfa(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
