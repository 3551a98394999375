import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { staffUsers } from '../identity/schema.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const instant = (name: string) => timestamp(name, { withTimezone: true });

/** PostgreSQL's tsvector, written by the service (the language's regconfig is per row). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The languages articles are written in: the desk's four and any an admin adds, each with the
 * full-text configuration its search uses (a row of pg_ts_config; 'simple' when Postgres has none).
 */
export const knowledgeLanguages = pgTable(
  'knowledge_languages',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    searchConfig: text('search_config').notNull().default('simple'),
    rtl: boolean('rtl').notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [check('knowledge_languages_code_ck', sql`${t.code} ~ '^[a-z]{2,3}(-[a-z0-9]{2,8})?$'`)],
);

/** A help-centre section; its name in each language (language code → name). */
export const knowledgeCategories = pgTable('knowledge_categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  names: jsonb('names').$type<Record<string, string>>().notNull().default({}),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
});

/** An article: its place and whether only agents may read it; the words are in its translations. */
export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => knowledgeCategories.id),
    slug: text('slug').notNull().unique(),
    /** Agents only: never in the help centre, the widget, the cabinet or the bot's public answers. */
    internal: boolean('internal').notNull().default(false),
    createdBy: uuid('created_by').references(() => staffUsers.id),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [index('knowledge_articles_category_idx').on(t.categoryId)],
);

/**
 * One language of an article: the draft being edited, and the published copy the help centre and the
 * search read (null until published; unpublishing clears it). `tsv` is the published copy's search
 * vector in the language's configuration: title and keywords weight A, body weight D.
 */
export const knowledgeTranslations = pgTable(
  'knowledge_translations',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    language: text('language')
      .notNull()
      .references(() => knowledgeLanguages.code),
    title: text('title').notNull(),
    body: text('body').notNull(),
    keywords: text('keywords').notNull().default(''),
    draftUpdatedAt: instant('draft_updated_at').notNull().defaultNow(),
    draftUpdatedBy: uuid('draft_updated_by').references(() => staffUsers.id),
    publishedVersion: integer('published_version'),
    publishedTitle: text('published_title'),
    publishedBody: text('published_body'),
    publishedKeywords: text('published_keywords'),
    /** The published body as plain text (snippets, summaries, trigram fallback). */
    publishedText: text('published_text'),
    publishedAt: instant('published_at'),
    searchConfig: text('search_config').notNull().default('simple'),
    tsv: tsvector('tsv'),
    /** Lower-cased published title and keywords, what the trigram fallback compares with. */
    searchTitle: text('search_title'),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.language] }),
    index('knowledge_translations_tsv_idx').using('gin', t.tsv),
    index('knowledge_translations_trgm_idx').using('gin', sql`${t.searchTitle} gin_trgm_ops`),
    index('knowledge_translations_language_idx').on(t.language),
  ],
);

/** Every published copy, kept: the version history of a translation. */
export const knowledgeVersions = pgTable(
  'knowledge_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    keywords: text('keywords').notNull(),
    publishedBy: uuid('published_by').references(() => staffUsers.id),
    publishedAt: createdAt(),
  },
  (t) => [uniqueIndex('knowledge_versions_uq').on(t.articleId, t.language, t.version)],
);

/** "Was this helpful?" answers, one row each (a visitor's repeat within a day replaces their answer). */
export const knowledgeFeedback = pgTable(
  'knowledge_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    helpful: boolean('helpful').notNull(),
    /** SHA-256 of the visitor's address, the article and the day: one answer per visitor a day. */
    voterKey: text('voter_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('knowledge_feedback_voter_uq').on(t.voterKey),
    index('knowledge_feedback_article_idx').on(t.articleId),
  ],
);

/** Images for article bodies: bytes in `<DATA_DIR>/knowledge-files/<sha256>`, type sniffed from them. */
export const knowledgeFiles = pgTable('knowledge_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  sha256: text('sha256').notNull(),
  fileName: text('file_name').notNull(),
  mimeType: text('mime_type').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  uploadedBy: uuid('uploaded_by').references(() => staffUsers.id),
  createdAt: createdAt(),
});
