import sanitizeHtml from 'sanitize-html';
import { FORMATTING_TAGS, NON_TEXT_TAGS } from '../../../core/rich-text.js';

/**
 * An email's HTML as the inbox may show it: formatting, lists, tables, links (http, https, mailto
 * only). No scripts, styles, forms, iframes or event handlers; no images at all, because a remote
 * image is a tracking beacon and an inline one (cid:) is kept as an attachment instead. Links open
 * in a new tab without the opener.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...FORMATTING_TAGS, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
  allowedAttributes: { a: ['href', 'title'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: NON_TEXT_TAGS,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
  },
};
OPTIONS.allowedAttributes = { ...OPTIONS.allowedAttributes, a: ['href', 'title', 'target', 'rel'] };

export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** A header value (subject, name) as plain text: no markup survives, whatever the client shows it in. */
export function plainHeader(value: string): string {
  return sanitizeHtml(value, { allowedTags: [], allowedAttributes: {} }).trim();
}
