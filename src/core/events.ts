import { sql } from 'drizzle-orm';
import type { Executor } from '../db/connection.js';
import { events, notifications, type Audience } from './schema.js';

export const EVENTS_CHANNEL = 'bd_events';
/** Serialises event appends so ids become visible in commit order (see appendEvent). */
const APPEND_LOCK_KEY = 7_280_001;

export interface NewEvent {
  type: string;
  subjectType?: string | null;
  subjectId?: string | null;
  actorId?: string | null;
  actorKind?: 'staff' | 'trader' | 'system';
  ip?: string | null;
  payload?: Record<string, unknown>;
  audience?: Audience;
  /** Staff who get a notification-centre entry (and a toast) for this event. */
  notify?: { userId: string; type?: string; payload?: Record<string, unknown> }[];
}

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

/**
 * Appends events inside the caller's transaction, with their notifications, and queues a NOTIFY that
 * Postgres delivers only on commit. A transaction-scoped advisory lock taken before the ids are drawn
 * makes ids visible in commit order, so a reader that has seen id N can never later find an id below N:
 * "give me everything after my last id" is then exact, across reconnects and restarts.
 */
export async function appendEvents(tx: Executor, batch: NewEvent[]): Promise<number[]> {
  if (batch.length === 0) return [];
  await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK_KEY})`);
  const ids = batch.length < BULK_FROM ? await insertFew(tx, batch) : await insertMany(tx, batch);
  const notes = batch.flatMap((e, i) =>
    (e.notify ?? []).map((n) => ({
      userId: n.userId,
      eventId: ids[i]!,
      type: n.type ?? e.type,
      payload: n.payload ?? e.payload ?? {},
    })),
  );
  if (notes.length) await tx.insert(notifications).values(notes);
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${String(ids[ids.length - 1])})`);
  return ids;
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

/**
 * From this many events on, one INSERT takes an array per column (unnest) instead of a VALUES row per
 * event: Drizzle's VALUES builder costs about 0.1 ms per event — for 1,000 events (a CSV import chunk)
 * five times Postgres's own insert — and it runs while the append lock is held, delaying every other
 * append. Small batches, the usual case, keep the plain insert.
 */
const BULK_FROM = 50;

async function insertFew(tx: Executor, batch: NewEvent[]): Promise<number[]> {
  const rows = await tx.insert(events).values(batch.map(row)).returning({ id: events.id });
  return rows.map((r) => r.id);
}

async function insertMany(tx: Executor, batch: NewEvent[]): Promise<number[]> {
  const rows = batch.map(row);
  const col = (pick: (r: ReturnType<typeof row>) => unknown) => sql.param(rows.map(pick));
  const result = (await tx.execute(sql`
    insert into ${events} (type, subject_type, subject_id, actor_id, actor_kind, ip, payload, audience)
    select type, subject_type, subject_id, actor_id, actor_kind, ip, payload, audience
    from unnest(${col((r) => r.type)}::text[], ${col((r) => r.subjectType)}::text[], ${col((r) => r.subjectId)}::text[],
                ${col((r) => r.actorId)}::uuid[], ${col((r) => r.actorKind)}::text[], ${col((r) => r.ip)}::text[],
                ${col((r) => JSON.stringify(r.payload))}::jsonb[], ${col((r) => JSON.stringify(r.audience))}::jsonb[])
         with ordinality as v(type, subject_type, subject_id, actor_id, actor_kind, ip, payload, audience, n)
    order by n
    returning id`)) as unknown as { rows: { id: string | number }[] };
  // Ids come from the sequence in insertion order, which is the batch order: ascending ids match it.
  return result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

export async function appendEvent(tx: Executor, event: NewEvent): Promise<number> {
  const [id] = await appendEvents(tx, [event]);
  return id!;
}

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
