import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';

export interface OnlineFlip {
  clientId: string;
  /** The flag now: when the client came online, or null (offline). */
  onlineSince: Date | null;
  wasOnline: boolean;
}

type Rows = { rows: Record<string, unknown>[] };

/**
 * The lock refreshClientsOnline takes first, as a query a caller may run as a (materialized, referenced)
 * CTE of its own statement; it must come before the call, in an earlier statement.
 */
export const onlineLock = (clientIds: readonly string[]): SQL =>
  sql`select id from clients where id = any(${sql.param([...clientIds])}::uuid[]) order by id for no key update`;

/**
 * Sets or clears the clients' Online flag (`online_since`) in the caller's transaction, for many
 * clients at once, and returns the clients whose flag flipped. The value is the caller's to know — a
 * client is Online while any live account is, and the accounts are trading's — so the caller passes
 * `onlineSince(clientId)`: a scalar SQL expression of when the client came online (null = offline),
 * evaluated per client inside the one UPDATE.
 *
 * Lock first, in id order, in its own statement: the UPDATE that evaluates the expression then starts
 * after any concurrent change to these clients' accounts has committed, so it sees them (ingestion and
 * the presence sweep both rely on this ordering). NO KEY UPDATE leaves foreign-key inserts (tasks,
 * alerts, notes on the client) unblocked. Two statements per call, whatever the number of clients.
 *
 * A caller that has taken the lock already, in an earlier statement of its own (`onlineLock`, e.g. as
 * a CTE of a statement it runs anyway), passes `{ locked: true }` and saves the round trip.
 */
export async function refreshClientsOnline(
  tx: Executor,
  clientIds: readonly string[],
  onlineSince: (clientId: SQL) => SQL,
  opts: { locked?: boolean } = {},
): Promise<OnlineFlip[]> {
  if (!clientIds.length) return [];
  const ids = sql.param([...clientIds]);
  if (!opts.locked) await tx.execute(onlineLock(clientIds));
  const { rows } = (await tx.execute(
    sql`with now_online as (
          select c.id, ${onlineSince(sql`c.id`)} as since, c.online_since as before
          from clients c where c.id = any(${ids}::uuid[])
        )
        update clients c set online_since = n.since
        from now_online n
        where c.id = n.id and (c.online_since is distinct from n.since)
        returning c.id, c.online_since, n.before`,
  )) as unknown as Rows;
  return rows.map((r) => ({
    clientId: String(r.id),
    onlineSince: r.online_since ? new Date(r.online_since as string) : null,
    wasOnline: r.before !== null,
  }));
}
