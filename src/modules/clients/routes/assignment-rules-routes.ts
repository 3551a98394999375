import { z } from 'zod';
import type { App } from '../../../core/http.js';
import type { ClientsDeps } from '../index.js';
import { actorOf, routeDocs } from '../../../core/http.js';
import { assignmentRuleInput } from '../contracts.js';
import { idParams as idParamsOf, uuid } from '../../../core/primitives.js';
import { assignmentRules } from '../../../shared/contracts/clients.js';

const doc = routeDocs(['client setup']);
const idParams = idParamsOf();

/** Admin configuration of how new clients are assigned: the rules in order and the fallback team. */
export function assignmentRuleRoutes(app: App, ctx: Pick<ClientsDeps, 'assignmentRules' | 'guard'>): void {
  const admin = ctx.guard('settings.write');

  app.get(
    '/api/assignment-rules',
    doc('Rules in order, and the fallback team', { response: { 200: assignmentRules } }, admin),
    async () => ctx.assignmentRules.rules(),
  );

  app.post(
    '/api/assignment-rules',
    doc('Add a rule at the end', { body: assignmentRuleInput, response: { 201: assignmentRules } }, admin),
    async (request, reply) =>
      reply.status(201).send(await ctx.assignmentRules.createRule(actorOf(request), request.body)),
  );

  app.put(
    '/api/assignment-rules/:id',
    doc(
      'Replace a rule',
      { params: idParams, body: assignmentRuleInput, response: { 200: assignmentRules } },
      admin,
    ),
    async (request) => ctx.assignmentRules.updateRule(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/assignment-rules/:id',
    doc('Delete a rule', { params: idParams, response: { 200: assignmentRules } }, admin),
    async (request) => ctx.assignmentRules.deleteRule(actorOf(request), request.params.id),
  );

  app.post(
    '/api/assignment-rules/order',
    doc(
      'Reorder all rules',
      { body: z.strictObject({ ids: z.array(uuid()).max(500) }), response: { 200: assignmentRules } },
      admin,
    ),
    async (request) => ctx.assignmentRules.reorderRules(actorOf(request), request.body.ids),
  );

  app.put(
    '/api/assignment-rules/fallback',
    doc(
      'The team that takes clients no rule places',
      { body: z.strictObject({ teamId: uuid().nullable() }), response: { 200: assignmentRules } },
      admin,
    ),
    async (request) => ctx.assignmentRules.setFallbackTeam(actorOf(request), request.body.teamId),
  );
}
