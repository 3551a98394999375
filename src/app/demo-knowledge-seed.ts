import { count } from 'drizzle-orm';
import { knowledgeArticles } from '../modules/knowledge/schema.js';
import type { AppContext } from './context.js';
import { DEMO_KB_ARTICLES, DEMO_KB_CATEGORIES } from './demo-knowledge-articles.js';

/** The seed acts as the system (no staff member); the events say so. */
const SYSTEM = { id: null, ip: null };

/**
 * The demo help centre: DEMO_KB_CATEGORIES and DEMO_KB_ARTICLES (src/app/demo-knowledge-articles.ts)
 * inserted through the knowledge services and published in every language, on a knowledge base with
 * no articles yet (so a demo made before the knowledge base gets one, and a second start adds none).
 * Returns the number of articles created.
 */
export async function seedDemoKnowledge(ctx: AppContext): Promise<number> {
  const db = ctx.database.db;
  const [{ n }] = (await db.select({ n: count() }).from(knowledgeArticles)) as [{ n: number }];
  if (n > 0) return 0;
  await ctx.knowledgeLanguages.ensureDefaults();
  const categoryIds = new Map<string, string>();
  for (const [position, c] of DEMO_KB_CATEGORIES.entries()) {
    const existing = await ctx.knowledgeCategories.bySlug(c.slug);
    const id =
      existing?.id ??
      (await ctx.knowledgeCategories.create(SYSTEM, { slug: c.slug, names: c.names, position })).id;
    categoryIds.set(c.slug, id);
  }
  for (const a of DEMO_KB_ARTICLES) {
    const categoryId = categoryIds.get(a.category);
    if (!categoryId) throw new Error(`demo article ${a.slug}: unknown category ${a.category}`);
    const { id } = await ctx.knowledgeArticles.create(SYSTEM, {
      categoryId,
      slug: a.slug,
      internal: a.internal ?? false,
      translations: a.translations,
    });
    for (const language of Object.keys(a.translations))
      await ctx.knowledgeArticles.publish(SYSTEM, id, language);
  }
  return DEMO_KB_ARTICLES.length;
}
