import { sql } from 'drizzle-orm';
import { beforeCommit } from '../db/before-commit.js';
import type { Executor } from '../db/connection.js';
import {
  isEventType,
  payloadProblem,
  type AnyNotificationType,
  type EventPayload,
  type EventType,
} from '../shared/events.js';
import { events, notifications, type Audience } from './schema.js';

export const EVENTS_CHANNEL = 'bd_events';
/** Serialises event appends so ids become visible in commit order (see appendEvents). */
const APPEND_LOCK_KEY = 7_280_001;

export type { EventType, EventPayload } from '../shared/events.js';

/** Everything of an event but its type and payload. */
export interface EventFields {
  subjectType?: string | null;
  subjectId?: string | null;
  actorId?: string | null;
  actorKind?: 'staff' | 'trader' | 'system';
  ip?: string | null;
  audience?: Audience;
  /** Staff who get a notification-centre entry (and a toast) for this event. */
  notify?: { userId: string; type?: AnyNotificationType; payload?: Record<string, unknown> }[];
}

/** A payload the catalogue's schema accepts as empty may be left out (it is stored as `{}`). */
type PayloadField<T extends EventType> =
  Record<string, never> extends EventPayload<T>
    ? { payload?: EventPayload<T> }
    : { payload: EventPayload<T> };

/**
 * An event to append: one of the catalogue's types (src/shared/events.ts) with that type's payload, so
 * an unknown type or a wrong payload fails the type check. `NewEvent<'client.created'>` is one type.
 */
export type NewEvent<T extends EventType = EventType> = T extends EventType
  ? EventFields & { type: T } & PayloadField<T>
  : never;

export interface StoredEvent {
  id: number;
  type: string;
  subjectType: string | null;
  subjectId: string | null;
  actorId: string | null;
  actorKind: string;
  ip: string | null;
  payload: Record<string, unknown>;
  audience: Audience;
  createdAt: Date;
}

/** Refuses an event the catalogue does not know or whose payload does not fit: a programming error. */
function check(e: NewEvent): void {
  if (!isEventType(e.type)) throw new Error(`appendEvents: unknown event type ${JSON.stringify(e.type)}`);
  const problem = payloadProblem(e.type, e.payload ?? {});
  if (problem) throw new Error(`appendEvents: bad payload for ${e.type}:\n${problem}`);
}

/** The events a transaction has appended so far, written just before it commits. */
const pendingOf = new WeakMap<object, NewEvent[]>();

function pendingFor(tx: Executor): NewEvent[] | null {
  let pending = pendingOf.get(tx);
  if (pending) return pending;
  pending = [];
  const list = pending;
  const flush = async () => {
    pendingOf.delete(tx); // an append after this one (there should be none) must not be lost silently
    await writeEvents(tx, list.splice(0));
  };
  if (!beforeCommit(tx, flush)) return null;
  pendingOf.set(tx, pending);
  return pending;
}

/**
 * Appends events to the caller's transaction, with their notifications. They are checked against the
 * catalogue now and written at the transaction's end, just before COMMIT (see src/db/before-commit.ts),
 * together with every other event the transaction appended, in one statement that takes the event-log
 * lock, inserts, and queues a NOTIFY that Postgres delivers only on commit (writeEvents). So the lock is
 * held for one statement and the commit, never across the transaction's other writes.
 *
 * Outside a transaction (the database handle itself) the events are written at once, in that one
 * statement's own transaction. A caller that needs the new ids uses appendEventsNow.
 */
export async function appendEvents(tx: Executor, batch: readonly NewEvent[]): Promise<void> {
  if (batch.length === 0) return;
  batch.forEach(check);
  const pending = pendingFor(tx);
  if (pending) pending.push(...batch);
  else await writeEvents(tx, batch);
}

export async function appendEvent(tx: Executor, event: NewEvent): Promise<void> {
  await appendEvents(tx, [event]);
}

/**
 * Writes the transaction's events now (those appended before, then `batch`) and returns the ids of
 * `batch`. From here the event-log lock is held until the transaction ends, so call it as the
 * transaction's last statement; for a caller that answers with an event's id.
 */
export async function appendEventsNow(tx: Executor, batch: readonly NewEvent[]): Promise<number[]> {
  if (batch.length === 0) return [];
  batch.forEach(check);
  const earlier = pendingOf.get(tx)?.splice(0) ?? [];
  const ids = await writeEvents(tx, [...earlier, ...batch]);
  return ids.slice(earlier.length);
}

