import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../core/http.js';
import { AppError } from '../../../core/errors.js';
import type { KbLanguage } from '../../../shared/contracts/knowledge.js';
import { HELP_CSS, page } from '../help/layout.js';
import { helpStrings } from '../help/strings.js';
import type { KnowledgeDeps } from '../index.js';
import { escapeHtml as e } from '../sanitize.js';

const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CACHE = 'public, max-age=60';

type Params = { language: string; category?: string; slug?: string };

const html = (reply: FastifyReply, status: number, body: string, cache = CACHE) =>
  reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', cache)
    .send(body);

/**
 * The public help centre, server-rendered: `/help` (to the visitor's language), `/help/:language`
 * (topics), `/help/:language/search?q=`, `/help/:language/:category`, `/help/:language/:category/:slug`
 * (the article, with "was this helpful?" as a plain form post), `/help/files/:id` (article images) and
 * the stylesheet. Unknown or unpublished pages are an HTML 404. Hidden from the API document.
 */
export function helpPages(app: App, deps: KnowledgeDeps) {
  const { knowledgeReads: reads, knowledgeLanguages: languages } = deps;
  const baseUrl = deps.config.baseUrl.replace(/\/$/, '');

  /** The page's language and the switcher's list, or null (→ 404) for a language the desk lacks. */
  async function context(code: string) {
    if (!LANGUAGE.test(code)) return null;
    const [language, published] = await Promise.all([languages.get(code), reads.publishedLanguages()]);
    if (!language) return null;
    const list = published.some((l) => l.code === code) ? published : [...published, language];
    return { language, languages: list };
  }

  const base = (c: { language: KbLanguage; languages: KbLanguage[] }) => ({ ...c, baseUrl });

  async function notFoundPage(reply: FastifyReply, code = 'en') {
    const c = (await context(code)) ?? (await context('en'));
    if (!c) return html(reply, 404, '<!doctype html><title>404</title><h1>404</h1>', 'no-store');
    const s = helpStrings(c.language.code);
    return html(
      reply,
      404,
      page({
        ...base(c),
        title: `${s.notFound} — ${s.helpCentre}`,
        description: s.notFoundText,
        path: `/help/${c.language.code}`,
        noindex: true,
        main: `<h1>${e(s.notFound)}</h1><p>${e(s.notFoundText)}</p><p><a href="/help/${e(c.language.code)}">${e(s.home)}</a></p>`,
      }),
      'no-store',
    );
  }

  void app.register(async (scope) => {
    // The feedback buttons post a form; only this scope parses form bodies (the API stays JSON-only).
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    const hidden = { schema: { hide: true } };

    scope.get('/help/assets/help.css', hidden, async (_request, reply) =>
      reply
        .header('content-type', 'text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(HELP_CSS),
    );

    scope.get<{ Params: { id: string } }>('/help/files/:id', hidden, async (request, reply) => {
      if (!UUID.test(request.params.id)) return notFoundPage(reply);
      try {
        const file = await deps.knowledgeFiles.open(request.params.id);
        return reply
          .header('content-type', file.mimeType)
          .header('content-length', String(file.size))
          .header('cache-control', 'public, max-age=86400, immutable')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(file.stream);
      } catch (err) {
        if (err instanceof AppError && err.status === 404) return notFoundPage(reply);
        throw err;
      }
    });

    scope.get('/help', hidden, async (request, reply) => {
      const published = await reads.publishedLanguages();
      const wanted = acceptLanguages(request);
      const pick = wanted.find((w) => published.some((l) => l.code === w)) ?? published[0]?.code ?? 'en';
      return reply.status(302).header('cache-control', 'no-store').redirect(`/help/${pick}`);
    });

    scope.get<{ Params: Params }>('/help/:language', hidden, async (request, reply) => {
      const c = await context(request.params.language);
      if (!c) return notFoundPage(reply);
      const code = c.language.code;
      const s = helpStrings(code);
      const index = await reads.index(code);
      const topics = index.categories
        .map(
          (
            cat,
          ) => `<section aria-labelledby="cat-${e(cat.slug)}"><h2 id="cat-${e(cat.slug)}"><a href="/help/${e(code)}/${e(cat.slug)}">${e(cat.name)}</a></h2>
<ul>${cat.articles.map((a) => `<li><a href="${e(a.url)}">${e(a.title)}</a></li>`).join('')}</ul></section>`,
        )
        .join('\n');
      const alternates = Object.fromEntries(c.languages.map((l) => [l.code, `/help/${l.code}`]));
      return html(
        reply,
        200,
        page({
          ...base(c),
          title: s.helpCentre,
          description: s.description,
          path: `/help/${code}`,
          alternates,
          main: `<h1>${e(s.helpCentre)}</h1>\n${topics ? `<div class="topics" aria-label="${e(s.topics)}">${topics}</div>` : `<p>${e(s.empty)}</p>`}`,
        }),
      );
    });

    scope.get<{ Params: Params; Querystring: { q?: string } }>(
      '/help/:language/search',
      hidden,
      async (request, reply) => {
        const c = await context(request.params.language);
        if (!c) return notFoundPage(reply);
        const code = c.language.code;
        const s = helpStrings(code);
        const q = typeof request.query.q === 'string' ? request.query.q.slice(0, 500) : '';
        const hits = q.trim()
          ? await deps.knowledgeBase.search(q, { language: code, audience: 'public', limit: 20 })
          : [];
        const heading = s.resultsFor.replace('{q}', q);
        const list = hits.length
          ? `<ul class="results">${hits
              .map((h) => `<li><a href="${e(h.url)}">${e(h.title)}</a><p>${h.snippet}</p></li>`)
              .join('')}</ul>`
          : `<p>${e(s.noResults)}</p>`;
        return html(
          reply,
          200,
          page({
            ...base(c),
            title: `${heading} — ${s.helpCentre}`,
            description: s.description,
            path: `/help/${code}/search`,
            noindex: true,
            query: q,
            trail: [
              [s.helpCentre, `/help/${code}`],
              [s.searchButton, null],
            ],
            main: `<h1>${e(heading)}</h1>\n${list}`,
          }),
          'no-store',
        );
      },
    );

    scope.get<{ Params: Params }>('/help/:language/:category', hidden, async (request, reply) => {
      const { category = '' } = request.params;
      const c = SLUG.test(category) ? await context(request.params.language) : null;
      if (!c) return notFoundPage(reply, request.params.language);
      const code = c.language.code;
      const s = helpStrings(code);
      const [cat] = (await reads.index(code, category)).categories;
      if (!cat) return notFoundPage(reply, code);
      const alternates = Object.fromEntries(c.languages.map((l) => [l.code, `/help/${l.code}/${category}`]));
      return html(
        reply,
        200,
        page({
          ...base(c),
          title: `${cat.name} — ${s.helpCentre}`,
          description: cat.articles
            .map((a) => a.title)
            .join(' · ')
            .slice(0, 300),
          path: `/help/${code}/${category}`,
          alternates,
          trail: [
            [s.helpCentre, `/help/${code}`],
            [cat.name, null],
          ],
          main: `<h1>${e(cat.name)}</h1>\n<ul>${cat.articles.map((a) => `<li><a href="${e(a.url)}">${e(a.title)}</a></li>`).join('')}</ul>`,
        }),
      );
    });

    const articlePath = '/help/:language/:category/:slug';
    scope.get<{ Params: Params; Querystring: { feedback?: string } }>(
      articlePath,
      hidden,
      async (request, reply) => {
        const found = await articleOf(request.params);
        if (!found) return notFoundPage(reply, request.params.language);
        const { c, a } = found;
        const s = helpStrings(c.language.code);
        const thanked = request.query.feedback === 'thanks';
        const date = a.publishedAt.slice(0, 10);
        const feedback = thanked
          ? `<p role="status">${e(s.thanks)}</p>`
          : `<form method="post" action="${e(a.url)}/feedback"><p id="fb-q">${e(s.wasHelpful)}</p>
<button type="submit" name="helpful" value="yes" aria-describedby="fb-q">${e(s.yes)}</button>
<button type="submit" name="helpful" value="no" class="secondary" aria-describedby="fb-q">${e(s.no)}</button></form>`;
        const alternates = Object.fromEntries(
          a.languages.map((l) => [l, `/help/${l}/${a.categorySlug}/${a.slug}`]),
        );
        return html(
          reply,
          200,
          page({
            ...base(c),
            title: `${a.title} — ${s.helpCentre}`,
            description: a.summary.slice(0, 160),
            path: a.url,
            alternates,
            trail: [
              [s.helpCentre, `/help/${c.language.code}`],
              [a.categoryName, `/help/${c.language.code}/${a.categorySlug}`],
              [a.title, null],
            ],
            main: `<article data-article-id="${e(a.id)}"><h1>${e(a.title)}</h1>
<p class="meta">${e(s.updated)} <time datetime="${e(a.publishedAt)}">${e(date)}</time></p>
<div class="body">${a.body}</div></article>
<section class="feedback" aria-label="${e(s.wasHelpful)}">${feedback}</section>`,
          }),
        );
      },
    );

    scope.post<{ Params: Params; Body: { helpful?: string } }>(
      `${articlePath}/feedback`,
      hidden,
      async (request, reply) => {
        const found = await articleOf(request.params);
        if (!found) return notFoundPage(reply, request.params.language);
        const helpful = request.body?.helpful;
        if (helpful !== 'yes' && helpful !== 'no') return reply.status(303).redirect(found.a.url);
        await deps.knowledgeFeedback.record(
          {
            articleId: found.a.id,
            language: found.c.language.code,
            helpful: helpful === 'yes',
            ip: request.ip,
          },
          deps.clock,
        );
        return reply
          .status(303)
          .header('cache-control', 'no-store')
          .redirect(`${found.a.url}?feedback=thanks`);
      },
    );
  });

  async function articleOf(params: Params) {
    const { category = '', slug = '' } = params;
    if (!SLUG.test(category) || !SLUG.test(slug)) return null;
    const c = await context(params.language);
    if (!c) return null;
    const a = await reads.article(c.language.code, slug, 'public');
    if (!a || a.categorySlug !== category) return null;
    return { c, a };
  }
}

/** The visitor's languages from Accept-Language, best first, as bare codes (ru-RU → ru). */
function acceptLanguages(request: FastifyRequest): string[] {
  const header = request.headers['accept-language'];
  if (typeof header !== 'string') return [];
  return header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = Number(
        rest
          .find((r) => r.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { code: tag.toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0 };
    })
    .filter((l) => /^[a-z]{2,3}$/.test(l.code) && l.q > 0)
    .sort((x, y) => y.q - x.q)
    .map((l) => l.code);
}
