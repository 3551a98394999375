/** Messages pushed by the server on /api/ws: their shapes are the server's (src/shared/realtime.ts). */
import type { ServerMessage, WireEvent } from '../../../src/shared/realtime';

export type { PushedNotification, ServerMessage } from '../../../src/shared/realtime';
export type DomainEvent = WireEvent;

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
