import { z } from 'zod';
import { principal, routeDocs, type App } from '../../../../core/http.js';
import { idParams, pagingQuery } from '../../../../core/primitives.js';
import {
  conversationDetail,
  conversationList,
  messagePage,
  messageView,
} from '../../../../shared/contracts/support.js';
import type { SupportDeps } from '../../index.js';
import type { ConversationActions, StaffAct } from '../actions.js';
import {
  assignInput,
  conversationListQuery,
  conversationPatch,
  convertInput,
  linkInput,
  mergeInput,
  messagesQuery,
  staffMessageInput,
} from '../contracts.js';
import type { Inbox } from '../inbox.js';
import { toMessageView } from '../views.js';

const doc = routeDocs(['support'], { security: [{ session: [] }] });

/** The signed-in staff member as the inbox's actor (scope for client links, ip for the audit). */
const act = (request: Parameters<typeof principal>[0]): StaffAct => ({
  ...principal(request),
  ip: request.ip ?? null,
});

/**
 * The agent inbox's API: the list with its views, one conversation and its messages, replies and
 * notes, status and the rest, assignment, the client link, merge and convert. All need support.handle;
 * the client card's list needs clients.read and the client's visibility instead.
 */
export function staffConversationRoutes(
  app: App,
  ctx: Pick<SupportDeps, 'guard' | 'conversations'> & { inbox: Inbox; actions: ConversationActions },
): void {
  const handle = ctx.guard('support.handle');
  type Req = Parameters<typeof principal>[0];
  const detail = async (request: Req, id: string) => ctx.inbox.detail(principal(request), id);
  // Record scope before any change: a conversation of a client the viewer may not see is 404.
  const visible = (request: Req, id: string) => ctx.inbox.visible(principal(request), id);

  app.get(
    '/api/support/conversations',
    doc(
      'The inbox: a view (mine, unassigned, team, all, breached), filters, search, sort and paging',
      { querystring: conversationListQuery, response: { 200: conversationList } },
      handle,
    ),
    async (request) => ctx.inbox.list(principal(request), request.query),
  );
  app.get(
    '/api/support/conversations/:id',
    doc(
      'One conversation with its SLA clocks',
      { params: idParams(), response: { 200: conversationDetail } },
      handle,
    ),
    async (request) => detail(request, request.params.id),
  );
  app.get(
    '/api/support/conversations/:id/messages',
    doc(
      'The messages after a seq (internal notes included), oldest first: a reconnecting screen resumes here',
      { params: idParams(), querystring: messagesQuery, response: { 200: messagePage } },
      handle,
    ),
    async (request) => {
      const conv = await visible(request, request.params.id);
      const items = await ctx.conversations.messagesAfter(
        ctx.conversations.database,
        conv.id,
        request.query.after,
        {
          includeInternal: true,
          limit: request.query.limit,
        },
      );
      return { items: items.map(toMessageView), lastSeq: conv.lastSeq };
    },
  );
  app.post(
    '/api/support/conversations/:id/messages',
    doc(
      'Reply to the customer or write an internal note (@mentions notify); a repeated clientMessageId answers the stored message (200)',
      { params: idParams(), body: staffMessageInput, response: { 200: messageView, 201: messageView } },
      handle,
    ),
    async (request, reply) => {
      await visible(request, request.params.id);
      const out = await ctx.actions.reply(act(request), request.params.id, request.body);
      return reply.status(out.duplicate ? 200 : 201).send(toMessageView(out.message));
    },
  );
  app.patch(
    '/api/support/conversations/:id',
    doc(
      'Change status (snoozedUntil with snoozed), priority, tags or language',
      { params: idParams(), body: conversationPatch, response: { 200: conversationDetail } },
      handle,
    ),
    async (request) => {
      const { snoozedUntil, ...rest } = request.body;
      await visible(request, request.params.id);
      await ctx.actions.patch(act(request), request.params.id, {
        ...rest,
        ...(snoozedUntil && { snoozedUntil }),
      });
      return detail(request, request.params.id);
    },
  );
  app.post(
    '/api/support/conversations/:id/assign',
    doc(
      "Assign to an agent (null: unassign), optionally moving it to a team. Another agent's conversation needs support.supervise (403 supervisor_required)",
      { params: idParams(), body: assignInput, response: { 200: conversationDetail } },
      handle,
    ),
    async (request) => {
      await visible(request, request.params.id);
      await ctx.actions.assign(act(request), request.params.id, request.body.assigneeId, request.body.teamId);
      return detail(request, request.params.id);
    },
  );
  app.post(
    '/api/support/conversations/:id/link',
    doc(
      'Link the conversation to a client the viewer may see',
      { params: idParams(), body: linkInput, response: { 200: conversationDetail } },
      handle,
    ),
    async (request) => {
      await visible(request, request.params.id);
      await ctx.actions.link(act(request), request.params.id, request.body.clientId);
      return detail(request, request.params.id);
    },
  );
  app.delete(
    '/api/support/conversations/:id/link',
    doc('Unlink the client', { params: idParams(), response: { 200: conversationDetail } }, handle),
    async (request) => {
      await visible(request, request.params.id);
      await ctx.actions.unlink(act(request), request.params.id);
      return detail(request, request.params.id);
    },
  );
  app.post(
    '/api/support/conversations/:id/client',
    doc(
      "Create a lead from the contact (the clients module's assignment rules apply) and link it",
      { params: idParams(), response: { 201: conversationDetail } },
      handle,
    ),
    async (request, reply) => {
      await visible(request, request.params.id);
      await ctx.actions.createClient(act(request), request.params.id);
      return reply.status(201).send(await detail(request, request.params.id));
    },
  );
  app.post(
    '/api/support/conversations/:id/merge',
    doc(
      'Merge this conversation into another: its messages are copied there, it is closed. Different customers: 409 merge_different_customers unless force (support.supervise, else 403)',
      { params: idParams(), body: mergeInput, response: { 200: conversationDetail } },
      handle,
    ),
    async (request) => {
      await visible(request, request.params.id);
      await ctx.inbox.visible(principal(request), request.body.intoId).catch((e: unknown) => {
        throw Object.assign(e as object, { field: 'intoId' });
      });
      await ctx.actions.merge(act(request), request.params.id, request.body.intoId, {
        force: request.body.force ?? false,
      });
      return detail(request, request.body.intoId);
    },
  );
  app.post(
    '/api/support/conversations/:id/convert',
    doc(
      "Convert a chat to a ticket: a signed-in trader's to a cabinet ticket, an anonymous visitor's to email",
      { params: idParams(), body: convertInput, response: { 200: conversationDetail } },
      handle,
    ),
    async (request) => {
      await visible(request, request.params.id);
      await ctx.actions.convert(act(request), request.params.id);
      return detail(request, request.params.id);
    },
  );

  app.get(
    '/api/clients/:id/conversations',
    doc(
      "A client's support conversations, newest first (the client card)",
      {
        tags: ['clients', 'support'],
        params: idParams(),
        querystring: z.strictObject({ ...pagingQuery }),
        response: { 200: conversationList },
      },
      ctx.guard('clients.read'),
    ),
    async (request) => ctx.inbox.forClient(principal(request), request.params.id, request.query),
  );
}
