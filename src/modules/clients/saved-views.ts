import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { notFound } from '../../core/errors.js';
import { savedViews } from './schema.js';

/** Each member's own saved views of the client list (name and filters). */
export class SavedViews {
  constructor(private readonly db: Db) {}

  async list(ownerId: string) {
    const rows = await this.db
      .select()
      .from(savedViews)
      .where(eq(savedViews.ownerId, ownerId))
      .orderBy(asc(savedViews.name));
    return { items: rows.map((v) => ({ id: v.id, name: v.name, filters: v.filters })) };
  }

  async save(ownerId: string, name: string, filters: Record<string, string>) {
    const [view] = await this.db.insert(savedViews).values({ ownerId, name, filters }).returning();
    return { id: view!.id, name: view!.name, filters: view!.filters };
  }

  async remove(ownerId: string, id: string) {
    const done = await this.db
      .delete(savedViews)
      .where(and(eq(savedViews.id, id), eq(savedViews.ownerId, ownerId)))
      .returning();
    if (!done.length) throw notFound('Saved view');
  }
}
