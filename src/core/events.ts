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
  const rows = await tx
    .insert(events)
    .values(
      batch.map((e) => ({
        type: e.type,
        subjectType: e.subjectType ?? null,
        subjectId: e.subjectId ?? null,
        actorId: e.actorId ?? null,
        actorKind: e.actorKind ?? (e.actorId ? 'staff' : 'system'),
        ip: e.ip ?? null,
        payload: e.payload ?? {},
        audience: e.audience ?? {},
      })),
    )
    .returning({ id: events.id });
  const ids = rows.map((r) => r.id);
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
}

/** Whether a staff member may receive an event: the same rule for the live feed and for replays. */
export function canSee(viewer: Viewer, event: Pick<StoredEvent, 'audience'>, notified = false): boolean {
  if (notified || viewer.permissions.has('events.all')) return true;
  const a = event.audience;
  if (a.users?.includes(viewer.id)) return true;
  if (viewer.scope !== 'own' && viewer.teamId && a.teams?.includes(viewer.teamId)) return true;
  return a.permissions?.some((p) => viewer.permissions.has(p)) ?? false;
}