/**
 * One statement: take the transaction-scoped advisory lock, insert the events, their notifications,
 * and queue the NOTIFY. The lock is taken before the first id is drawn (every inserted row comes
 * through the join with `lock`), and held until commit, so ids become visible in commit order: a
 * reader that has seen id N can never later find an id below N, and "give me everything after my last
 * id" is exact, across reconnects and restarts. One statement instead of three keeps the lock off
 * round trips to a busy Node process; columns go as arrays (unnest), which costs the same for one
 * event as for a CSV import's thousand.
 */
async function writeEvents(tx: Executor, batch: readonly NewEvent[]): Promise<number[]> {
  if (batch.length === 0) return [];
  const rows = batch.map(row);
  const col = <T>(pick: (r: ReturnType<typeof row>) => T) => sql.param(rows.map(pick));
  // Notifications point at their event by its position in the batch (1-based, as ordinality).
  const notes = batch.flatMap((e, i) =>
    (e.notify ?? []).map((n) => ({
      userId: n.userId,
      n: i + 1,
      type: n.type ?? e.type,
      payload: JSON.stringify(n.payload ?? e.payload ?? {}),
    })),
  );
  const note = <T>(pick: (r: (typeof notes)[number]) => T) => sql.param(notes.map(pick));
  const withNotes = notes.length
    ? sql`, noted as (
        insert into ${notifications} (user_id, event_id, type, payload)
        select t.user_id, numbered.id, t.type, t.payload
        from unnest(${note((r) => r.userId)}::uuid[], ${note((r) => r.n)}::int[], ${note((r) => r.type)}::text[],
                    ${note((r) => r.payload)}::jsonb[]) as t(user_id, n, type, payload)
        join numbered using (n)
        returning 1)`
    : sql``;
  const result = (await tx.execute(sql`
    with lock as materialized (select pg_advisory_xact_lock(${APPEND_LOCK_KEY})),
    inserted as (
      insert into ${events} (type, subject_type, subject_id, actor_id, actor_kind, ip, payload, audience)
      select v.type, v.subject_type, v.subject_id, v.actor_id, v.actor_kind, v.ip, v.payload, v.audience
      from unnest(${col((r) => r.type)}::text[], ${col((r) => r.subjectType)}::text[], ${col((r) => r.subjectId)}::text[],
                  ${col((r) => r.actorId)}::uuid[], ${col((r) => r.actorKind)}::text[], ${col((r) => r.ip)}::text[],
                  ${col((r) => JSON.stringify(r.payload))}::jsonb[], ${col((r) => JSON.stringify(r.audience))}::jsonb[])
           with ordinality as v(type, subject_type, subject_id, actor_id, actor_kind, ip, payload, audience, n)
      cross join lock
      order by v.n
      returning id),
    -- Ids come from the sequence in insertion order, which is the batch order.
    numbered as (select id, row_number() over (order by id)::int as n from inserted)${withNotes}
    select array_agg(id order by id) as ids, pg_notify(${EVENTS_CHANNEL}, max(id)::text) as notified
    from inserted`)) as unknown as { rows: { ids: (string | number)[] | string | null }[] };
  return parseIds(result.rows[0]?.ids ?? null);
}

/** A bigint[] comes back as an array (node-postgres) or, from some drivers, as its text form. */
function parseIds(ids: (string | number)[] | string | null): number[] {
  if (ids === null) return [];
  const list = typeof ids === 'string' ? ids.replace(/[{}]/g, '').split(',') : ids;
  return list.map(Number);
}

const row = (e: NewEvent) => ({
  type: e.type,
  subjectType: e.subjectType ?? null,
  subjectId: e.subjectId ?? null,
  actorId: e.actorId ?? null,
  actorKind: e.actorKind ?? (e.actorId ? 'staff' : 'system'),
  ip: e.ip ?? null,
  payload: e.payload ?? {},
  audience: e.audience ?? {},
});

/** Who is looking: just what visibility needs, so the realtime hub does not depend on identity. */
export interface Viewer {
  id: string;
  teamId: string | null;
  scope: 'own' | 'team' | 'all';
  permissions: ReadonlySet<string>;
  /** Notification types pushed marked `muted` (the browser shows no toast for them). */
  mutedNotifications?: readonly string[];
}

/** Whether a staff member may receive an event: the same rule for the live feed and for replays. */
export function canSee(viewer: Viewer, event: Pick<StoredEvent, 'audience'>, notified = false): boolean {
  if (notified || viewer.permissions.has('events.all')) return true;
  const a = event.audience;
  if (a.users?.includes(viewer.id)) return true;
  if (viewer.scope !== 'own' && viewer.teamId && a.teams?.includes(viewer.teamId)) return true;
  return a.permissions?.some((p) => viewer.permissions.has(p)) ?? false;
}
