import { noContentAfter, principal, routeDocs, type App } from '../../../core/http.js';
import { noContent } from '../../../shared/contracts/common.js';
import { idParams } from '../../../core/primitives.js';
import {
  articleDetail,
  articleList,
  publishedAnswer,
  searchAnswer,
  versionList,
} from '../../../shared/contracts/knowledge.js';
import {
  articleLanguageParams,
  articleListQuery,
  createArticleBody,
  patchArticleBody,
  staffSearchQuery,
  translationBody,
} from '../contracts.js';
import type { KnowledgeDeps } from '../index.js';
import { knowledgeSettingsRoutes } from './staff-settings.js';

const doc = routeDocs(['knowledge'], { security: [{ session: [] }] });

/** The signed-in staff member as the actor of a change (with the address, for the audit trail). */
export const actorOf = (request: Parameters<typeof principal>[0]) => ({
  id: principal(request).id,
  ip: request.ip ?? null,
});

/**
 * The workspace's knowledge base: editors (knowledge.write) list, write, publish and unpublish
 * articles; agents (support.handle) search every article, internal ones included.
 */
export function knowledgeStaffRoutes(app: App, deps: KnowledgeDeps) {
  const write = deps.guard('knowledge.write');
  const handle = deps.guard('support.handle');
  const { knowledgeArticles: articles } = deps;

  app.get(
    '/api/knowledge/search',
    doc(
      'Search articles (agents: internal ones too), ranked, with highlighted snippets',
      { querystring: staffSearchQuery, response: { 200: searchAnswer } },
      handle,
    ),
    async (request) => {
      const { q, language, audience, limit } = request.query;
      await deps.knowledgeLanguages.require(language);
      return { items: await deps.knowledgeBase.search(q, { language, audience, limit }) };
    },
  );
  app.get(
    '/api/knowledge/articles',
    doc(
      'Articles, filtered, sorted and paged',
      { querystring: articleListQuery, response: { 200: articleList } },
      write,
    ),
    async (request) => articles.list(request.query),
  );
  app.post(
    '/api/knowledge/articles',
    doc(
      'Create an article (optionally with drafts per language)',
      { body: createArticleBody, response: { 201: articleDetail } },
      write,
    ),
    async (request, reply) => {
      const { translations, ...article } = request.body;
      const { id } = await articles.create(actorOf(request), {
        ...article,
        translations: Object.fromEntries((translations ?? []).map(({ language, ...t }) => [language, t])),
      });
      return reply.status(201).send(await articles.detail(id));
    },
  );
  app.get(
    '/api/knowledge/articles/:id',
    doc(
      'An article with each language’s draft, what is published and the feedback',
      { params: idParams(), response: { 200: articleDetail } },
      write,
    ),
    async (request) => articles.detail(request.params.id),
  );
  app.patch(
    '/api/knowledge/articles/:id',
    doc(
      'Change an article’s category, slug or internal flag',
      { params: idParams(), body: patchArticleBody, response: { 200: articleDetail } },
      write,
    ),
    async (request) => {
      await articles.update(actorOf(request), request.params.id, request.body);
      return articles.detail(request.params.id);
    },
  );
  app.delete(
    '/api/knowledge/articles/:id',
    doc(
      'Delete an article no language publishes (409 article_published otherwise)',
      { params: idParams(), response: { 204: noContent } },
      write,
    ),
    async (request, reply) => noContentAfter(reply, articles.remove(actorOf(request), request.params.id)),
  );
  app.put(
    '/api/knowledge/articles/:id/translations/:language',
    doc(
      'Save a language’s draft (the body is sanitized; the published copy is untouched)',
      { params: articleLanguageParams, body: translationBody, response: { 200: articleDetail } },
      write,
    ),
    async (request) => {
      const { id, language } = request.params;
      await articles.saveDraft(actorOf(request), id, language, request.body);
      return articles.detail(id);
    },
  );
  app.post(
    '/api/knowledge/articles/:id/translations/:language/publish',
    doc(
      'Publish a language’s draft as its next version',
      { params: articleLanguageParams, response: { 200: publishedAnswer } },
      write,
    ),
    async (request) => articles.publish(actorOf(request), request.params.id, request.params.language),
  );
  app.post(
    '/api/knowledge/articles/:id/translations/:language/unpublish',
    doc(
      'Take a language off the help centre and out of search',
      { params: articleLanguageParams, response: { 200: articleDetail } },
      write,
    ),
    async (request) => {
      const { id, language } = request.params;
      await articles.unpublish(actorOf(request), id, language);
      return articles.detail(id);
    },
  );
  app.get(
    '/api/knowledge/articles/:id/versions',
    doc(
      'The published versions of every language',
      { params: idParams(), response: { 200: versionList } },
      write,
    ),
    async (request) => ({ items: await articles.versions(request.params.id) }),
  );
  knowledgeSettingsRoutes(app, deps);
}
