import { z } from 'zod';
import type { App, AppContext } from '../../../app/context.js';
import { actorOf } from '../../../app/http/staff-auth.js';
import { assignmentRuleInput, salesStatusesInput } from '../contracts.js';
import { idParams as idParamsOf, uuid } from '../../../core/primitives.js';
import { assignmentRules, salesStatusesAnswer } from '../../../shared/contracts/clients.js';

const tags = ['client setup'];
const idParams = idParamsOf();

/** Admin configuration of how clients are assigned and which sales statuses exist. */
export function clientSetupRoutes(app: App, ctx: AppContext): void {
  const admin = ctx.guard('settings.write');

  app.get(
    '/api/assignment-rules',
    {
      schema: {
        tags,
        summary: 'Rules in order, and the fallback team',
        response: { 200: assignmentRules },
      },
      preHandler: admin,
    },
    async () => ctx.clientSetup.rules(),
  );

  app.post(
    '/api/assignment-rules',
    {
      schema: {
        tags,
        summary: 'Add a rule at the end',
        body: assignmentRuleInput,
        response: { 201: assignmentRules },
      },
      preHandler: admin,
    },
    async (request, reply) =>
      reply.status(201).send(await ctx.clientSetup.createRule(actorOf(request), request.body)),
  );

  app.put(
    '/api/assignment-rules/:id',
    {
      schema: {
        tags,
        summary: 'Replace a rule',
        params: idParams,
        body: assignmentRuleInput,
        response: { 200: assignmentRules },
      },
      preHandler: admin,
    },
    async (request) => ctx.clientSetup.updateRule(actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/assignment-rules/:id',
    {
      schema: { tags, summary: 'Delete a rule', params: idParams, response: { 200: assignmentRules } },
      preHandler: admin,
    },
    async (request) => ctx.clientSetup.deleteRule(actorOf(request), request.params.id),
  );

  app.post(
    '/api/assignment-rules/order',
    {
      schema: {
        tags,
        summary: 'Reorder all rules',
        body: z.strictObject({ ids: z.array(uuid()).max(500) }),
        response: { 200: assignmentRules },
      },
      preHandler: admin,
    },
    async (request) => ctx.clientSetup.reorderRules(actorOf(request), request.body.ids),
  );

  app.put(
    '/api/assignment-rules/fallback',
    {
      schema: {
        tags,
        summary: 'The team that takes clients no rule places',
        body: z.strictObject({ teamId: uuid().nullable() }),
        response: { 200: assignmentRules },
      },
      preHandler: admin,
    },
    async (request) => ctx.clientSetup.setFallbackTeam(actorOf(request), request.body.teamId),
  );

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
