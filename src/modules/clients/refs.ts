import { eq, inArray } from 'drizzle-orm';
import { QueryBuilder } from 'drizzle-orm/pg-core';
import type { Viewer } from '../../core/events.js';
import { notFound } from '../../core/errors.js';
import type { Executor } from '../../db/connection.js';
import { withScope } from '../identity/index.js';
import { clients } from './schema.js';

/** One of these clients, and visible to the viewer (a WHERE condition on `clients`). */
export const visibleAmong = (viewer: Viewer, ids: readonly string[]) =>
  withScope(viewer, clients, inArray(clients.id, [...ids]));

/**
 * What other modules may read of a client, through the clients face. The `clients` table stays this
 * module's: others get these columns, by id or as a relation to join, never the table itself.
 */
const refColumns = {
  id: clients.id,
  name: clients.name,
  email: clients.email,
  phone: clients.phone,
  country: clients.country,
  language: clients.language,
  login: clients.login,
  managerId: clients.managerId,
  teamId: clients.teamId,
  status: clients.status,
  onlineSince: clients.onlineSince,
  /** Deposit trouble (declined, stuck, failed posting…), set by payments through this face. */
  paymentProblem: clients.paymentProblem,
  createdAt: clients.createdAt,
};

/** What other modules may read of a client (the columns above; `login` is the cabinet login). */
export type ClientRef = Pick<typeof clients.$inferSelect, keyof typeof refColumns>;

/**
 * The clients' shared columns as a relation another module's query may join, where one statement must
 * both read its own rows and their clients (ingestion's account lock, the alert evaluator's claim,
 * "Online now" sorted and paged by trading figures). Postgres folds it into the outer query, so the
 * plan is the one a join on the table would get. Give each use in one query its own alias.
 */
export const clientRefs = <A extends string = 'client_refs'>(alias: A = 'client_refs' as A) =>
  new QueryBuilder().select(refColumns).from(clients).as(alias);

/** A `clientRefs()` relation's columns as one selection (`select({ c: clientRefFields(rel), … })`). */
export function clientRefFields<A extends string>(rel: ReturnType<typeof clientRefs<A>>) {
  return Object.fromEntries(Object.keys(refColumns).map((k) => [k, rel[k as keyof typeof refColumns]])) as {
    [K in keyof typeof refColumns]: ReturnType<typeof clientRefs<A>>[K];
  };
}

/** Clients by id, in one query (ids that do not exist are absent). */
export async function clientRefsByIds(db: Executor, ids: readonly string[]): Promise<Map<string, ClientRef>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db.select(refColumns).from(clients).where(inArray(clients.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The client when the viewer may see it; anything out of scope is "not found", never "forbidden". */
export async function visibleClient(db: Executor, viewer: Viewer, clientId: string) {
  const [c] = await db
    .select()
    .from(clients)
    .where(withScope(viewer, clients, eq(clients.id, clientId)))
    .limit(1);
  if (!c) throw notFound('Client');
  return c;
}

/** The visibility check others use: the client's shared columns, or 404 when out of the viewer's scope. */
export async function assertClientVisible(
  db: Executor,
  viewer: Viewer,
  clientId: string,
): Promise<ClientRef> {
  const [c] = await db
    .select(refColumns)
    .from(clients)
    .where(withScope(viewer, clients, eq(clients.id, clientId)))
    .limit(1);
  if (!c) throw notFound('Client');
  return c;
}

/** The client, or 404: for a caller that has settled who may act already (a trader on their own client). */
export async function clientRef(db: Executor, clientId: string): Promise<ClientRef> {
  const c = (await clientRefsByIds(db, [clientId])).get(clientId);
  if (!c) throw notFound('Client');
  return c;
}

/**
 * Locks the client's row (FOR UPDATE) in the caller's transaction and returns it, or 404: another
 * module serialises its own per-client writes on it (trading's per-client account limit).
 */
export async function lockClient(tx: Executor, clientId: string): Promise<ClientRef> {
  const [c] = await tx
    .select(refColumns)
    .from(clients)
    .where(eq(clients.id, clientId))
    .for('update')
    .limit(1);
  if (!c) throw notFound('Client');
  return c;
}
