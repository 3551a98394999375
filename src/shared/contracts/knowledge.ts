import { z } from 'zod';
import { isoTime } from './common.js';

/**
 * The knowledge base's answers (src/modules/knowledge): help-centre articles, the staff editor's
 * views and search hits. Imported by the web app as types.
 */

/** The desk's four languages, present on every install; admins may add more (`languageView`). */
export const KB_DEFAULT_LANGUAGES = ['en', 'ru', 'id', 'ar'] as const;

/** Who is searching: the public (help centre, widget, cabinet, the bot) or agents (internal articles too). */
export const KB_AUDIENCES = ['public', 'agents'] as const;
export type KbAudience = (typeof KB_AUDIENCES)[number];

export const articleHit = z.object({
  articleId: z.string(),
  slug: z.string(),
  language: z.string(),
  title: z.string(),
  /** HTML: `<mark>…</mark>` around matches, everything else escaped. */
  snippet: z.string(),
  /** Plain text, the first ~300 characters of the body. */
  summary: z.string(),
  /** The public help-centre path; for an internal article the staff path. */
  url: z.string(),
  /** ts_rank_cd of the full-text match (0 when only the trigram fallback matched). */
  rank: z.number(),
  /** 0..1: the share of the query's stemmed lexemes present in the article. */
  coverage: z.number(),
  /** 0..1: pg_trgm word_similarity of the query to the title and keywords. */
  similarity: z.number(),
  matchedBy: z.enum(['fulltext', 'trigram']),
  internal: z.boolean(),
  categorySlug: z.string(),
});
export type ArticleHit = z.input<typeof articleHit>;
export const searchAnswer = z.object({ items: z.array(articleHit) });

export const languageView = z.object({
  code: z.string(),
  name: z.string(),
  searchConfig: z.string(),
  rtl: z.boolean(),
});
export type KbLanguage = z.input<typeof languageView>;
export const languageList = z.object({ items: z.array(languageView), searchConfigs: z.array(z.string()) });

export const categoryView = z.object({
  id: z.string(),
  slug: z.string(),
  names: z.record(z.string(), z.string()),
  position: z.number(),
  articles: z.number(),
});
export type KbCategory = z.input<typeof categoryView>;
export const categoryList = z.object({ items: z.array(categoryView) });

/** A translation as the editor sees it: the draft, and what is published (null until published). */
export const translationView = z.object({
  language: z.string(),
  title: z.string(),
  body: z.string(),
  keywords: z.string(),
  draftUpdatedAt: isoTime,
  publishedVersion: z.number().nullable(),
  publishedAt: isoTime.nullable(),
  /** The draft differs from the published copy (or nothing is published). */
  unpublishedChanges: z.boolean(),
});
export type KbTranslation = z.input<typeof translationView>;

export const feedbackCounts = z.object({ helpful: z.number(), notHelpful: z.number() });

export const articleSummary = z.object({
  id: z.string(),
  slug: z.string(),
  categoryId: z.string(),
  categorySlug: z.string(),
  internal: z.boolean(),
  /** The title in the requested language, else English, else any. */
  title: z.string(),
  languages: z.array(z.string()),
  publishedLanguages: z.array(z.string()),
  helpful: z.number(),
  notHelpful: z.number(),
  updatedAt: isoTime,
});
export type KbArticleSummary = z.input<typeof articleSummary>;
export const articleList = z.object({ items: z.array(articleSummary), total: z.number() });

export const articleDetail = z.object({
  id: z.string(),
  slug: z.string(),
  categoryId: z.string(),
  internal: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
  translations: z.array(translationView),
  feedback: z.record(z.string(), feedbackCounts),
});
export type KbArticleDetail = z.input<typeof articleDetail>;

/** The version a publish made. */
export const publishedAnswer = z.object({ version: z.number() });

export const versionView = z.object({
  language: z.string(),
  version: z.number(),
  title: z.string(),
  publishedAt: isoTime,
  publishedBy: z.string().nullable(),
});
export const versionList = z.object({ items: z.array(versionView) });

/** A published article for the widget and the cabinet (sanitized HTML body). */
export const publicArticle = z.object({
  id: z.string(),
  slug: z.string(),
  language: z.string(),
  categorySlug: z.string(),
  categoryName: z.string(),
  title: z.string(),
  body: z.string(),
  summary: z.string(),
  url: z.string(),
  publishedAt: isoTime,
  /** The other languages this article is published in. */
  languages: z.array(z.string()),
});
export type KbPublicArticle = z.input<typeof publicArticle>;

export const publicCategory = z.object({
  slug: z.string(),
  name: z.string(),
  articles: z.array(z.object({ slug: z.string(), title: z.string(), url: z.string() })),
});
export const publicIndex = z.object({ language: z.string(), categories: z.array(publicCategory) });
export type KbPublicIndex = z.input<typeof publicIndex>;

export const fileView = z.object({ id: z.string(), url: z.string(), mimeType: z.string(), size: z.number() });
