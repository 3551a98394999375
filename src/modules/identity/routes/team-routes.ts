import type { App } from '../../../core/http.js';
import type { IdentityDeps } from '../index.js';
import { actorOf, routeDocs, noContentAfter } from '../../../core/http.js';
import { teamInput, teamUpdateInput } from '../contracts.js';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '../permissions.js';
import { idParams as idParamsOf } from '../../../core/primitives.js';
import { itemsOf, noContent } from '../../../shared/contracts/common.js';
import { rolesMatrix, teamView } from '../../../shared/contracts/identity.js';

const idParams = idParamsOf();

/** Teams (desks) and the read-only roles matrix. */
export function teamRoutes(app: App, ctx: Pick<IdentityDeps, 'teams' | 'guard'>): void {
  const doc = routeDocs(['teams'], { guard: ctx.guard('teams.write') });

  app.get(
    '/api/teams',
    doc('All teams with lead and size', { response: { 200: itemsOf(teamView) } }, ctx.guard()),
    async () => ({ items: await ctx.teams.list() }),
  );

  app.post(
    '/api/teams',
    doc('Create a team', { body: teamInput, response: { 201: teamView } }),
    async (request, reply) => reply.status(201).send(await ctx.teams.create(actorOf(request), request.body)),
  );

  app.patch(
    '/api/teams/:id',
    doc('Rename a team or change its lead', {
      params: idParams,
      body: teamUpdateInput,
      response: { 200: teamView },
    }),
    async (request) => ctx.teams.update(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/teams/:id',
    doc('Delete an empty team', { params: idParams, response: { 204: noContent } }),
    async (request, reply) => noContentAfter(reply, ctx.teams.remove(actorOf(request), request.params.id)),
  );

  app.get(
    '/api/roles',
    doc('Roles and their permissions', { response: { 200: rolesMatrix } }, ctx.guard('staff.read')),
    async () => ({
      roles: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
      permissions: [...PERMISSIONS],
    }),
  );
}
