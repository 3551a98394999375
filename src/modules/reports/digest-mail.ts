import type { OutgoingMail } from '../../integrations/mail/mailer.js';
import type { DigestPeriod, DigestRange } from './digest.js';
import { DIGEST_TEXTS, fill, type DigestLocale } from './digest-texts.js';

/** One block of the digest: a dashboard's headline figures as label, value and change. */
export interface DigestSection {
  title: string;
  /** The dashboard it summarises (for the link): sales, support or retention. */
  dashboard: string;
  lines: { label: string; value: string; previous: string | null }[];
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The digest as a mail, in the recipient's language: plain text and a small table per section, each linking to its dashboard. */
export function digestMail(m: {
  to: string;
  name: string;
  period: DigestPeriod;
  range: DigestRange;
  sections: DigestSection[];
  baseUrl: string;
  locale?: DigestLocale;
}): OutgoingMail {
  const locale = m.locale ?? 'en';
  const t = DIGEST_TEXTS[locale];
  const span = m.range.from === m.range.to ? m.range.from : `${m.range.from} – ${m.range.to}`;
  const subject = fill(t.subject[m.period], { span });
  const hello = fill(t.hello, { name: m.name });
  const link = (d: string) =>
    `${m.baseUrl}/reports/${d}?from=${m.range.from}&to=${m.range.to}&compare=previous`;
  const text = [
    hello,
    '',
    `${subject}. ${t.intro}`,
    ...m.sections.flatMap((s) => [
      '',
      s.title,
      ...s.lines.map((l) => `  ${l.label}: ${l.value}${l.previous !== null ? ` (${l.previous})` : ''}`),
      `  ${link(s.dashboard)}`,
    ]),
    '',
    t.footer,
  ].join('\n');
  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  const html = [
    `<div dir="${dir}" lang="${locale}">`,
    `<p>${esc(hello)}</p><p>${esc(subject)}. ${esc(t.intro)}</p>`,
    ...m.sections.map(
      (s) =>
        `<h2 style="font-size:16px">${esc(s.title)}</h2><table cellpadding="4">` +
        s.lines
          .map(
            (l) =>
              `<tr><td>${esc(l.label)}</td><td><b>${esc(l.value)}</b></td><td>${l.previous !== null ? esc(`(${l.previous})`) : ''}</td></tr>`,
          )
          .join('') +
        `</table><p><a href="${esc(link(s.dashboard))}">${esc(t.open)}</a></p>`,
    ),
    `<p style="color:#555">${esc(t.footer)}</p></div>`,
  ].join('');
  return { to: m.to, subject, text, html };
}
