import type { App } from '../../../core/http.js';
import type { IdentityDeps } from '../index.js';
import { actorOf } from '../../../core/http.js';
import { teamInput, teamUpdateInput } from '../contracts.js';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '../permissions.js';
import { idParams as idParamsOf } from '../../../core/primitives.js';
import { itemsOf, noContent } from '../../../shared/contracts/common.js';
import { rolesMatrix, teamView } from '../../../shared/contracts/identity.js';

const tags = ['teams'];
const idParams = idParamsOf();

/** Teams (desks) and the read-only roles matrix. */
export function teamRoutes(app: App, ctx: Pick<IdentityDeps, 'teams' | 'guard'>): void {
  app.get(
    '/api/teams',
    {
      schema: {
        tags,
        summary: 'All teams with lead and size',
        response: { 200: itemsOf(teamView) },
      },
      preHandler: ctx.guard(),
    },
    async () => ({ items: await ctx.teams.list() }),
  );

  app.post(
    '/api/teams',
    {
      schema: { tags, summary: 'Create a team', body: teamInput, response: { 201: teamView } },
      preHandler: ctx.guard('teams.write'),
    },
    async (request, reply) => reply.status(201).send(await ctx.teams.create(actorOf(request), request.body)),
  );

  app.patch(
    '/api/teams/:id',
    {
      schema: {
        tags,
        summary: 'Rename a team or change its lead',
        params: idParams,
        body: teamUpdateInput,
        response: { 200: teamView },
      },
      preHandler: ctx.guard('teams.write'),
    },
    async (request) => ctx.teams.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/teams/:id',
    {
      schema: { tags, summary: 'Delete an empty team', params: idParams, response: { 204: noContent } },
      preHandler: ctx.guard('teams.write'),
    },
    async (request, reply) => {
      await ctx.teams.remove(actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/roles',
    {
      schema: {
        tags,
        summary: 'Roles and their permissions',
        response: { 200: rolesMatrix },
      },
      preHandler: ctx.guard('staff.read'),
    },
    async () => ({
      roles: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
      permissions: [...PERMISSIONS],
    }),
  );
}
