import type { KbLanguage } from '../../../shared/contracts/knowledge.js';
import { escapeHtml as e } from '../sanitize.js';
import { helpStrings } from './strings.js';

export interface PageInput {
  language: KbLanguage;
  /** Every language with published articles, for the switcher. */
  languages: KbLanguage[];
  title: string;
  description: string;
  /** This page's path; canonical links are absolute (baseUrl + path). */
  path: string;
  baseUrl: string;
  /** The same page in other languages (hreflang alternates), language code → path. */
  alternates?: Record<string, string>;
  /** Breadcrumb trail above the heading: [label, path][] (the current page last, without a path). */
  trail?: [string, string | null][];
  /** Search box value. */
  query?: string;
  /** The main content, already-safe HTML. */
  main: string;
  noindex?: boolean;
}

/**
 * One help-centre page: lang and dir on <html>, a title and description, canonical and hreflang links
 * (x-default is English when the page exists in English), a skip link, the language switcher and the
 * search box. No script; the stylesheet is one small file.
 */
export function page(p: PageInput): string {
  const s = helpStrings(p.language.code);
  const abs = (path: string) => `${p.baseUrl}${path}`;
  const alternates = Object.entries(p.alternates ?? {});
  const xDefault = p.alternates?.en;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(p.title)}</title>`,
    `<meta name="description" content="${e(p.description)}">`,
    p.noindex ? '<meta name="robots" content="noindex">' : `<link rel="canonical" href="${e(abs(p.path))}">`,
    ...alternates.map(
      ([code, path]) => `<link rel="alternate" hreflang="${e(code)}" href="${e(abs(path))}">`,
    ),
    ...(xDefault ? [`<link rel="alternate" hreflang="x-default" href="${e(abs(xDefault))}">`] : []),
    '<link rel="stylesheet" href="/help/assets/help.css">',
  ].join('\n');
  const switcher = p.languages
    .map((l) => {
      const href = p.alternates?.[l.code] ?? `/help/${l.code}`;
      const current = l.code === p.language.code ? ' aria-current="true"' : '';
      return `<li><a href="${e(href)}" lang="${e(l.code)}" hreflang="${e(l.code)}"${current}>${e(l.name)}</a></li>`;
    })
    .join('');
  const trail = p.trail?.length
    ? `<nav class="trail" aria-label="${e(s.breadcrumb)}"><ol>${p.trail
        .map(([label, path]) =>
          path ? `<li><a href="${e(path)}">${e(label)}</a></li>` : `<li aria-current="page">${e(label)}</li>`,
        )
        .join('')}</ol></nav>`
    : '';
  const home = `/help/${p.language.code}`;
  return `<!doctype html>
<html lang="${e(p.language.code)}" dir="${p.language.rtl ? 'rtl' : 'ltr'}">
<head>
${head}
</head>
<body>
<a class="skip" href="#main">${e(s.skip)}</a>
<header class="top">
<div class="wrap">
<a class="brand" href="${e(home)}">${e(s.helpCentre)}</a>
<nav aria-label="${e(s.languages)}"><ul class="langs">${switcher}</ul></nav>
</div>
<form class="search wrap" role="search" action="${e(`${home}/search`)}" method="get">
<label for="help-q">${e(s.searchLabel)}</label>
<div class="row"><input id="help-q" name="q" type="search" maxlength="500" value="${e(p.query ?? '')}">
<button type="submit">${e(s.searchButton)}</button></div>
</form>
</header>
<main id="main" class="wrap" data-testid="help-page">
${trail}
${p.main}
</main>
<footer class="wrap"><a href="${e(home)}">${e(s.home)}</a></footer>
</body>
</html>`;
}

/** The stylesheet: logical properties, so Arabic (dir=rtl) mirrors by itself; contrast ≥ 4.5:1. */
export const HELP_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",sans-serif;color:#1a1b1e;background:#fff}
.wrap{max-width:52rem;margin-inline:auto;padding-inline:1rem}
a{color:#1554a8}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #1554a8;outline-offset:2px}
.skip{position:absolute;inset-inline-start:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{inset-inline-start:.5rem}
.top{background:#f1f3f5;border-block-end:1px solid #dee2e6;padding-block:1rem}
.top .wrap:first-child{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
.brand{font-weight:700;font-size:1.25rem;text-decoration:none;color:#1a1b1e}
.langs{display:flex;gap:.75rem;list-style:none;margin:0;padding:0}
.langs a[aria-current]{font-weight:700;color:#1a1b1e}
.search{margin-block-start:.75rem}
.search label{display:block;font-weight:600;margin-block-end:.25rem}
.search .row{display:flex;gap:.5rem}
.search input{flex:1;font:inherit;padding:.5rem .75rem;border:1px solid #6c757d;border-radius:6px}
button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #1554a8;background:#1554a8;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1554a8}
main{padding-block:1.5rem}
.trail ol{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0 0 1rem;color:#495057}
.trail li+li::before{content:"›";margin-inline-end:.5rem}
.topics{display:grid;gap:1.5rem;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr))}
.topics ul,.results{padding-inline-start:1.1rem}
.results{list-style:none;padding:0}
.results li{margin-block-end:1.25rem}
.results p{margin:.25rem 0 0;color:#343a40}
mark{background:#ffe066;color:#1a1b1e}
article img{max-width:100%;height:auto}
article table{border-collapse:collapse}
article td,article th{border:1px solid #ced4da;padding:.25rem .5rem}
.meta{color:#495057;font-size:.9rem}
.feedback{margin-block-start:2rem;padding:1rem;border:1px solid #dee2e6;border-radius:8px}
.feedback form{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
.feedback p{margin:0 0 .5rem;font-weight:600}
footer{padding-block:2rem;border-block-start:1px solid #dee2e6}
`;
