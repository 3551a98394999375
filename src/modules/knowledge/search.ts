import { sql } from 'drizzle-orm';
import { rowsOf } from './events.js';
import type { Db } from '../../db/connection.js';
import type { ArticleHit, KbAudience } from '../../shared/contracts/knowledge.js';
import type { KnowledgeLanguages } from './languages.js';
import { escapeHtml, summaryOf } from './sanitize.js';

export interface SearchOptions {
  language: string;
  audience: KbAudience;
  limit?: number;
}

/** Markers ts_headline puts around matches; plainText() strips U+E000–U+E004 from bodies, so they are ours. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';
const HEADLINE = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/** A trigram match weaker than this is no match (word_similarity of the query to title + keywords). */
export const TRIGRAM_MIN = 0.3;
const QUERY_MAX = 500;

/** The public help-centre path of an article; agents' articles open in the workspace. */
export function articleUrl(
  a: { id: string; slug: string; categorySlug: string; internal: boolean },
  language: string,
) {
  return a.internal
    ? `/knowledge/articles/${a.id}?language=${encodeURIComponent(language)}`
    : `/help/${encodeURIComponent(language)}/${a.categorySlug}/${a.slug}`;
}

/**
 * ts_headline's parser takes `<…>` for tags and `&…;` for entities and drops them, so the text goes
 * in with those three characters swapped for private-use ones (PROTECT) and comes back through here.
 */
const PROTECT = '\uE002\uE003\uE004';
const UNPROTECT: Record<string, string> = { '\uE002': '<', '\uE003': '>', '\uE004': '&' };

/** ts_headline's output with our markers: everything escaped, the markers turned into <mark>. */
export function markSnippet(raw: string): string {
  const text = raw.replace(/[\uE002-\uE004]/g, (c) => UNPROTECT[c]!);
  return escapeHtml(text).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

interface Row extends Record<string, unknown> {
  article_id: string;
  slug: string;
  internal: boolean;
  category_slug: string;
  title: string;
  text: string;
  headline: string | null;
  rank: number;
  coverage: number;
  similarity: number;
  fulltext: boolean;
}

/**
 * The knowledge base's search (the face the bot, the help centre, the widget and the composer use):
 * PostgreSQL full-text search in the language's configuration (stemmed: Russian case endings,
 * Indonesian affixes…) over published translations, any of the query's words matching (OR), ranked
 * by ts_rank_cd; plus a pg_trgm fallback on title and keywords for typos and words the stemmer
 * cannot reach. Hits are ordered by how much of the query they cover, then trigram similarity, then
 * rank.
 */
export class KnowledgeBase {
  constructor(
    private readonly db: Db,
    private readonly languages: KnowledgeLanguages,
  ) {}

  async search(query: string, opts: SearchOptions): Promise<ArticleHit[]> {
    const q = query
      .replace(/[\uE000-\uE004\\]/g, ' ')
      .trim()
      .slice(0, QUERY_MAX);
    if (q === '') return [];
    const lang = await this.languages.get(opts.language);
    if (!lang) return [];
    const limit = Math.max(1, Math.min(opts.limit ?? 10, 50));
    const cfg = lang.searchConfig;
    const rows = await rowsOf<Row>(
      this.db,
      sql`
      with q as (
        select array(select distinct unnest(tsvector_to_array(to_tsvector(${cfg}::regconfig, ${q})))) as lex,
               nullif(regexp_replace(plainto_tsquery(${cfg}::regconfig, ${q})::text,
                                     ' (&|<[0-9]*>|<->) ', ' | ', 'g'), '')::tsquery as tsq,
               lower(${q}) as lq
      ), hits as (
        select t.article_id, a.slug, a.internal, c.slug as category_slug, t.published_title as title,
               t.published_text as text, t.tsv, q.tsq,
               coalesce(q.tsq is not null and t.tsv @@ q.tsq, false) as fulltext,
               coalesce(case when q.tsq is null then 0 else ts_rank_cd(t.tsv, q.tsq) end, 0) as rank,
               case when cardinality(q.lex) = 0 then 0
                    else (select count(*) from unnest(q.lex) l where l = any(tsvector_to_array(t.tsv)))::float8
                         / cardinality(q.lex) end as coverage,
               word_similarity(q.lq, t.search_title)::float8 as similarity
        from knowledge_translations t
        join knowledge_articles a on a.id = t.article_id
        join knowledge_categories c on c.id = a.category_id
        cross join q
        where t.language = ${lang.code} and t.published_version is not null
          ${opts.audience === 'public' ? sql`and not a.internal` : sql``}
      )
      select article_id, slug, internal, category_slug, title, text, rank::float8 as rank, coverage, similarity,
             fulltext,
             case when fulltext then ts_headline(${cfg}::regconfig, translate(text, '<>&', ${PROTECT}), tsq, ${HEADLINE})
             end as headline
      from hits
      where fulltext or similarity >= ${TRIGRAM_MIN}
      order by (coverage * 0.6 + similarity * 0.4) desc, rank desc, title
      limit ${limit}`,
    );
    return rows.map((r) => ({
      articleId: r.article_id,
      slug: r.slug,
      language: lang.code,
      title: r.title,
      snippet: r.headline ? markSnippet(r.headline) : escapeHtml(summaryOf(r.text, 200)),
      summary: summaryOf(r.text),
      url: articleUrl(
        { id: r.article_id, slug: r.slug, categorySlug: r.category_slug, internal: r.internal },
        lang.code,
      ),
      rank: Number(r.rank),
      coverage: Number(r.coverage),
      similarity: Number(r.similarity),
      matchedBy: r.fulltext ? 'fulltext' : 'trigram',
      internal: r.internal,
      categorySlug: r.category_slug,
    }));
  }
}
