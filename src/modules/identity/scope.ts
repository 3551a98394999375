import { and, eq, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Viewer } from '../../core/events.js';

/** The columns a client-owning table exposes for record-level visibility. */
export interface ScopedColumns {
  managerId: Column;
  teamId: Column;
}

/**
 * The single answer to "which clients may this staff member see?", as a SQL condition to AND into every
 * query that lists or reads clients: own → managed by them; team → managed within their team (or by
 * them); all → no restriction.
 */
export function clientScope(viewer: Viewer, cols: ScopedColumns): SQL {
  switch (viewer.scope) {
    case 'all':
      return sql`true`;
    case 'team':
      return viewer.teamId
        ? (or(eq(cols.teamId, viewer.teamId), eq(cols.managerId, viewer.id)) as SQL)
        : eq(cols.managerId, viewer.id);
    case 'own':
      return eq(cols.managerId, viewer.id);
  }
}

/** The same rule for one record already in memory (e.g. deciding on a pushed event). */
export function canSeeClient(
  viewer: Viewer,
  client: { managerId: string | null; teamId: string | null },
): boolean {
  if (viewer.scope === 'all') return true;
  if (client.managerId === viewer.id) return true;
  return viewer.scope === 'team' && viewer.teamId !== null && client.teamId === viewer.teamId;
}

export const withScope = (viewer: Viewer, cols: ScopedColumns, where?: SQL): SQL =>
  where ? (and(clientScope(viewer, cols), where) as SQL) : clientScope(viewer, cols);
