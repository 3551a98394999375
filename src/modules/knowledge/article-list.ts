import { sql, type SQL } from 'drizzle-orm';
import { pageOffset, type Paging } from '../../core/paging.js';
import { rowsOf } from './events.js';
import type { Db } from '../../db/connection.js';
import type { KbArticleSummary } from '../../shared/contracts/knowledge.js';
import type { ARTICLE_SORTS, ARTICLE_STATUSES } from './contracts.js';

export interface ArticleFilter extends Paging {
  q?: string | undefined;
  categoryId?: string | undefined;
  language?: string | undefined;
  status?: (typeof ARTICLE_STATUSES)[number] | undefined;
  internal?: boolean | undefined;
  sort: (typeof ARTICLE_SORTS)[number];
  order: 'asc' | 'desc';
}

interface Row extends Record<string, unknown> {
  id: string;
  slug: string;
  category_id: string;
  category_slug: string;
  internal: boolean;
  title: string;
  languages: string[];
  published_languages: string[];
  helpful: number;
  not_helpful: number;
  updated_at: string | Date;
  total: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The staff article list: filters, sort and paging in one statement (ties broken by id). */
export async function listArticles(
  db: Db,
  f: ArticleFilter,
): Promise<{ items: KbArticleSummary[]; total: number }> {
  const lang = f.language ?? 'en';
  const where: SQL[] = [sql`true`];
  if (f.categoryId) where.push(sql`a.category_id = ${f.categoryId}`);
  if (f.internal !== undefined) where.push(sql`a.internal = ${f.internal}`);
  if (f.q) {
    const like = `%${escapeLike(f.q.toLowerCase())}%`;
    where.push(sql`(a.slug like ${like} or exists (select 1 from knowledge_translations s
      where s.article_id = a.id and lower(s.title) like ${like}))`);
  }
  const inLang = f.language ? sql`and s.language = ${f.language}` : sql``;
  if (f.language && !f.status)
    where.push(sql`exists (select 1 from knowledge_translations s where s.article_id = a.id ${inLang})`);
  if (f.status === 'published')
    where.push(sql`exists (select 1 from knowledge_translations s where s.article_id = a.id
      and s.published_version is not null ${inLang})`);
  if (f.status === 'unpublished')
    where.push(sql`not exists (select 1 from knowledge_translations s where s.article_id = a.id
      and s.published_version is not null ${inLang})`);
  if (f.status === 'draft')
    where.push(sql`exists (select 1 from knowledge_translations s where s.article_id = a.id ${inLang}
      and (s.published_version is null or s.title is distinct from s.published_title
           or s.body is distinct from s.published_body or s.keywords is distinct from s.published_keywords))`);
  const dir = f.order === 'asc' ? sql`asc` : sql`desc`;
  const sortBy = {
    title: sql`lower(title)`,
    updatedAt: sql`updated_at`,
    helpful: sql`helpful`,
    notHelpful: sql`not_helpful`,
    slug: sql`slug`,
  }[f.sort];
  const rows = await rowsOf<Row>(
    db,
    sql`
    with base as (
      select a.id, a.slug, a.category_id, c.slug as category_slug, a.internal, a.updated_at,
        coalesce((select s.title from knowledge_translations s where s.article_id = a.id
                  order by (s.language = ${lang}) desc, (s.language = 'en') desc, s.language limit 1), a.slug) as title,
        array(select s.language from knowledge_translations s where s.article_id = a.id order by s.language) as languages,
        array(select s.language from knowledge_translations s where s.article_id = a.id
              and s.published_version is not null order by s.language) as published_languages,
        (select count(*) from knowledge_feedback fb where fb.article_id = a.id and fb.helpful)::int as helpful,
        (select count(*) from knowledge_feedback fb where fb.article_id = a.id and not fb.helpful)::int as not_helpful
      from knowledge_articles a join knowledge_categories c on c.id = a.category_id
      where ${sql.join(where, sql` and `)}
    )
    select *, count(*) over ()::int as total from base
    order by ${sortBy} ${dir}, id
    limit ${f.pageSize} offset ${pageOffset(f)}`,
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      categoryId: r.category_id,
      categorySlug: r.category_slug,
      internal: r.internal,
      title: r.title,
      languages: r.languages,
      publishedLanguages: r.published_languages,
      helpful: r.helpful,
      notHelpful: r.not_helpful,
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
  };
}
