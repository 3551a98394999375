import { principal, routeDocs, type App } from '../../../core/http.js';
import { idParams } from '../../../core/primitives.js';
import { noContent } from '../../../shared/contracts/common.js';
import {
  agentList,
  agentView,
  slaPolicyList,
  slaPolicyView,
  teamCalendarView,
} from '../../../shared/contracts/support.js';
import type { SupportDeps } from '../index.js';
import type { SlaPolicies, SlaPolicyRow } from '../sla/policies.js';
import type { TeamCalendars } from '../sla/team-calendar.js';
import type { SupportAgents } from './agents.js';
import {
  agentSettingsInput,
  agentStatusInput,
  slaPolicyInput,
  slaPolicyPatch,
  staffIdParams,
  teamCalendarInput,
  teamIdParams,
} from './contracts.js';

/** Who changes a desk setting, for the audit trail (support.settings_changed). */
const settingsActor = (request: Parameters<typeof principal>[0]) => ({
  id: principal(request).id,
  ip: request.ip ?? null,
});

const doc = routeDocs(['support'], { security: [{ session: [] }] });

const policyView = (p: SlaPolicyRow) => ({ ...p, updatedAt: p.updatedAt.toISOString() });

/**
 * Agents, SLA policies and team calendars. Agents and the policies are read by anyone on the desk
 * (support.handle); an agent sets only their own status. Agents' teams, languages and capacity and the
 * team calendars are team administration (teams.write); SLA policies are settings (settings.write).
 */
export function routingRoutes(
  app: App,
  ctx: Pick<SupportDeps, 'guard'> & {
    agents: SupportAgents;
    policies: SlaPolicies;
    calendars: TeamCalendars;
  },
): void {
  const handle = ctx.guard('support.handle');
  const teamsAdmin = ctx.guard('teams.write');
  const settings = ctx.guard('settings.write');

  app.get(
    '/api/support/agents',
    doc('Agents with status, skills, capacity and current load', { response: { 200: agentList } }, handle),
    async () => ({ items: await ctx.agents.list() }),
  );
  app.put(
    '/api/support/agents/:staffId',
    doc(
      "An agent's teams, languages and capacity",
      { params: staffIdParams, body: agentSettingsInput, response: { 200: agentView } },
      teamsAdmin,
    ),
    async (request) => ctx.agents.update(settingsActor(request), request.params.staffId, request.body),
  );
  app.put(
    '/api/support/me/status',
    doc(
      'My availability: online takes chats, away takes none, offline hands my open chats back',
      { body: agentStatusInput, response: { 200: agentView } },
      handle,
    ),
    async (request) => ctx.agents.setStatus(principal(request).id, request.body.status),
  );

  app.get(
    '/api/support/sla-policies',
    doc('SLA policies in match order', { response: { 200: slaPolicyList } }, handle),
    async () => ({ items: (await ctx.policies.list()).map(policyView) }),
  );
  app.post(
    '/api/support/sla-policies',
    doc('Add an SLA policy', { body: slaPolicyInput, response: { 201: slaPolicyView } }, settings),
    async (request, reply) =>
      reply.status(201).send(policyView(await ctx.policies.create(settingsActor(request), request.body))),
  );
  app.patch(
    '/api/support/sla-policies/:id',
    doc(
      'Change an SLA policy (conversations already under it keep their deadlines)',
      { params: idParams(), body: slaPolicyPatch, response: { 200: slaPolicyView } },
      settings,
    ),
    async (request) =>
      policyView(await ctx.policies.update(settingsActor(request), request.params.id, request.body)),
  );
  app.delete(
    '/api/support/sla-policies/:id',
    doc('Delete an SLA policy', { params: idParams(), response: { 204: noContent } }, settings),
    async (request, reply) => {
      await ctx.policies.remove(settingsActor(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/support/teams/:teamId/calendar',
    doc(
      "A team's support calendar, languages and default flag",
      { params: teamIdParams, response: { 200: teamCalendarView } },
      handle,
    ),
    async (request) => ctx.calendars.get(request.params.teamId),
  );
  app.put(
    '/api/support/teams/:teamId/calendar',
    doc(
      "Set a team's time zone, weekly hours, holidays, languages and whether it is the default team",
      { params: teamIdParams, body: teamCalendarInput, response: { 200: teamCalendarView } },
      teamsAdmin,
    ),
    async (request) => ctx.calendars.put(settingsActor(request), request.params.teamId, request.body),
  );
}
