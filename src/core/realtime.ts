import { and, asc, gt, lte, max, sql } from 'drizzle-orm';
import type { Database } from '../db/connection.js';
import { canSee, EVENTS_CHANNEL, type StoredEvent, type Viewer } from './events.js';
import { LIVE_CHANNEL, parseLive } from './live.js';
import { events, notifications } from './schema.js';
import type { PushedNotification, ServerMessage, WireEvent } from '../shared/realtime.js';

/** Every frame goes through here, so what the server sends is what shared/realtime.ts says. */
const wire = (message: ServerMessage): string => JSON.stringify(message);

/** One connected staff socket, as the hub sees it (the WebSocket route adapts the real socket). */
export interface RealtimeClient {
  viewer: Viewer;
  sessionId: string;
  send(message: string): void;
  close(code: number, reason: string): void;
}

export interface RealtimeHubOptions {
  /** Re-reads who is behind a session; null ends the socket (logged out, deactivated, expired). */
  resolveViewer(sessionId: string): Promise<Viewer | null>;
  /** Called with the delay between an event's commit time and its push, per pushed event. */
  onDelivered?(lagSeconds: number): void;
  /** Called after each successful read of the feed: with `onError`, the hub's health. */
  onCaughtUp?(): void;
  /** A failed read (the database is away): the cursor stays, the next wake or poll reads again. */
  onError?(err: unknown): void;
  pollMs?: number;
  revalidateMs?: number;
  /** A reconnect that missed more than this gets `reset` (refetch) instead of a replay. */
  maxReplay?: number;
}

type Row = typeof events.$inferSelect;
interface Note {
  id: string;
  type: string;
  payload: unknown;
  createdAt: Date;
}
/** A notification as the feed's query returns it (JSON). */
type RawNote = Omit<Note, 'createdAt'> & { userId: string; createdAt: string };

const BATCH = 500;

/**
 * Pushes committed events to every connected staff member allowed to see them. A NOTIFY (or a slow poll,
 * as a safety net) wakes it; it then reads everything after its cursor, so a lost NOTIFY costs latency,
 * never an event. Fetches and attaches run on one queue, so a reconnecting client's replay and the live
 * feed can neither overlap nor leave a hole.
 */
export class RealtimeHub {
  private clients = new Set<RealtimeClient>();
  private cursor = 0;
  private queue: Promise<void> = Promise.resolve();
  private wakePending = false;
  private timers: NodeJS.Timeout[] = [];
  private unlisten: (() => Promise<void>)[] = [];

  constructor(
    private readonly database: Database,
    private readonly opts: RealtimeHubOptions,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  get lastEventId(): number {
    return this.cursor;
  }

  async start(): Promise<void> {
    const [row] = await this.database.db.select({ max: max(events.id) }).from(events);
    this.cursor = Number(row?.max ?? 0);
    this.unlisten.push(await this.database.listen(EVENTS_CHANNEL, () => this.wake()));
    this.unlisten.push(await this.database.listen(LIVE_CHANNEL, (payload) => this.pushLive(payload)));
    this.timers.push(setInterval(() => this.wake(), this.opts.pollMs ?? 1000));
    this.timers.push(setInterval(() => void this.revalidateAll(), this.opts.revalidateMs ?? 60_000));
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const stop of this.unlisten) await stop();
    for (const c of this.clients) c.close(1001, 'server shutting down');
    this.clients.clear();
    await this.queue;
  }

  wake(): void {
    if (this.wakePending) return;
    this.wakePending = true;
    this.enqueue(async () => {
      this.wakePending = false;
      await this.drain();
      this.opts.onCaughtUp?.();
    });
  }

  /** Adds a client; with `since`, first replays what it missed (or tells it to reset). */
  attach(client: RealtimeClient, since?: number): Promise<void> {
    return this.enqueue(async () => {
      if (since !== undefined && since < this.cursor) {
        const missed = await this.fetch(since, this.opts.maxReplay ?? 1000, this.cursor).catch((err) => {
          // No replay without the database: 1013 "try again later" makes the browser reconnect.
          client.close(1013, 'database unavailable');
          throw err;
        });
        if (missed.rows.length >= (this.opts.maxReplay ?? 1000)) {
          client.send(wire({ type: 'reset', lastEventId: this.cursor }));
        } else {
          for (const row of missed.rows) this.deliver(client, row, missed.notes.get(row.id));
        }
      }
      client.send(wire({ type: 'hello', lastEventId: this.cursor }));
      this.clients.add(client);
    });
  }

