import { decodeHTML } from 'entities';

/**
 * What every piece of stored rich text may contain, whoever wrote it (an email, a knowledge
 * article): formatting, lists, quotes, code, links and tables. Each sanitiser adds what its own
 * readers need (article images, email headings) and decides what links may carry.
 */
export const FORMATTING_TAGS = [
  'p',
  'br',
  'div',
  'span',
  'b',
  'strong',
  'i',
  'em',
  'u',
  's',
  'blockquote',
  'pre',
  'code',
  'ul',
  'ol',
  'li',
  'a',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
] as const;

/** Elements whose text is not content (scripts, styles, form values): dropped with their text. */
export const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'];

/**
 * Decodes HTML character references (named, decimal and hex) as a browser would, by the `entities`
 * library that the HTML parser itself uses; references to lone surrogates or NUL become U+FFFD.
 */
export const decodeHtmlEntities = (s: string): string => decodeHTML(s);
