import fastifyMultipart from '@fastify/multipart';
import { principal, routeDocs, type App } from '../../../core/http.js';
import { assertConversationVisible } from '../conversations/scope.js';
import { AppError, badRequest } from '../../../core/errors.js';
import { idParams } from '../../../core/primitives.js';
import { textBody } from '../../../shared/contracts/common.js';
import { attachmentView, type AttachmentView } from '../../../shared/contracts/support.js';
import type { AttachmentRow } from '../conversations/service.js';
import { attachmentUrl } from '../conversations/views.js';
import type { SupportDeps } from '../index.js';
import { tooLarge, type AttachmentStore } from './store.js';

const doc = routeDocs(['support'], { security: [{ session: [] }] });

/** The file's bytes, typed as sniffed when it was stored. */
const fileBody = {
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

  void app.register(async (plain) => {
    const scope = plain as unknown as App;
    await scope.register(fastifyMultipart, {
      limits: { files: 1, fileSize: ctx.maxBytes, fields: 0, parts: 1 },
    });
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
        if (!request.isMultipart())
          throw badRequest('attachment_missing', 'Send the file as multipart/form-data', 'file');
        let part;
        let bytes: Buffer;
        try {
          part = await request.file();
          if (!part) throw badRequest('attachment_missing', 'Send one file in the `file` part', 'file');
          bytes = await part.toBuffer();
        } catch (e) {
          if (e instanceof AppError) throw e;
          const code = (e as { code?: string }).code;
          if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(ctx.maxBytes);
          if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
            throw badRequest('attachment_one_file', 'Send exactly one file', 'file');
          throw badRequest('attachment_unreadable', 'The multipart body could not be read', 'file');
        }
        const row = await ctx.store.store(db, {
          conversationId: conv.id,
          fileName: part.filename ?? 'file',
          bytes,
          maxBytes: ctx.maxBytes,
        });
        return reply.status(201).send(toAttachmentView(row));
      },
    );
  });

  app.get(
    '/api/support/attachments/:id',
    {
      ...doc(
        'Download an attachment (never rendered inline)',
        { params: idParams(), response: { 200: fileBody } },
        handle,
      ),
      // After the app's security headers (route hooks run last): the file gets the strictest policy.
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
      const { row, stream } = await ctx.store.open(db, request.params.id);
      await assertConversationVisible(
        db,
        principal(request),
        await ctx.conversations.get(db, row.conversationId),
      ).catch((e: unknown) => {
        stream.destroy();
        throw e;
      });
      return reply
        .header('content-type', row.mimeType)
        .header('content-length', String(row.size))
        .header('content-disposition', contentDisposition(row.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
}
