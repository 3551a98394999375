import type { Actor } from '../../core/actor.js';
import { appendEvents, type EventPayload, type EventType, type NewEvent } from '../../core/events.js';
import type { Executor } from '../../db/connection.js';
import { clientAudience, type ClientRef } from '../clients/index.js';
import type { CallRow } from './schema.js';

type CallEventType = Extract<EventType, `call.${string}`>;
export type CallClient = Pick<ClientRef, 'id' | 'name' | 'managerId' | 'teamId'>;

/** What every call event carries (shared/events.ts `call`). */
export const callFields = (c: CallRow, client: CallClient | null) => ({
  callId: c.id,
  direction: c.direction,
  number: c.number,
  staffId: c.staffId,
  clientId: client?.id ?? null,
  clientName: client?.name ?? null,
});

/** Who receives a call's events live: the staff member on it, the client's manager and team. */
export function callAudience(c: CallRow, client: CallClient | null) {
  const manager = client ? clientAudience(client) : { users: [], teams: [] };
  return {
    users: [...new Set([...manager.users, ...(c.staffId ? [c.staffId] : [])])],
    teams: manager.teams,
  };
}

/**
 * A call event: subject the client when the call has one (so it is on the client's timeline), else the
 * call itself; the actor the staff member who acted, or the system for what the phone system reported.
 */
export function callEvent<T extends CallEventType>(
  type: T,
  c: CallRow,
  client: CallClient | null,
  extra: Omit<EventPayload<T>, keyof ReturnType<typeof callFields>>,
  opts: { actor?: Actor | null; audience?: { users: string[]; teams?: string[] } } = {},
): NewEvent {
  return {
    type,
    subjectType: client ? 'client' : 'call',
    subjectId: client?.id ?? c.id,
    actorId: opts.actor?.id ?? null,
    actorKind: opts.actor?.id ? 'staff' : 'system',
    ip: opts.actor?.ip ?? null,
    payload: { ...callFields(c, client), ...extra },
    audience: opts.audience ?? callAudience(c, client),
  } as unknown as NewEvent;
}

export async function appendCallEvents(tx: Executor, events: NewEvent[]): Promise<void> {
  await appendEvents(tx, events);
}
