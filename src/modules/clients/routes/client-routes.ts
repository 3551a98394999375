import { z } from 'zod';
import type { App } from '../../../core/http.js';
import type { ClientsDeps } from '../index.js';
import { actorOf, principal, routeDocs } from '../../../core/http.js';
import { toView } from '../client-view.js';
import {
  clientListQuery,
  clientUpdateInput,
  commentInput,
  EMAIL,
  leadCreateInput,
  PHONE,
  reassignInput,
  tagInput,
  taskInput,
  timelineQuery,
} from '../contracts.js';
import { idParams as idParamsOf, uuid } from '../../../core/primitives.js';
import { noContent } from '../../../shared/contracts/common.js';
import {
  clientListResponse,
  clientTaskView,
  clientView,
  commentAnswer,
  duplicatesAnswer,
  reassignAnswer,
  retagAnswer,
  salesStatusesAnswer,
  tasksAnswer,
  timelinePage,
} from '../../../shared/contracts/clients.js';

const doc = routeDocs(['clients']);
const idParams = idParamsOf();

/** The client list, the card and everything staff do on it. Every read is scoped to the viewer. */
export function clientRoutes(app: App, ctx: Pick<ClientsDeps, 'clients' | 'clientNotes' | 'guard'>): void {
  const read = ctx.guard('clients.read');
  const write = ctx.guard('clients.write');

  app.get(
    '/api/clients',
    doc(
      'Client list: filters, search, sort, paging (scoped)',
      { querystring: clientListQuery, response: { 200: clientListResponse } },
      read,
    ),
    async (request) => ctx.clients.list(principal(request), request.query),
  );

  app.post(
    '/api/clients',
    doc(
      'Create a lead (409 duplicate_client lists the matches)',
      { body: leadCreateInput, response: { 201: clientView } },
      write,
    ),
    async (request, reply) => {
      const me = principal(request);
      const created = await ctx.clients.createLead(me, actorOf(request), request.body);
      // The creator sees what they typed even when the rules hand the lead to another team.
      return reply.status(201).send(toView(created, null));
    },
  );

  app.get(
    '/api/clients/duplicates',
    doc(
      'Clients with this email or phone (details only where visible)',
      {
        querystring: z.strictObject({ email: EMAIL.optional(), phone: PHONE.optional() }),
        response: { 200: duplicatesAnswer },
      },
      read,
    ),
    async (request) => ({
      matches: await ctx.clients.findDuplicates(
        principal(request),
        request.query.email ?? null,
        request.query.phone ?? null,
      ),
    }),
  );

  app.post(
    '/api/clients/reassign',
    doc(
      'Hand clients to another manager, with a reason',
      { body: reassignInput, response: { 200: reassignAnswer } },
      ctx.guard('clients.assign'),
    ),
    async (request) => {
      const { clientIds, managerId, reason } = request.body;
      return ctx.clients.reassign(principal(request), actorOf(request), clientIds, managerId, reason);
    },
  );

  app.post(
    '/api/clients/tags',
    doc('Add or remove tags on many clients', { body: tagInput, response: { 200: retagAnswer } }, write),
    async (request) =>
      ctx.clients.retag(
        principal(request),
        actorOf(request),
        request.body.clientIds,
        request.body.add,
        request.body.remove,
      ),
  );

  app.get(
    '/api/clients/sales-statuses',
    doc('The sales statuses managers choose from', { response: { 200: salesStatusesAnswer } }, read),
    async () => ({ items: await ctx.clients.salesStatuses() }),
  );

  app.get(
    '/api/clients/:id',
    doc('One client (404 when out of scope)', { params: idParams, response: { 200: clientView } }, read),
    async (request) => ctx.clients.get(principal(request), request.params.id),
  );

  app.patch(
    '/api/clients/:id',
    doc(
      'Change contacts, tags or sales status (never status or manager)',
      { params: idParams, body: clientUpdateInput, response: { 200: clientView } },
      write,
    ),
    async (request) =>
      ctx.clients.update(principal(request), actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/clients/:id/timeline',
    doc(
      'What happened to the client, newest first; `kinds` keeps some kinds only (counts per kind)',
      { params: idParams, querystring: timelineQuery, response: { 200: timelinePage } },
      read,
    ),
    async (request) => ctx.clientNotes.timeline(principal(request), request.params.id, request.query),
  );

  app.post(
    '/api/clients/:id/comments',
    doc(
      'Comment, with @mentions that notify',
      { params: idParams, body: commentInput, response: { 201: commentAnswer } },
      write,
    ),
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await ctx.clientNotes.comment(
            principal(request),
            actorOf(request),
            request.params.id,
            request.body.body,
            request.body.mentions,
          ),
        ),
  );

  app.get(
    '/api/clients/:id/tasks',
    doc('Tasks and reminders on the client', { params: idParams, response: { 200: tasksAnswer } }, read),
    async (request) => ctx.clientNotes.tasks(principal(request), request.params.id),
  );

  app.post(
    '/api/clients/:id/tasks',
    doc(
      'Add a task (call back at a time)',
      { params: idParams, body: taskInput, response: { 201: clientTaskView } },
      write,
    ),
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await ctx.clientNotes.addTask(
            principal(request),
            actorOf(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.post(
    '/api/clients/:id/tasks/:taskId/done',
    doc(
      'Mark a task done',
      { params: z.object({ id: uuid(), taskId: uuid() }), response: { 204: noContent } },
      write,
    ),
    async (request, reply) => {
      await ctx.clientNotes.completeTask(
        principal(request),
        actorOf(request),
        request.params.id,
        request.params.taskId,
      );
      return reply.status(204).send();
    },
  );
}
