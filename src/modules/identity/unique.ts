import { and, ne, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/connection.js';

/**
 * Whether a row other than `exceptId` already holds `value` in `column`, ignoring case (as the unique
 * index on `lower(column)` does), so a clash is a clear 409 before the index refuses it.
 */
export async function heldByAnother(
  tx: Executor,
  table: PgTable,
  cols: { id: PgColumn; value: PgColumn },
  value: string,
  exceptId?: string,
): Promise<boolean> {
  const same = sql`lower(${cols.value}) = ${value.toLowerCase()}`;
  const [taken] = await tx
    .select({ id: cols.id })
    .from(table)
    .where(exceptId ? and(same, ne(cols.id, exceptId)) : same)
    .limit(1);
  return taken !== undefined;
}
