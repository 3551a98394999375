import { z } from 'zod';
import type { App } from '../../../core/http.js';
import { text } from '../../../core/primitives.js';
import type { Csat } from './csat.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
fieldset{border:0;padding:0;display:flex;gap:.5rem}label.s{display:inline-flex;flex-direction:column;align-items:center}
textarea{width:100%;min-height:6rem}button{margin-top:1rem;padding:.5rem 1.25rem;font:inherit}</style>
</head><body><main>${body}</main></body></html>`;

const tokenParams = z.object({ token: text({ min: 10, max: 200 }).regex(/^cs1_[A-Za-z0-9_-]+$/) });
const rateForm = z.object({
  score: z.enum(['1', '2', '3', '4', '5']).transform(Number),
  comment: text({ trim: true, max: 2000, label: 'Comment' }).optional(),
});

/**
 * The emailed CSAT link: `/support/rate/<token>` is a small server-rendered page with a form (no
 * script), posted back to the same address. The form parser is registered in this scope only, so no
 * other route ever accepts a form body.
 */
export function ratePageRoutes(app: App, csat: Csat, db: Parameters<Csat['byToken']>[0]): void {
  void app.register(async (scope: App) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 8192 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.get(
      '/support/rate/:token',
      { schema: { hide: true, params: tokenParams } },
      async (request, reply) => {
        const conv = await csat.byToken(db, request.params.token).catch(() => null);
        void reply.type('text/html; charset=utf-8');
        if (!conv) return page('Rating link', '<h1>This link is no longer valid</h1>');
        if (conv.csatScore !== null) return page('Thank you', '<h1>Thank you for your rating</h1>');
        const stars = [1, 2, 3, 4, 5]
          .map((n) => `<label class="s"><input type="radio" name="score" value="${n}" required>${n}</label>`)
          .join('');
        return page(
          'How did we do?',
          `<h1>How did we do?</h1><p>Request #${conv.number}${conv.subject ? ` — ${esc(conv.subject)}` : ''}</p>
<form method="post"><fieldset><legend>Your rating, 1 (poor) to 5 (excellent)</legend>${stars}</fieldset>
<p><label for="comment">Comment (optional)</label><br><textarea id="comment" name="comment" maxlength="2000"></textarea></p>
<button type="submit">Send rating</button></form>`,
        );
      },
    );
    scope.post(
      '/support/rate/:token',
      { schema: { hide: true, params: tokenParams, body: rateForm } },
      async (request, reply) => {
        void reply.type('text/html; charset=utf-8');
        const conv = await csat.byToken(db, request.params.token).catch(() => null);
        if (!conv)
          return reply.status(404).send(page('Rating link', '<h1>This link is no longer valid</h1>'));
        if (conv.csatScore === null)
          await csat.rate(conv.id, request.body.score, request.body.comment || null);
        return page('Thank you', '<h1>Thank you for your rating</h1>');
      },
    );
  });
}
