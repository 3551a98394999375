import type { preHandlerHookHandler } from 'fastify';
import { unauthorized } from '../../../../core/errors.js';
import { routeDocs, type App } from '../../../../core/http.js';
import { idParams, uuid } from '../../../../core/primitives.js';
import { textBody } from '../../../../shared/contracts/common.js';
import { z } from 'zod';
import { contentDisposition } from '../../attachments/routes.js';
import { ticketDetail, ticketList, ticketMessageView } from '../../../../shared/contracts/support.js';
import { trader, TRADER_COOKIE } from '../../../cabinet/index.js';
import type { SupportDeps } from '../../index.js';
import { ticketInput, ticketListQuery, ticketReplyInput } from '../contracts.js';
import type { CabinetTickets } from '../tickets.js';

const doc = routeDocs(['cabinet', 'support'], { security: [{ trader: [] }] });

/** The trader's session (the cabinet's cookie), or 401; never a staff session. */
export function traderSession(cabinet: SupportDeps['cabinet']): preHandlerHookHandler {
  return async function requireTrader(request) {
    const token = request.cookies[TRADER_COOKIE];
    if (!token) throw unauthorized();
    const session = await cabinet.resolveSession(token);
    if (session === 'expired')
      throw unauthorized('session_expired', 'Your session has expired; sign in again');
    if (!session) throw unauthorized('session_ended', 'Your session has ended; sign in again');
    request.trader = session;
  };
}

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
      'Open a support ticket (subject, first message, optional language)',
      { body: ticketInput, response: { 201: ticketDetail } },
      signedIn,
    ),
    async (request, reply) =>
      reply.status(201).send(await ctx.tickets.open(trader(request).clientId, request.body)),
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
    {
      ...doc(
        'Download a file on a public message of an own ticket (never rendered inline)',
        {
          params: z.strictObject({ id: uuid(), attachmentId: uuid() }),
          response: {
            200: {
              description: 'The file, with the Content-Type sniffed when it was uploaded',
              content: { 'application/octet-stream': { schema: textBody } },
            },
          },
        },
        signedIn,
      ),
      // The staff download's headers: after the app's security headers, the strictest policy.
      onSend: async (
        _request: unknown,
        reply: { statusCode: number; header(k: string, v: string): unknown },
        payload: unknown,
      ) => {
        if (reply.statusCode === 200) reply.header('content-security-policy', 'sandbox');
        return payload;
      },
    },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const own = await ctx.tickets.attachmentId(trader(request).clientId, id, attachmentId);
      const { row, stream } = await ctx.attachments.open(ctx.database.db, own);
      return reply
        .header('content-type', row.mimeType)
        .header('content-length', String(row.size))
        .header('content-disposition', contentDisposition(row.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
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
