import sanitizeHtml from 'sanitize-html';
import { decodeHtmlEntities, FORMATTING_TAGS, NON_TEXT_TAGS } from '../../core/rich-text.js';

/**
 * An article body as the help centre shows it: headings, paragraphs, lists, tables, code, links
 * (http, https, mailto, and paths on this site) and images from this site's knowledge files only.
 * No scripts, styles, forms, frames, event handlers or inline styles. Run on every save, and again
 * when a page is rendered, so a body stored by an older version cannot carry anything else.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...FORMATTING_TAGS, 'h2', 'h3', 'h4', 'img', 'figure', 'figcaption'],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  exclusiveFilter: (frame) => frame.tag === 'img' && !IMAGE_SRC.test(frame.attribs.src ?? ''),
  transformTags: {
    // h1 is the page's title; a body's own h1 becomes a section heading.
    h1: 'h2',
    a: (tag, attribs) => {
      const external = /^(https?:|mailto:)/i.test(attribs.href ?? '');
      return {
        tagName: tag,
        attribs: external ? { ...attribs, rel: 'noopener noreferrer nofollow' } : { ...attribs },
      };
    },
  },
};

/** Only this site's knowledge images (`/help/files/<uuid>`), never a remote URL (a tracking beacon). */
const IMAGE_SRC = /^\/help\/files\/[0-9a-f-]{36}$/;

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const BLOCK_END = /<\/(p|div|li|h[1-6]|tr|blockquote|pre|figcaption)>|<br\s*\/?>/gi;

/** The body as plain text: no markup, entities decoded, whitespace collapsed. */
export function plainText(html: string): string {
  const text = sanitizeHtml(
    html.replace(BLOCK_END, (m) => `${m} `),
    {
      allowedTags: [],
      allowedAttributes: {},
      nonTextTags: NON_TEXT_TAGS,
    },
  );
  // The search's highlight markers (search.ts) never come from a body.
  return decodeHtmlEntities(text)
    .replace(/[\uE000-\uE004]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes text for HTML (element content and quoted attribute values). */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );
}

/** The first `max` characters of plain text, cut at a word boundary, with an ellipsis when cut. */
export function summaryOf(text: string, max = 300): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
