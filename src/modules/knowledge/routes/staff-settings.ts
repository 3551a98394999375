import fastifyMultipart from '@fastify/multipart';
import { noContentAfter, routeDocs, type App } from '../../../core/http.js';
import { AppError, badRequest } from '../../../core/errors.js';
import { idParams } from '../../../core/primitives.js';
import { categoryList, fileView, languageList, languageView } from '../../../shared/contracts/knowledge.js';
import { noContent } from '../../../shared/contracts/common.js';
import { categoryBody, categoryPatch, languageBody } from '../contracts.js';
import { imageTooLarge, KB_FILE_MAX_BYTES } from '../files.js';
import type { KnowledgeDeps } from '../index.js';
import { actorOf } from './staff.js';
import { z } from 'zod';

const doc = routeDocs(['knowledge'], { security: [{ session: [] }] });

/** Categories and images (knowledge.write); languages (listed to editors, added by settings admins). */
export function knowledgeSettingsRoutes(app: App, deps: KnowledgeDeps) {
  const write = deps.guard('knowledge.write');
  const admin = deps.guard('settings.write');
  app.get(
    '/api/knowledge/categories',
    doc(
      'Categories with their names per language',
      { response: { 200: categoryList } },
      deps.guard('support.handle'),
    ),
    async () => ({ items: await deps.knowledgeCategories.list() }),
  );
  app.post(
    '/api/knowledge/categories',
    doc('Add a category', { body: categoryBody, response: { 201: z.object({ id: z.string() }) } }, write),
    async (request, reply) =>
      reply.status(201).send(await deps.knowledgeCategories.create(actorOf(request), request.body)),
  );
  app.patch(
    '/api/knowledge/categories/:id',
    doc(
      'Change a category',
      { params: idParams(), body: categoryPatch, response: { 204: noContent } },
      write,
    ),
    async (request, reply) =>
      noContentAfter(
        reply,
        deps.knowledgeCategories.update(actorOf(request), request.params.id, request.body),
      ),
  );
  app.get(
    '/api/knowledge/languages',
    doc(
      'The knowledge base’s languages and the text-search configurations the server has',
      { response: { 200: languageList } },
      deps.guard('support.handle'),
    ),
    async () => ({
      items: await deps.knowledgeLanguages.list(),
      searchConfigs: await deps.knowledgeLanguages.searchConfigs(),
    }),
  );
  app.post(
    '/api/knowledge/languages',
    doc(
      'Add a language (its search configuration one of pg_ts_config)',
      { body: languageBody, response: { 201: languageView } },
      admin,
    ),
    async (request, reply) =>
      reply.status(201).send(
        await deps.knowledgeLanguages.add(actorOf(request), {
          code: request.body.language,
          name: request.body.name,
          searchConfig: request.body.searchConfig,
          rtl: request.body.rtl,
        }),
      ),
  );
  // Images: multipart in a scope of its own, so no other route accepts multipart bodies.
  void app.register(async (plain) => {
    const scope = plain as unknown as App;
    await scope.register(fastifyMultipart, {
      limits: { files: 1, fileSize: KB_FILE_MAX_BYTES, fields: 0, parts: 1 },
    });
    scope.post(
      '/api/knowledge/files',
      doc(
        'Upload an image for article bodies (PNG, JPEG, GIF, WebP, sniffed from the bytes; 5 MB at most)',
        { response: { 201: fileView } },
        write,
      ),
      async (request, reply) => {
        if (!request.isMultipart())
          throw badRequest('file_missing', 'Send the image as multipart/form-data', 'file');
        let file: { fileName: string; bytes: Buffer };
        try {
          const part = await request.file();
          if (!part) throw badRequest('file_missing', 'Send one image in the `file` part', 'file');
          file = { fileName: part.filename ?? 'image', bytes: await part.toBuffer() };
        } catch (e) {
          if (e instanceof AppError) throw e;
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw imageTooLarge();
          throw badRequest('file_unreadable', 'Send exactly one image as multipart/form-data', 'file');
        }
        return reply.status(201).send(await deps.knowledgeFiles.store(actorOf(request), file));
      },
    );
  });
}
