/** Messages pushed by the server on /api/ws. */

export interface DomainEvent {
  id: number;
  type: string;
  subjectType: string | null;
  subjectId: string | null;
  actorId: string | null;
  actorName: string | null;
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
  | { type: 'event'; event: DomainEvent; notification?: PushedNotification }
  | { type: 'ping' }
  | { type: 'reset'; lastEventId?: number }
  /** Transient "this changed, refetch it" (e.g. an account's equity); no id, never replayed. */
  | { type: 'live'; topic: string; data: Record<string, unknown> };

export type EventMessage = Extract<ServerMessage, { type: 'event' }>;
export type LiveMessage = Extract<ServerMessage, { type: 'live' }>;

export function parseServerMessage(raw: unknown): ServerMessage | null {
  if (typeof raw !== 'string') return null;
  try {
    const message = JSON.parse(raw) as { type?: unknown };
    if (message && typeof message === 'object' && typeof message.type === 'string')
      return message as ServerMessage;
  } catch {
    // ignore malformed frames rather than dropping the connection
  }
  return null;
}
