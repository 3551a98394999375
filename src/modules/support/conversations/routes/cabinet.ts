import { z } from 'zod';
import { routeDocs, type App } from '../../../../core/http.js';
import { IDEMPOTENCY_HEADER, withIdempotency } from '../../../../core/idempotency.js';
import { idParams, text, uuid } from '../../../../core/primitives.js';
import { downloadRoute, fileBody, sendFile } from '../../attachments/routes.js';
import { ticketDetail, ticketList, ticketMessageView } from '../../../../shared/contracts/support.js';
import { trader, traderSession } from '../../../cabinet/index.js';
import type { SupportDeps } from '../../index.js';
import { ticketInput, ticketListQuery, ticketReplyInput } from '../contracts.js';
import type { CabinetTickets } from '../tickets.js';

const doc = routeDocs(['cabinet', 'support'], { security: [{ trader: [] }] });
/** Optional here (a clientMessageId does the same); checked by withIdempotency when sent. */
const idempotencyHeader = z.object({
  [IDEMPOTENCY_HEADER]: text({ label: 'Idempotency-Key', max: 255 }).optional(),
});

/** Cabinet tickets: the signed-in trader opens, lists, reads and answers their own. */
export function cabinetTicketRoutes(
  app: App,
  ctx: Pick<SupportDeps, 'cabinet' | 'attachments' | 'database'> & { tickets: CabinetTickets },
) {
  const signedIn = traderSession(ctx.cabinet);
  app.get(
    '/api/cabinet/support/tickets',
    doc(
      'Own support tickets, newest first',
      { querystring: ticketListQuery, response: { 200: ticketList } },
      signedIn,
    ),
    async (request) => ctx.tickets.list(trader(request).clientId, request.query),
  );
  app.post(
    '/api/cabinet/support/tickets',
    doc(
      'Open a support ticket (subject, first message, optional language). A retry with the same Idempotency-Key header (or clientMessageId) answers the first ticket instead of opening another (the key: the same 201 with Idempotency-Replayed; clientMessageId: 200)',
      {
        headers: idempotencyHeader,
        body: ticketInput,
        response: { 200: ticketDetail, 201: ticketDetail },
      },
      signedIn,
    ),
    async (request, reply) => {
      const me = trader(request).clientId;
      if (request.headers[IDEMPOTENCY_HEADER] === undefined) {
        const out = await ctx.tickets.open(me, request.body);
        return reply.status(out.duplicate ? 200 : 201).send(out.ticket);
      }
      // The money routes' Idempotency-Key (core/idempotency.ts): the answer is stored with the ticket.
      const answer = await withIdempotency(
        ctx.database.db,
        {
          key: request.headers[IDEMPOTENCY_HEADER],
          principal: `trader:${me}`,
          method: request.method,
          route: '/api/cabinet/support/tickets',
          body: request.body,
        },
        201,
        (commit) => commit((tx) => ctx.tickets.openIn(tx, me, request.body)),
      );
      if (answer.replayed) void reply.header('idempotency-replayed', 'true');
      return reply.status(answer.status as 201).send(answer.body);
    },
  );
  app.get(
    '/api/cabinet/support/tickets/:id',
    doc(
      'One own ticket with its public messages',
      { params: idParams(), response: { 200: ticketDetail } },
      signedIn,
    ),
    async (request) => ctx.tickets.get(trader(request).clientId, request.params.id),
  );
  app.get(
    '/api/cabinet/support/tickets/:id/attachments/:attachmentId',
    // The staff download's headers and policy (attachments/routes.ts): never a page of the app.
    downloadRoute(
      doc(
        'Download a file on a public message of an own ticket (never rendered inline)',
        {
          params: z.strictObject({ id: uuid(), attachmentId: uuid() }),
          response: { 200: fileBody },
        },
        signedIn,
      ),
    ),
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const own = await ctx.tickets.attachmentId(trader(request).clientId, id, attachmentId);
      return sendFile(reply, await ctx.attachments.open(ctx.database.db, own));
    },
  );
  app.post(
    '/api/cabinet/support/tickets/:id/messages',
    doc(
      'Answer on an own ticket (reopens it when resolved); a repeated clientMessageId answers the stored message (200)',
      {
        params: idParams(),
        body: ticketReplyInput,
        response: { 200: ticketMessageView, 201: ticketMessageView },
      },
      signedIn,
    ),
    async (request, reply) => {
      const out = await ctx.tickets.reply(trader(request).clientId, request.params.id, request.body);
      return reply.status(out.duplicate ? 200 : 201).send(out.message);
    },
  );
}
