import { asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import { changedFields } from '../../core/changes.js';
import { conflict, notFound } from '../../core/errors.js';
import type { Db, Executor } from '../../db/connection.js';
import type { KbCategory } from '../../shared/contracts/knowledge.js';
import { appendKnowledgeEvent, isUniqueViolation } from './events.js';
import type { KnowledgeLanguages } from './languages.js';
import { knowledgeArticles, knowledgeCategories } from './schema.js';

export interface CategoryInput {
  slug: string;
  names: Record<string, string>;
  position?: number;
}

const slugTaken = () => conflict('slug_taken', 'Another category has this slug', 'slug');

/** Help-centre sections: a slug for the URL and a name per language. */
export class KnowledgeCategories {
  constructor(
    private readonly db: Db,
    private readonly languages: KnowledgeLanguages,
  ) {}

  async list(tx: Executor = this.db): Promise<KbCategory[]> {
    return tx
      .select({
        id: knowledgeCategories.id,
        slug: knowledgeCategories.slug,
        names: knowledgeCategories.names,
        position: knowledgeCategories.position,
        articles: sql<number>`(select count(*)::int from ${knowledgeArticles} a where a.category_id = ${knowledgeCategories.id})`,
      })
      .from(knowledgeCategories)
      .orderBy(asc(knowledgeCategories.position), asc(knowledgeCategories.slug));
  }

  async bySlug(slug: string, tx: Executor = this.db) {
    const [row] = await tx.select().from(knowledgeCategories).where(eq(knowledgeCategories.slug, slug));
    return row ?? null;
  }

  async create(actor: Actor, input: CategoryInput): Promise<{ id: string }> {
    try {
      return await this.db.transaction(async (tx) => {
        await this.checkNames(tx, input.names);
        const [row] = await tx
          .insert(knowledgeCategories)
          .values({ slug: input.slug, names: input.names, position: input.position ?? 0 })
          .returning({ id: knowledgeCategories.id });
        await appendKnowledgeEvent(tx, actor, {
          type: 'knowledge.settings_changed',
          subjectType: 'knowledge_category',
          subjectId: row!.id,
          payload: { area: 'category', action: 'created', id: row!.id, changes: { ...input } },
        });
        return row!;
      });
    } catch (e) {
      throw isUniqueViolation(e) ? slugTaken() : e;
    }
  }

  async update(actor: Actor, id: string, patch: Partial<CategoryInput>): Promise<void> {
    try {
      await this.db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(knowledgeCategories)
          .where(eq(knowledgeCategories.id, id))
          .for('update');
        if (!before) throw notFound('Category');
        if (patch.names) await this.checkNames(tx, patch.names);
        const changes = changedFields(before, patch);
        if (Object.keys(changes).length === 0) return;
        await tx.update(knowledgeCategories).set(patch).where(eq(knowledgeCategories.id, id));
        await appendKnowledgeEvent(tx, actor, {
          type: 'knowledge.settings_changed',
          subjectType: 'knowledge_category',
          subjectId: id,
          payload: { area: 'category', action: 'updated', id, changes },
        });
      });
    } catch (e) {
      throw isUniqueViolation(e) ? slugTaken() : e;
    }
  }

  private async checkNames(tx: Executor, names: Record<string, string>): Promise<void> {
    for (const code of Object.keys(names)) await this.languages.require(code, tx, `names.${code}`);
  }
}
