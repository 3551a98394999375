import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../../core/http.js';
import { AppError, badRequest } from '../../../core/errors.js';
import { tooLarge } from './store.js';

/**
 * Registers `routes` in a scope of their own where multipart/form-data is parsed (one file part, no
 * other fields, at most `maxBytes`), so no other route of the app accepts multipart bodies.
 */
export function multipartScope(app: App, maxBytes: number, routes: (scope: App) => void): void {
  void app.register(async (plain) => {
    const scope = plain as unknown as App;
    await scope.register(fastifyMultipart, {
      limits: { files: 1, fileSize: maxBytes, fields: 0, parts: 1 },
    });
    routes(scope);
  });
}

/** The one file of a multipart request, read into memory (it is at most `maxBytes`); clear 4xx otherwise. */
export async function readOneFile(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  if (!request.isMultipart())
    throw badRequest('attachment_missing', 'Send the file as multipart/form-data', 'file');
  try {
    const part = await request.file();
    if (!part) throw badRequest('attachment_missing', 'Send one file in the `file` part', 'file');
    const bytes = await part.toBuffer();
    return { fileName: part.filename ?? 'file', bytes };
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw badRequest('attachment_one_file', 'Send exactly one file', 'file');
    throw badRequest('attachment_unreadable', 'The multipart body could not be read', 'file');
  }
}
