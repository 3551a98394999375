import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { staffNamesByIds, teamNames } from '../identity/index.js';

export { staffNamesByIds };

/** id → name of these teams (identity's relation). */
export async function teamNamesByIds(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter(Boolean);
  if (!unique.length) return new Map();
  const t = teamNames();
  const rows = await db.select({ id: t.id, name: t.name }).from(t).where(inArray(t.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
