import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { changedFields } from '../../core/changes.js';
import { badRequest, conflict, notFound } from '../../core/errors.js';
import type { Db, Executor } from '../../db/connection.js';
import type { KbArticleDetail } from '../../shared/contracts/knowledge.js';
import { listArticles, type ArticleFilter } from './article-list.js';
import { appendKnowledgeEvent, isUniqueViolation, rowsOf } from './events.js';
import type { KnowledgeLanguages } from './languages.js';
import { plainText, sanitizeArticleHtml } from './sanitize.js';
import {
  knowledgeArticles,
  knowledgeCategories,
  knowledgeTranslations,
  knowledgeVersions,
} from './schema.js';

export interface TranslationInput {
  title: string;
  /** HTML; sanitized before it is stored. */
  body: string;
  keywords?: string;
}

export interface ArticleInput {
  categoryId: string;
  slug: string;
  internal?: boolean;
  translations?: Record<string, TranslationInput>;
}

export interface ArticlePatch {
  categoryId?: string;
  slug?: string;
  internal?: boolean;
}

const slugTaken = () => conflict('slug_taken', 'Another article has this slug', 'slug');

/**
 * The editor's side of the knowledge base: articles, each language's draft, publishing (a new
 * version, copied to the published columns and indexed for search in the language's configuration)
 * and unpublishing. Every change appends its event in the same transaction.
 */
export class KnowledgeArticles {
  constructor(
    private readonly db: Db,
    private readonly languages: KnowledgeLanguages,
  ) {}

  async create(actor: Actor, input: ArticleInput): Promise<{ id: string }> {
    try {
      return await this.db.transaction(async (tx) => {
        await this.requireCategory(tx, input.categoryId);
        const [row] = await tx
          .insert(knowledgeArticles)
          .values({
            categoryId: input.categoryId,
            slug: input.slug,
            internal: input.internal ?? false,
            createdBy: actor.id,
          })
          .returning({ id: knowledgeArticles.id });
        const id = row!.id;
        await appendKnowledgeEvent(tx, actor, {
          type: 'knowledge.article_created',
          subjectType: 'knowledge_article',
          subjectId: id,
          payload: { articleId: id, slug: input.slug },
        });
        for (const [language, t] of Object.entries(input.translations ?? {}))
          await this.writeDraft(tx, actor, id, input.slug, language, t);
        return { id };
      });
    } catch (e) {
      throw isUniqueViolation(e) ? slugTaken() : e;
    }
  }

