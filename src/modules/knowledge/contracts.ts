import { z } from 'zod';
import { flag, int, pagingQuery, queryInt, text, textRecord, uuid } from '../../core/primitives.js';
import { KB_AUDIENCES } from '../../shared/contracts/knowledge.js';

// Request schemas of the knowledge base (the answers are src/shared/contracts/knowledge.ts).

export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;
export const KEYWORDS_MAX = 1_000;

/** A language code such as en, pt or pt-br. */
export const languageCode = () =>
  text({ trim: true, min: 2, max: 12, label: 'Language' })
    .toLowerCase()
    .regex(/^[a-z]{2}[a-z]?(-[a-z0-9]{2,8})?$/, 'Use a language code such as en or pt-br');

/** A URL part: lower-case letters, digits and single hyphens. */
export const slug = () =>
  text({ trim: true, min: 1, max: 100, label: 'Slug' }).regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'Use lower-case letters, digits and hyphens (how-to-deposit)',
  );

export const translationBody = z.strictObject({
  title: text({ trim: true, min: 1, max: TITLE_MAX, label: 'Title' }),
  body: text({ max: BODY_MAX, label: 'Body' }),
  keywords: text({ trim: true, max: KEYWORDS_MAX, label: 'Keywords' }).optional(),
});

export const createArticleBody = z.strictObject({
  categoryId: uuid(),
  slug: slug(),
  internal: z.boolean().optional(),
  /** Drafts to create with the article, one per language. */
  translations: z
    .array(translationBody.extend({ language: languageCode() }))
    .max(50)
    .optional(),
});

export const patchArticleBody = z.strictObject({
  categoryId: uuid().optional(),
  slug: slug().optional(),
  internal: z.boolean().optional(),
});

export const categoryBody = z.strictObject({
  slug: slug(),
  names: textRecord({ keyMax: 12, valueMax: 100, maxEntries: 50, label: 'Name' }),
  position: int({ min: 0, max: 10_000 }).optional(),
});
export const categoryPatch = categoryBody.partial();

export const languageBody = z.strictObject({
  /** The new language's code (en, pt, pt-br). */
  language: languageCode(),
  name: text({ trim: true, min: 1, max: 60, label: 'Name' }),
  searchConfig: text({ trim: true, min: 1, max: 63, label: 'Search configuration' }),
  rtl: z.boolean().default(false),
});

export const ARTICLE_SORTS = ['title', 'updatedAt', 'helpful', 'notHelpful', 'slug'] as const;
export const ARTICLE_STATUSES = ['published', 'draft', 'unpublished'] as const;

export const articleListQuery = z.strictObject({
  q: text({ trim: true, max: 200 }).optional(),
  categoryId: uuid().optional(),
  /** Titles shown in this language; with `status`, the status of this language. */
  language: languageCode().optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  internal: flag().optional(),
  sort: z.enum(ARTICLE_SORTS).default('updatedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  ...pagingQuery,
});

export const searchQuery = z.strictObject({
  q: text({ trim: true, min: 1, max: 500, label: 'Search' }),
  language: languageCode(),
  limit: queryInt({ min: 1, max: 50 }).default(10),
});

export const staffSearchQuery = searchQuery.extend({ audience: z.enum(KB_AUDIENCES).default('agents') });

export const articleLanguageParams = z.strictObject({ id: uuid(), language: languageCode() });
export const publicArticleParams = z.strictObject({ language: languageCode(), slug: slug() });
export const feedbackBody = z.strictObject({ language: languageCode(), helpful: z.boolean() });
