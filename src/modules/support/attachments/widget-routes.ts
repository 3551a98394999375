import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { routeDocs, type App } from '../../../core/http.js';
import { addressKey, RateLimiter } from '../../../core/rate-limit.js';
import { conflict, notFound } from '../../../core/errors.js';
import { idParams, uuid } from '../../../core/primitives.js';
import { widgetUploaded } from '../../../shared/contracts/support.js';
import type { SupportDeps } from '../index.js';
import { conversationMessages } from '../schema.js';
import { widgetFile } from '../widget/chat.js';
import { clientMessageId } from '../widget/contracts.js';
import { z } from 'zod';
import { multipartScope, readOneFile } from './multipart.js';
import { downloadRoute, fileBody, sendFile } from './routes.js';
import type { AttachmentStore } from './store.js';

/** Files a visitor may send: a few a minute each, and per address (visitor tokens are cheap to make). */
export const WIDGET_UPLOADS = {
  perVisitor: { limit: 5, windowMs: 60_000 },
  perAddress: { limit: 30, windowMs: 600_000 },
};

const doc = routeDocs(['support widget'], { security: [{ visitor: [] }] });

export const widgetUploadQuery = z.strictObject({
  conversationId: uuid(),
  clientMessageId: clientMessageId(),
});

/** The visitor token from `Authorization: Bearer vt_…`, as on the widget's other routes. */
const bearer = (request: FastifyRequest) => {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
};

/** Thrown inside the upload's transaction to roll back a retried upload's second copy. */
class Repeated {
  constructor(readonly seq: number) {}
}

/**
 * The visitor's side of attachments, authenticated by the visitor token: upload a file into their
 * own conversation (it lands on a customer message of its own, so the agent sees it live) and
 * download the files on the public messages of their own conversations. Types and sizes are checked
 * by the same store as the staff upload; anyone else's conversation or file is 404.
 */
export function widgetAttachmentRoutes(
  app: App,
  ctx: Pick<SupportDeps, 'conversations' | 'database' | 'clock' | 'widget'> & {
    store: AttachmentStore;
    maxBytes: number;
  },
): void {
  const db = ctx.database.db;
  const { visitors, chat } = ctx.widget;
  const now = () => ctx.clock.now().getTime();
  const { perVisitor, perAddress } = WIDGET_UPLOADS;
  const byVisitor = new RateLimiter(perVisitor.limit, perVisitor.windowMs, now);
  const byAddress = new RateLimiter(perAddress.limit, perAddress.windowMs, now);

  multipartScope(app, ctx.maxBytes, (scope) =>
    scope.post(
      '/api/support/widget/attachments',
      doc('Send a file into the visitor’s own conversation (multipart, one `file` part); 429 when flooding', {
        querystring: widgetUploadQuery,
        consumes: ['multipart/form-data'],
        response: { 200: widgetUploaded, 201: widgetUploaded },
      }),
      async (request, reply) => {
        const visitor = await visitors.require(bearer(request));
        const conv = await visitors.own(db, visitor, request.query.conversationId);
        // Before the bytes are read or written: nothing can be added to a closed chat.
        if (conv.status === 'closed')
          throw conflict(
            'conversation_closed',
            'This conversation is closed; start a new one',
            'conversationId',
          );
        const message = 'Too many files at once; wait a few minutes';
        byVisitor.check(visitor.id, message);
        byAddress.check(addressKey(request.ip), message);
        chat.checkFlood(visitor.id);
        const file = await readOneFile(request, ctx.maxBytes);
        try {
          const sent = await db.transaction(async (tx) => {
            const row = await ctx.store.store(tx, {
              conversationId: conv.id,
              ...file,
              maxBytes: ctx.maxBytes,
            });
            const out = await ctx.conversations.addMessage(tx, conv.id, {
              authorKind: 'customer',
              authorName: visitor.name,
              body: '',
              clientMessageId: request.query.clientMessageId,
              attachmentIds: [row.id],
            });
            if (out.duplicate) throw new Repeated(out.message.seq);
            return { seq: out.message.seq, row };
          });
          return reply.status(201).send({
            conversationId: conv.id,
            seq: sent.seq,
            duplicate: false,
            attachment: widgetFile(sent.row),
          });
        } catch (e) {
          if (!(e instanceof Repeated)) throw e;
          // A retry: the first upload's message and file stand; this copy was rolled back.
          const [first] = await ctx.conversations.messagesAfter(db, conv.id, e.seq - 1, {
            includeInternal: false,
            limit: 1,
          });
          const attachment = first?.attachments[0];
          return reply.status(200).send({
            conversationId: conv.id,
            seq: e.seq,
            duplicate: true,
            attachment: attachment ? widgetFile(attachment) : null,
          });
        }
      },
    ),
  );

  app.get(
    '/api/support/widget/attachments/:id',
    downloadRoute(
      doc('Download a file of the visitor’s own conversation (public messages only)', {
        params: idParams(),
        response: { 200: fileBody },
      }),
    ),
    async (request, reply) => {
      const visitor = await visitors.require(bearer(request));
      const row = await ctx.store.get(db, request.params.id);
      // Not yet on a message, or on an internal note: the visitor cannot know it exists.
      if (!row.messageId) throw notFound('Attachment');
      await visitors.own(db, visitor, row.conversationId);
      const [message] = await db
        .select({ visibility: conversationMessages.visibility })
        .from(conversationMessages)
        .where(eq(conversationMessages.id, row.messageId));
      if (message?.visibility !== 'public') throw notFound('Attachment');
      return sendFile(reply, await ctx.store.open(db, row.id));
    },
  );
}