  /**
   * Transient messages (see live.ts) go straight out, not through the queue: they carry no id to
   * order by, and a late one is harmless because it only asks the browser to refetch.
   */
  private pushLive(payload: string): void {
    for (const message of parseLive(payload)) {
      const frame = wire({ type: 'live', topic: message.topic, data: message.data });
      for (const client of this.clients) if (canSee(client.viewer, message)) client.send(frame);
    }
  }

  detach(client: RealtimeClient): void {
    this.clients.delete(client);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task).catch((err) => this.opts.onError?.(err));
    this.queue = run;
    return run;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const { rows, notes } = await this.fetch(this.cursor, BATCH);
      if (rows.length === 0) return;
      for (const row of rows) {
        const byUser = notes.get(row.id);
        const plain = wire({ type: 'event', event: publicEvent(row) });
        for (const client of this.clients) this.deliver(client, row, byUser, plain);
        this.opts.onDelivered?.((Date.now() - row.createdAt.getTime()) / 1000);
        this.cursor = row.id;
        // A change to a staff member (role, team, deactivation, logout, muted notifications) re-checks
        // their open sockets before the next event, which is then delivered as the change says.
        const staffId = row.subjectType === 'staff' ? row.subjectId : null;
        if (staffId && [...this.clients].some((c) => c.viewer.id === staffId))
          await this.revalidate((c) => c.viewer.id === staffId);
      }
      if (rows.length < BATCH) return;
    }
  }

  /**
   * Events after the cursor with their notifications, in one statement: the hub reads after every
   * wake, so a second round trip for the notifications was a second wait between a commit and the
   * screens (most events have none).
   */
  private async fetch(after: number, limit: number, upTo?: number) {
    const where = upTo === undefined ? gt(events.id, after) : and(gt(events.id, after), lte(events.id, upTo));
    const found = await this.database.db
      .select({
        event: events,
        // `events.id` is the outer row's (Drizzle leaves a one-table select's columns unqualified).
        notes: sql<RawNote[] | null>`(select json_agg(json_build_object('id', n.id, 'userId', n.user_id,
                 'type', n.type, 'payload', n.payload, 'createdAt', n.created_at))
               from ${notifications} n where n.event_id = events.id)`,
      })
      .from(events)
      .where(where)
      .orderBy(asc(events.id))
      .limit(limit);
    const notes = new Map<number, Map<string, Note>>();
    for (const { event, notes: list } of found)
      if (list?.length)
        notes.set(
          event.id,
          new Map(
            list.map((n) => [
              n.userId,
              { id: n.id, type: n.type, payload: n.payload, createdAt: new Date(n.createdAt) },
            ]),
          ),
        );
    return { rows: found.map((f) => f.event), notes };
  }

  /** `plain` is the message without a notification, serialised once per event for all clients. */
  private deliver(client: RealtimeClient, row: Row, byUser?: Map<string, Note>, plain?: string): void {
    const note = byUser?.get(client.viewer.id);
    if (!canSee(client.viewer, row as StoredEvent, note !== undefined)) return;
    if (!note && plain) client.send(plain);
    else {
      // A muted type still reaches the bell; `muted` tells the browser not to pop it up.
      const muted = note !== undefined && client.viewer.mutedNotifications?.includes(note.type);
      const notification: PushedNotification | undefined = note && {
        id: note.id,
        type: note.type,
        payload: note.payload as Record<string, unknown>,
        createdAt: note.createdAt.toISOString(),
        ...(muted ? { muted: true } : {}),
      };
      client.send(
        wire({ type: 'event', event: publicEvent(row), ...(notification ? { notification } : {}) }),
      );
    }
  }

  private async revalidate(which: (c: RealtimeClient) => boolean): Promise<void> {
    for (const client of [...this.clients].filter(which)) {
      const viewer = await this.opts.resolveViewer(client.sessionId).catch(() => client.viewer);
      if (viewer) client.viewer = viewer;
      else {
        this.clients.delete(client);
        client.close(4001, 'session ended');
      }
    }
  }

  private revalidateAll(): Promise<void> {
    return this.enqueue(() => this.revalidate(() => true));
  }
}

/** The shape of an event on the wire: the audience is routing data, not for the browser. */
export function publicEvent(row: Row): WireEvent {
  return {
    id: row.id,
    type: row.type,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    actorId: row.actorId,
    payload: row.payload,
    createdAt: row.createdAt.toISOString(),
  };
}
