import { sql } from 'drizzle-orm';
import { rowsOf } from './events.js';
import type { Db } from '../../db/connection.js';
import type { KbAudience, KbPublicArticle, KbPublicIndex } from '../../shared/contracts/knowledge.js';
import type { KnowledgeLanguages } from './languages.js';
import { sanitizeArticleHtml, summaryOf } from './sanitize.js';
import { articleUrl } from './search.js';

interface PublishedRow extends Record<string, unknown> {
  id: string;
  slug: string;
  internal: boolean;
  category_slug: string;
  category_names: Record<string, string>;
  title: string;
  body: string;
  text: string;
  published_at: string | Date;
  languages: string[];
}

/** A category's name in `language`, else English, else its slug. */
export const categoryName = (c: { slug: string; names: Record<string, string> }, language: string) =>
  c.names[language] || c.names.en || c.slug;

/**
 * What readers see: published translations only, internal articles only for agents. The help
 * centre's pages and the widget's and cabinet's article JSON are built from these.
 */
export class KnowledgeReads {
  constructor(
    private readonly db: Db,
    private readonly languages: KnowledgeLanguages,
  ) {}

  /** The categories that have public articles published in `language`, with those articles. */
  async index(language: string, categorySlug?: string): Promise<KbPublicIndex> {
    const rows = await rowsOf<{
      category_slug: string;
      category_names: Record<string, string>;
      slug: string;
      title: string;
      id: string;
    }>(
      this.db,
      sql`
      select c.slug as category_slug, c.names as category_names, a.slug, a.id, t.published_title as title
      from knowledge_translations t
      join knowledge_articles a on a.id = t.article_id
      join knowledge_categories c on c.id = a.category_id
      where t.language = ${language} and t.published_version is not null and not a.internal
        ${categorySlug ? sql`and c.slug = ${categorySlug}` : sql``}
      order by c.position, c.slug, t.published_title`,
    );
    const categories = new Map<string, KbPublicIndex['categories'][number]>();
    for (const r of rows) {
      let c = categories.get(r.category_slug);
      if (!c) {
        c = {
          slug: r.category_slug,
          name: categoryName({ slug: r.category_slug, names: r.category_names }, language),
          articles: [],
        };
        categories.set(r.category_slug, c);
      }
      c.articles.push({
        slug: r.slug,
        title: r.title,
        url: articleUrl({ id: r.id, slug: r.slug, categorySlug: r.category_slug, internal: false }, language),
      });
    }
    return { language, categories: [...categories.values()] };
  }

  /** A published article by slug in `language` (null when absent, unpublished or not for this audience). */
  async article(language: string, slug: string, audience: KbAudience): Promise<KbPublicArticle | null> {
    const rows = await rowsOf<PublishedRow>(
      this.db,
      sql`
      select a.id, a.slug, a.internal, c.slug as category_slug, c.names as category_names,
             t.published_title as title, t.published_body as body, t.published_text as text,
             t.published_at,
             array(select o.language from knowledge_translations o
                   where o.article_id = a.id and o.published_version is not null order by o.language) as languages
      from knowledge_translations t
      join knowledge_articles a on a.id = t.article_id
      join knowledge_categories c on c.id = a.category_id
      where a.slug = ${slug} and t.language = ${language} and t.published_version is not null
        ${audience === 'public' ? sql`and not a.internal` : sql``}`,
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      slug: r.slug,
      language,
      categorySlug: r.category_slug,
      categoryName: categoryName({ slug: r.category_slug, names: r.category_names }, language),
      title: r.title,
      // Sanitized on save; again here, so a body stored by an older version carries nothing else.
      body: sanitizeArticleHtml(r.body),
      summary: summaryOf(r.text),
      url: articleUrl(
        { id: r.id, slug: r.slug, categorySlug: r.category_slug, internal: r.internal },
        language,
      ),
      publishedAt: new Date(r.published_at).toISOString(),
      languages: r.languages,
    };
  }

  /** The languages that have at least one public article published, in the desk's order. */
  async publishedLanguages() {
    const [all, rows] = await Promise.all([
      this.languages.list(),
      rowsOf<{ language: string }>(
        this.db,
        sql`
        select distinct t.language from knowledge_translations t
        join knowledge_articles a on a.id = t.article_id
        where t.published_version is not null and not a.internal`,
      ),
    ]);
    const have = new Set(rows.map((r) => r.language));
    return all.filter((l) => have.has(l.code));
  }
}
