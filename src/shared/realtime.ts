/**
 * The messages the server pushes on the staff WebSocket (/api/ws): src/core/realtime.ts writes them,
 * web/src/realtime reads them. Plain types, no Zod: the browser imports them.
 */

/** An event as it travels: the audience is routing data and stays on the server. */
export interface WireEvent {
  id: number;
  /** A catalogue type (shared/events.ts); an older stored type may not be in today's catalogue. */
  type: string;
  subjectType: string | null;
  subjectId: string | null;
  actorId: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
}

export interface PushedNotification {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: string;
  /** The person muted this type (profile): it goes to the bell without a toast. */
  muted?: boolean;
}

export type ServerMessage =
  | { type: 'hello'; lastEventId: number }
  | { type: 'event'; event: WireEvent; notification?: PushedNotification }
  | { type: 'ping' }
  | { type: 'reset'; lastEventId?: number }
  /** Transient "this changed, refetch it" (e.g. an account's equity); no id, never replayed. */
  | { type: 'live'; topic: string; data: Record<string, unknown> };
