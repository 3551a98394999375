import { z } from 'zod';
import { noContentAfter, routeDocs, type App } from '../../../core/http.js';
import { notFound } from '../../../core/errors.js';
import { addressKey, RateLimitedError, RateLimiter } from '../../../core/rate-limit.js';
import { idParams } from '../../../core/primitives.js';
import { noContent } from '../../../shared/contracts/common.js';
import { publicArticle, publicIndex, searchAnswer } from '../../../shared/contracts/knowledge.js';
import { feedbackBody, languageCode, publicArticleParams, searchQuery } from '../contracts.js';
import type { KnowledgeDeps } from '../index.js';

const doc = routeDocs(['knowledge'], { security: [] });
export const PUBLIC_PREFIX = '/api/knowledge/public/';
const languageParams = z.strictObject({ language: languageCode() });

/**
 * The published, public articles as JSON for the widget (on the broker's own sites: any origin may
 * read them, no cookies involved) and the cabinet; "was this helpful?" answers.
 */
export function knowledgePublicRoutes(app: App, deps: KnowledgeDeps) {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(PUBLIC_PREFIX) || request.method !== 'GET') return;
    void reply.header('access-control-allow-origin', '*');
  });
  const votes = new RateLimiter(20, 60_000, () => deps.clock.now().getTime());
  const language = async (code: string) => {
    await deps.knowledgeLanguages.require(code);
    return code;
  };
  app.get(
    '/api/knowledge/public/:language',
    doc('The help centre’s categories and articles in a language', {
      params: languageParams,
      response: { 200: publicIndex },
    }),
    async (request) => deps.knowledgeReads.index(await language(request.params.language)),
  );
  app.get(
    '/api/knowledge/public/:language/articles/:slug',
    doc('A published public article (sanitized HTML body)', {
      params: publicArticleParams,
      response: { 200: publicArticle },
    }),
    async (request) => {
      const found = await deps.knowledgeReads.article(
        await language(request.params.language),
        request.params.slug,
        'public',
      );
      if (!found) throw notFound('Article');
      return found;
    },
  );
  app.get(
    '/api/knowledge/public/:language/search',
    doc('Search the public articles of a language', {
      params: languageParams,
      querystring: searchQuery.omit({ language: true }),
      response: { 200: searchAnswer },
    }),
    async (request) => {
      const lang = await language(request.params.language);
      const { q, limit } = request.query;
      return { items: await deps.knowledgeBase.search(q, { language: lang, audience: 'public', limit }) };
    },
  );
  app.post(
    '/api/knowledge/public/articles/:id/feedback',
    doc('Was this article helpful? (one answer per visitor and day; a repeat replaces it; 20 a minute)', {
      params: idParams(),
      body: feedbackBody,
      response: { 204: noContent },
    }),
    async (request, reply) => {
      const wait = votes.take(addressKey(request.ip));
      if (wait > 0) throw new RateLimitedError(wait);
      return noContentAfter(
        reply,
        deps.knowledgeFeedback.record(
          { articleId: request.params.id, ...request.body, ip: request.ip },
          deps.clock,
        ),
      );
    },
  );
}
