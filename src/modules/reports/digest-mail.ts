import type { OutgoingMail } from '../../integrations/mail/mailer.js';
import type { DigestPeriod, DigestRange } from './digest.js';

/** One block of the digest: a dashboard's headline figures as label, value and change. */
export interface DigestSection {
  title: string;
  /** The dashboard it summarises (for the link): sales, support or retention. */
  dashboard: string;
  lines: { label: string; value: string; previous: string | null }[];
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The digest as a mail: plain text and a small table per section, each linking to its dashboard. */
export function digestMail(m: {
  to: string;
  name: string;
  period: DigestPeriod;
  range: DigestRange;
  sections: DigestSection[];
  baseUrl: string;
}): OutgoingMail {
  const span = m.range.from === m.range.to ? m.range.from : `${m.range.from} – ${m.range.to}`;
  const subject = `${m.period === 'daily' ? 'Daily' : 'Weekly'} report digest, ${span}`;
  const link = (d: string) =>
    `${m.baseUrl}/reports/${d}?from=${m.range.from}&to=${m.range.to}&compare=previous`;
  const text = [
    `Hello ${m.name},`,
    '',
    `${subject}. Figures are those you see on the dashboards (your record scope), with the previous period in brackets.`,
    ...m.sections.flatMap((s) => [
      '',
      s.title,
      ...s.lines.map((l) => `  ${l.label}: ${l.value}${l.previous !== null ? ` (${l.previous})` : ''}`),
      `  ${link(s.dashboard)}`,
    ]),
    '',
    'Admins choose who receives this digest and how often under Admin → Report digest.',
  ].join('\n');
  const html = [
    `<p>Hello ${esc(m.name)},</p><p>${esc(subject)}.</p>`,
    ...m.sections.map(
      (s) =>
        `<h2 style="font-size:16px">${esc(s.title)}</h2><table cellpadding="4">` +
        s.lines
          .map(
            (l) =>
              `<tr><td>${esc(l.label)}</td><td><b>${esc(l.value)}</b></td><td>${l.previous !== null ? esc(`(${l.previous})`) : ''}</td></tr>`,
          )
          .join('') +
        `</table><p><a href="${esc(link(s.dashboard))}">Open the dashboard</a></p>`,
    ),
  ].join('');
  return { to: m.to, subject, text, html };
}
