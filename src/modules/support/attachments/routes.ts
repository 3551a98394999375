import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { principal, routeDocs, type App } from '../../../core/http.js';
import { idParams } from '../../../core/primitives.js';
import { textBody } from '../../../shared/contracts/common.js';
import { attachmentView, type AttachmentView } from '../../../shared/contracts/support.js';
import type { AttachmentRow } from '../conversations/service.js';
import { assertConversationVisible } from '../conversations/scope.js';
import { attachmentUrl } from '../conversations/views.js';
import type { SupportDeps } from '../index.js';
import { multipartScope, readOneFile } from './multipart.js';
import type { AttachmentStore } from './store.js';

const doc = routeDocs(['support'], { security: [{ session: [] }] });

/** The file's bytes, typed as sniffed when it was stored. */
export const fileBody = {
  description: 'The file, with the Content-Type sniffed when it was uploaded',
  content: { 'application/octet-stream': { schema: textBody } },
};

export const toAttachmentView = (a: AttachmentRow): AttachmentView => ({
  id: a.id,
  fileName: a.fileName,
  mimeType: a.mimeType,
  size: a.size,
  url: attachmentUrl(a),
});

/** `filename*=UTF-8''…` (RFC 6266/5987) with an ASCII `filename` fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * Staff upload (multipart, one file field) to a conversation and download; both need support.handle.
 * Multipart is parsed only inside this scope, with the attachment size as its file limit.
 */
export function attachmentRoutes(
  app: App,
  ctx: Pick<SupportDeps, 'guard' | 'conversations' | 'database'> & {
    store: AttachmentStore;
    maxBytes: number;
  },
): void {
  const handle = ctx.guard('support.handle');
  const db = ctx.database.db;

  multipartScope(app, ctx.maxBytes, (scope) =>
    scope.post(
      '/api/support/conversations/:id/attachments',
      doc(
        'Upload a file to a conversation (multipart, one `file` part); attach it with a message’s attachmentIds',
        { params: idParams(), consumes: ['multipart/form-data'], response: { 201: attachmentView } },
        handle,
      ),
      async (request, reply) => {
        const conv = await ctx.conversations.get(db, request.params.id);
        await assertConversationVisible(db, principal(request), conv);
        const file = await readOneFile(request, ctx.maxBytes);
        const row = await ctx.store.store(db, { conversationId: conv.id, ...file, maxBytes: ctx.maxBytes });
        return reply.status(201).send(toAttachmentView(row));
      },
    ),
  );

  app.get(
    '/api/support/attachments/:id',
    downloadRoute(
      doc(
        'Download an attachment (never rendered inline)',
        { params: idParams(), response: { 200: fileBody } },
        handle,
      ),
    ),
    async (request, reply) => {
      const file = await ctx.store.open(db, request.params.id);
      // A file of a conversation linked to a client outside the viewer's scope is 404, like the conversation.
      await assertConversationVisible(
        db,
        principal(request),
        await ctx.conversations.get(db, file.row.conversationId),
      ).catch((e: unknown) => {
        file.stream.destroy();
        throw e;
      });
      return sendFile(reply, file);
    },
  );
}

/**
 * A download route's options: after the app's security headers (route hooks run last), a file gets
 * the strictest policy, so even one opened directly is never a page of the app.
 */
export function downloadRoute<T extends object>(options: T) {
  return {
    ...options,
    onSend: async (
      _request: unknown,
      reply: { statusCode: number; header(k: string, v: string): unknown },
      payload: unknown,
    ) => {
      if (reply.statusCode === 200) reply.header('content-security-policy', 'sandbox');
      return payload;
    },
  };
}

/** Sends a stored file as a download: the sniffed type, never sniffed again, never inline. */
export function sendFile(reply: FastifyReply, { row, stream }: { row: AttachmentRow; stream: Readable }) {
  return reply
    .header('content-type', row.mimeType)
    .header('content-length', String(row.size))
    .header('content-disposition', contentDisposition(row.fileName))
    .header('x-content-type-options', 'nosniff')
    .send(stream);
}
