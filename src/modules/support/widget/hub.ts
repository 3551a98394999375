import type { Database } from '../../../db/connection.js';
import type { WidgetMessage, WidgetState } from '../../../shared/contracts/support.js';
import { SUPPORT_CHANNEL, type ConversationChange } from '../notify.js';
import type { Conversations } from '../conversations/service.js';
import { publicMessage, type WidgetChat } from './chat.js';

/** Frames the server sends a widget (docs/support.md → Widget and CSAT). */
export type ServerFrame =
  | ({ type: 'message' } & WidgetMessage)
  | { type: 'ack'; clientMessageId: string; seq: number; conversationId: string; duplicate: boolean }
  | { type: 'typing'; by: string | null; typing: boolean }
  | ({ type: 'state' } & WidgetState)
  | { type: 'error'; code: string; clientMessageId?: string; field?: string; retry?: boolean };

/** One widget socket as the hub sees it. */
export interface WidgetClient {
  /** The highest seq this socket has been sent (or had, per its `hello`). */
  lastSent: number;
  send(frame: ServerFrame): void;
}

interface Room {
  clients: Set<WidgetClient>;
  queue: Promise<void>;
  drainPending: boolean;
  /** Joins queued, not run yet: the room is not dropped under them. */
  joining: number;
  typingTimer?: NodeJS.Timeout;
}

/** An agent's typing indicator is cleared this long after the last refresh (the inbox refreshes ~2 s). */
export const TYPING_CLEAR_MS = 5_000;

/**
 * The widget sockets of this instance, one room per conversation, fed by LISTEN on SUPPORT_CHANNEL.
 * A message NOTIFY makes the room read the public messages after the lowest seq any of its sockets
 * was sent and send each socket what it has not had. Joins (with their replay) and reads run on the
 * room's one queue, so a reconnect's replay and the live feed can neither overlap nor leave a hole,
 * and NOTIFYs that coalesce cost nothing: each read takes everything after the cursor.
 */
export class WidgetHub {
  private readonly rooms = new Map<string, Room>();
  private unlisten?: () => Promise<void>;

  constructor(
    private readonly database: Database,
    private readonly conversations: Conversations,
    private readonly chat: WidgetChat,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.database.listen(SUPPORT_CHANNEL, (payload) => {
      try {
        this.changed(JSON.parse(payload) as ConversationChange);
      } catch (err) {
        this.onError(err);
      }
    });
  }

  async stop(): Promise<void> {
    await this.unlisten?.();
    for (const room of this.rooms.values()) {
      clearTimeout(room.typingTimer);
      await room.queue;
    }
    this.rooms.clear();
  }

  get size(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.clients.size;
    return n;
  }

  /** Adds a socket to a conversation's room: first what it missed after `lastSeq`, then the state. */
  join(client: WidgetClient, conversationId: string, lastSeq: number): Promise<void> {
    let room = this.rooms.get(conversationId);
    if (!room) {
      room = { clients: new Set(), queue: Promise.resolve(), drainPending: false, joining: 0 };
      this.rooms.set(conversationId, room);
    }
    const r = room;
    r.joining += 1;
    return this.enqueue(r, async () => {
      r.joining -= 1;
      client.lastSent = lastSeq;
      r.clients.add(client);
      await this.drain(conversationId, r, [client]);
      await this.sendState(conversationId, [client]);
    });
  }

  leave(client: WidgetClient, conversationId: string): void {
    const room = this.rooms.get(conversationId);
    if (!room) return;
    room.clients.delete(client);
    // Again on the room's queue: a join of this socket still queued (a socket closed during its
    // hello) adds it after the delete above, and would leave a dead member. Then the room is dropped
    // once empty; a join queued after this keeps it.
    void this.enqueue(room, async () => {
      room.clients.delete(client);
      if (room.clients.size === 0 && room.joining === 0 && this.rooms.get(conversationId) === room) {
        clearTimeout(room.typingTimer);
        this.rooms.delete(conversationId);
      }
    });
  }

  private changed(change: ConversationChange): void {
    const room = this.rooms.get(change.conversationId);
    if (!room) return;
    if (change.kind === 'message') {
      if (room.drainPending) return;
      room.drainPending = true;
      void this.enqueue(room, async () => {
        room.drainPending = false;
        await this.drain(change.conversationId, room, [...room.clients]);
      });
    } else if (change.kind === 'conversation') {
      void this.enqueue(room, () => this.sendState(change.conversationId, [...room.clients]));
    } else if (change.kind === 'typing' && change.by?.kind === 'agent') {
      // The visitor's own typing comes back on the same channel; only the agent's is shown to them.
      const typing = change.typing !== false;
      const frame: ServerFrame = { type: 'typing', by: change.by.name, typing };
      for (const c of room.clients) c.send(frame);
      clearTimeout(room.typingTimer);
      if (typing)
        room.typingTimer = setTimeout(() => {
          for (const c of room.clients)
            c.send({ type: 'typing', by: change.by?.name ?? null, typing: false });
        }, TYPING_CLEAR_MS).unref();
    }
  }

  /** Sends each of `clients` the public messages after the seq it was last sent, in order, once. */
  private async drain(conversationId: string, room: Room, clients: WidgetClient[]): Promise<void> {
    for (;;) {
      const live = clients.filter((c) => room.clients.has(c));
      if (!live.length) return;
      const from = Math.min(...live.map((c) => c.lastSent));
      const rows = await this.conversations.messagesAfter(this.database.db, conversationId, from, {
        includeInternal: false,
        limit: 200,
      });
      for (const row of rows) {
        const frame: ServerFrame = { type: 'message', ...publicMessage(row) };
        for (const c of live)
          if (row.seq > c.lastSent) {
            c.send(frame);
            c.lastSent = row.seq;
          }
      }
      // An internal note leaves a gap in the public seqs; the cursor moves past it with the next one.
      if (rows.length < 200) return;
    }
  }

  private async sendState(conversationId: string, clients: WidgetClient[]): Promise<void> {
    if (!clients.length) return;
    const conv = await this.conversations.get(this.database.db, conversationId);
    const state = await this.chat.state(this.database.db, conv);
    for (const c of clients) c.send({ type: 'state', ...state });
  }

  private enqueue(room: Room, task: () => Promise<void>): Promise<void> {
    const run = room.queue.then(task).catch((err) => this.onError(err));
    room.queue = run;
    return run;
  }
}