  async update(actor: Actor, id: string, patch: ArticlePatch): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        const before = await this.lock(tx, id);
        if (patch.categoryId) await this.requireCategory(tx, patch.categoryId);
        const changes = changedFields(before, patch);
        if (Object.keys(changes).length === 0) return;
        await tx
          .update(knowledgeArticles)
          .set({ ...patch, updatedAt: sql`now()` })
          .where(eq(knowledgeArticles.id, id));
        await appendKnowledgeEvent(tx, actor, {
          type: 'knowledge.article_updated',
          subjectType: 'knowledge_article',
          subjectId: id,
          payload: { articleId: id, slug: patch.slug ?? before.slug, language: null, changes },
        });
      });
    } catch (e) {
      throw isUniqueViolation(e) ? slugTaken() : e;
    }
  }

  /** Saves a language's draft (creating the translation); the published copy is untouched. */
  async saveDraft(actor: Actor, id: string, language: string, input: TranslationInput): Promise<void> {
    await this.db.transaction(async (tx) => {
      const article = await this.lock(tx, id);
      await this.writeDraft(tx, actor, id, article.slug, language, input);
    });
  }

  /** Publishes a language's draft as its next version. */
  async publish(actor: Actor, id: string, language: string): Promise<{ version: number }> {
    return this.db.transaction(async (tx) => {
      const article = await this.lock(tx, id);
      const lang = await this.languages.require(language, tx);
      const t = await this.translation(tx, id, language);
      if (!t) throw notFound('Translation');
      if (t.title.trim() === '' || plainText(t.body) === '')
        throw badRequest('translation_empty', 'Write a title and a body before publishing', 'body');
      const [{ version }] = (await rowsOf<{ version: number }>(
        tx,
        sql`select coalesce(max(version), 0)::int + 1 as version from ${knowledgeVersions}
            where article_id = ${id} and language = ${language}`,
      )) as [{ version: number }];
      const text = plainText(t.body);
      const cfg = lang.searchConfig;
      await tx.execute(sql`
        update knowledge_translations set
          published_version = ${version}, published_title = title, published_body = body,
          published_keywords = keywords, published_text = ${text}, published_at = now(),
          search_config = ${cfg}, search_title = lower(title || ' ' || keywords),
          tsv = setweight(to_tsvector(${cfg}::regconfig, title || ' ' || keywords), 'A')
             || setweight(to_tsvector(${cfg}::regconfig, ${text}), 'D')
        where article_id = ${id} and language = ${language}`);
      await tx.insert(knowledgeVersions).values({
        articleId: id,
        language,
        version,
        title: t.title,
        body: t.body,
        keywords: t.keywords,
        publishedBy: actor.id,
      });
      await this.touch(tx, id);
      await appendKnowledgeEvent(tx, actor, {
        type: 'knowledge.article_published',
        subjectType: 'knowledge_article',
        subjectId: id,
        payload: { articleId: id, slug: article.slug, language, version },
      });
      return { version };
    });
  }

  /** Takes a language off the help centre and out of search; the draft and the history stay. */
  async unpublish(actor: Actor, id: string, language: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const article = await this.lock(tx, id);
      const t = await this.translation(tx, id, language);
      if (!t || t.publishedVersion === null)
        throw conflict('not_published', 'This language is not published', 'language');
      await tx
        .update(knowledgeTranslations)
        .set({
          publishedVersion: null,
          publishedTitle: null,
          publishedBody: null,
          publishedKeywords: null,
          publishedText: null,
          publishedAt: null,
          tsv: null,
          searchTitle: null,
        })
        .where(and(eq(knowledgeTranslations.articleId, id), eq(knowledgeTranslations.language, language)));
      await this.touch(tx, id);
      await appendKnowledgeEvent(tx, actor, {
        type: 'knowledge.article_unpublished',
        subjectType: 'knowledge_article',
        subjectId: id,
        payload: { articleId: id, slug: article.slug, language },
      });
    });
  }

  /**
   * Deletes an article that no language publishes (unpublish first: a published one may be linked
   * from replies and the bot's answers). Its drafts, versions and feedback go with it; the event keeps
   * the slug and the titles for the audit trail.
   */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const article = await this.lock(tx, id);
      const ts = await tx.select().from(knowledgeTranslations).where(eq(knowledgeTranslations.articleId, id));
      const live = ts.filter((t) => t.publishedVersion !== null).map((t) => t.language);
      if (live.length)
        throw conflict('article_published', 'Unpublish every language before deleting the article', 'id', {
          languages: live,
        });
      await tx.delete(knowledgeArticles).where(eq(knowledgeArticles.id, id));
      await appendKnowledgeEvent(tx, actor, {
        type: 'knowledge.article_deleted',
        subjectType: 'knowledge_article',
        subjectId: id,
        payload: {
          articleId: id,
          slug: article.slug,
          titles: Object.fromEntries(ts.map((t) => [t.language, t.title])),
        },
      });
    });
  }

  /** The staff list: filters, sort, paging. */
  list(filter: ArticleFilter) {
    return listArticles(this.db, filter);
  }

  async detail(id: string, tx: Executor = this.db): Promise<KbArticleDetail> {
    const [a] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id));
    if (!a) throw notFound('Article');
    const ts = await tx
      .select()
      .from(knowledgeTranslations)
      .where(eq(knowledgeTranslations.articleId, id))
      .orderBy(asc(knowledgeTranslations.language));
    const fb = await rowsOf<{ language: string; helpful: number; not_helpful: number }>(
      tx,
      sql`
      select language, count(*) filter (where helpful)::int as helpful,
             count(*) filter (where not helpful)::int as not_helpful
      from knowledge_feedback where article_id = ${id} group by language`,
    );
    return {
      id: a.id,
      slug: a.slug,
      categoryId: a.categoryId,
      internal: a.internal,
      createdAt: a.createdAt.toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      translations: ts.map((t) => ({
        language: t.language,
        title: t.title,
        body: t.body,
        keywords: t.keywords,
        draftUpdatedAt: t.draftUpdatedAt.toISOString(),
        publishedVersion: t.publishedVersion,
        publishedAt: t.publishedAt?.toISOString() ?? null,
        unpublishedChanges:
          t.publishedVersion === null ||
          t.title !== t.publishedTitle ||
          t.body !== t.publishedBody ||
          t.keywords !== t.publishedKeywords,
      })),
      feedback: Object.fromEntries(
        fb.map((r) => [r.language, { helpful: r.helpful, notHelpful: r.not_helpful }]),
      ),
    };
  }

  async versions(id: string) {
    await this.detail(id);
    const rows = await this.db
      .select()
      .from(knowledgeVersions)
      .where(eq(knowledgeVersions.articleId, id))
      .orderBy(asc(knowledgeVersions.language), asc(knowledgeVersions.version));
    return rows.map((v) => ({
      language: v.language,
      version: v.version,
      title: v.title,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: v.publishedBy,
    }));
  }

  private async writeDraft(
    tx: Executor,
    actor: Actor,
    id: string,
    slug: string,
    language: string,
    input: TranslationInput,
  ): Promise<void> {
    await this.languages.require(language, tx);
    const draft = {
      title: input.title,
      body: sanitizeArticleHtml(input.body),
      keywords: input.keywords ?? '',
    };
    const before = await this.translation(tx, id, language);
    const changes = changedFields(before ?? { title: null, body: null, keywords: null }, draft);
    if (before && Object.keys(changes).length === 0) return;
    await tx
      .insert(knowledgeTranslations)
      .values({ articleId: id, language, ...draft, draftUpdatedBy: actor.id })
      .onConflictDoUpdate({
        target: [knowledgeTranslations.articleId, knowledgeTranslations.language],
        set: { ...draft, draftUpdatedAt: sql`now()`, draftUpdatedBy: actor.id },
      });
    await this.touch(tx, id);
    // The body itself is not copied into the event (it can be long); which fields changed is.
    const summary = Object.fromEntries(
      Object.entries(changes).map(([k, v]) => [k, k === 'body' ? { from: null, to: null } : v]),
    );
    await appendKnowledgeEvent(tx, actor, {
      type: 'knowledge.article_updated',
      subjectType: 'knowledge_article',
      subjectId: id,
      payload: { articleId: id, slug, language, changes: summary },
    });
  }

  private async translation(tx: Executor, id: string, language: string) {
    const [t] = await tx
      .select()
      .from(knowledgeTranslations)
      .where(and(eq(knowledgeTranslations.articleId, id), eq(knowledgeTranslations.language, language)))
      .for('update');
    return t ?? null;
  }

  private async lock(tx: Executor, id: string) {
    const [a] = await tx.select().from(knowledgeArticles).where(eq(knowledgeArticles.id, id)).for('update');
    if (!a) throw notFound('Article');
    return a;
  }

  private async touch(tx: Executor, id: string) {
    await tx
      .update(knowledgeArticles)
      .set({ updatedAt: sql`now()` })
      .where(eq(knowledgeArticles.id, id));
  }

  private async requireCategory(tx: Executor, categoryId: string) {
    const [c] = await tx
      .select({ id: knowledgeCategories.id })
      .from(knowledgeCategories)
      .where(eq(knowledgeCategories.id, categoryId));
    if (!c) throw badRequest('category_unknown', 'No such category', 'categoryId');
  }
}
