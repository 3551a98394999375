import type { TestServer } from '../support/server.js';
import type { TranslationInput } from '../../src/modules/knowledge/index.js';

export const SYSTEM = { id: null, ip: null };

/** A category and a published article in the given languages, straight through the services. */
export async function publishedArticle(
  server: TestServer,
  slug: string,
  translations: Record<string, TranslationInput>,
  opts: { internal?: boolean; category?: string } = {},
) {
  const { knowledgeArticles, knowledgeCategories, knowledgeLanguages } = server.ctx;
  await knowledgeLanguages.ensureDefaults();
  const categorySlug = opts.category ?? 'general';
  const category =
    (await knowledgeCategories.bySlug(categorySlug)) ??
    (await knowledgeCategories.create(SYSTEM, {
      slug: categorySlug,
      names: { en: 'General', ru: 'Общее', id: 'Umum', ar: 'عام' },
    }));
  const { id } = await knowledgeArticles.create(SYSTEM, {
    categoryId: category.id,
    slug,
    internal: opts.internal ?? false,
    translations,
  });
  for (const language of Object.keys(translations)) await knowledgeArticles.publish(SYSTEM, id, language);
  return { id, categoryId: category.id };
}
