import { z } from 'zod';
import type { App } from '../../../core/http.js';
import { text } from '../../../core/primitives.js';
import type { SurveysDeps } from '../index.js';
import { careLanguage, npsTexts } from '../texts.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (lang: string, title: string, body: string) => `<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f2328}
fieldset{border:0;padding:0;display:flex;flex-wrap:wrap;gap:.4rem}label.s{display:inline-flex;flex-direction:column;align-items:center;min-width:2.2rem}
.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#57606a}textarea{width:100%;min-height:6rem}
button{margin-top:1rem;padding:.5rem 1.25rem;font:inherit}</style>
</head><body><main>${body}</main></body></html>`;

const tokenParams = z.object({ token: text({ min: 10, max: 200 }).regex(/^nps1_[A-Za-z0-9_-]+$/) });
const answerForm = z.object({
  score: z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']).transform(Number),
  comment: text({ trim: true, max: 2000, label: 'Comment' }).optional(),
});

/**
 * The emailed NPS link: `/surveys/nps/<token>` is a small server-rendered form (no script) in the
 * trader's language, posted back to the same address, like the CSAT rate page. The form parser is
 * registered in this scope only.
 */
export function npsPageRoutes(app: App, ctx: Pick<SurveysDeps, 'surveys' | 'database'>): void {
  const { campaigns, answers } = ctx.surveys;
  const lookup = async (token: string) => {
    const r = await campaigns.byToken(ctx.database.db, token);
    return r ? { ...r, ...(await campaigns.pageInfo(r.campaignId, r.clientId)) } : null;
  };
  void app.register(async (scope: App) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 8192 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.get(
      '/surveys/nps/:token',
      { schema: { hide: true, params: tokenParams } },
      async (request, reply) => {
        void reply.type('text/html; charset=utf-8');
        const r = await lookup(request.params.token);
        if (!r) return page('en', 'NPS', `<h1>${npsTexts('en').invalid}</h1>`);
        const lang = careLanguage(r.language);
        const t = npsTexts(lang);
        if (r.answered) return page(lang, t.thanks, `<h1>${esc(t.thanks)}</h1>`);
        if (r.closed) return page(lang, t.closed, `<h1>${esc(t.closed)}</h1>`);
        const scale = Array.from(
          { length: 11 },
          (_, n) => `<label class="s"><input type="radio" name="score" value="${n}" required>${n}</label>`,
        ).join('');
        return page(
          lang,
          t.question,
          `<h1>${esc(r.question ?? t.question)}</h1>
<form method="post"><fieldset><legend>${esc(t.question)}</legend>${scale}</fieldset>
<div class="ends" aria-hidden="true"><span>0 — ${esc(t.low)}</span><span>10 — ${esc(t.high)}</span></div>
<p><label for="comment">${esc(t.comment)}</label><br><textarea id="comment" name="comment" maxlength="2000"></textarea></p>
<button type="submit">${esc(t.send)}</button></form>`,
        );
      },
    );
    scope.post(
      '/surveys/nps/:token',
      { schema: { hide: true, params: tokenParams, body: answerForm } },
      async (request, reply) => {
        void reply.type('text/html; charset=utf-8');
        const r = await lookup(request.params.token);
        if (!r) return reply.status(404).send(page('en', 'NPS', `<h1>${npsTexts('en').invalid}</h1>`));
        const t = npsTexts(r.language);
        if (r.closed && !r.answered)
          return reply
            .status(410)
            .send(page(careLanguage(r.language), t.closed, `<h1>${esc(t.closed)}</h1>`));
        await answers.answer({
          campaignId: r.campaignId,
          clientId: r.clientId,
          score: request.body.score,
          comment: request.body.comment ?? null,
          channel: 'email',
          ip: request.ip ?? null,
        });
        return page(careLanguage(r.language), t.thanks, `<h1>${esc(t.thanks)}</h1>`);
      },
    );
  });
}
