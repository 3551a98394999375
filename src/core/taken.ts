import { and, ne, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/connection.js';

/**
 * Whether a row other than `exceptId` matches `match` (typically `lower(column) = value`, as the unique
 * index compares), so a clash is a clear 409 naming the field before the index refuses the write.
 */
export async function heldByAnother(
  tx: Executor,
  table: PgTable,
  id: PgColumn,
  match: SQL | undefined,
  exceptId?: string,
): Promise<boolean> {
  const [hit] = await tx
    .select({ id })
    .from(table)
    .where(exceptId ? and(match, ne(id, exceptId)) : match)
    .limit(1);
  return hit !== undefined;
}
