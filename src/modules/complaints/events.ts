import type { Actor } from '../../core/actor.js';
import { appendEvent, type EventPayload, type EventType, type NewEvent } from '../../core/events.js';
import type { Executor } from '../../db/connection.js';
import { clientAudience, type ClientRef } from '../clients/index.js';
import type { complaints } from './schema.js';

export type ComplaintRow = typeof complaints.$inferSelect;
type ComplaintEventType = Extract<EventType, `complaints.${string}`>;

/** Who receives a complaint's events live: the client's manager and team, the handler, the register. */
export const complaintAudience = (c: ComplaintRow, client: Pick<ClientRef, 'managerId' | 'teamId'>) => {
  const manager = clientAudience(client);
  return {
    users: [...new Set([...manager.users, ...(c.handlerId ? [c.handlerId] : [])])],
    teams: manager.teams,
    permissions: ['complaints.register'],
  };
};

export const complaintFields = (c: ComplaintRow, client: Pick<ClientRef, 'name'>) => ({
  complaintId: c.id,
  reference: c.reference,
  clientId: c.clientId,
  clientName: client.name,
});

/**
 * Appends a complaint event in the caller's transaction: subject the complaint, the actor a staff
 * member, the trader (cabinet) or the system; `notify` gives staff a notification-centre entry.
 */
export async function appendComplaintEvent<T extends ComplaintEventType>(
  tx: Executor,
  type: T,
  c: ComplaintRow,
  client: Pick<ClientRef, 'name' | 'managerId' | 'teamId'>,
  actor: (Actor & { kind?: 'staff' | 'trader' }) | null,
  extra: Omit<EventPayload<T>, keyof ReturnType<typeof complaintFields>>,
  notify: readonly string[] = [],
): Promise<void> {
  const event = {
    type,
    subjectType: 'complaint',
    subjectId: c.id,
    actorId: actor?.kind === 'trader' ? null : (actor?.id ?? null),
    actorKind: actor ? (actor.kind ?? 'staff') : 'system',
    ip: actor?.ip ?? null,
    payload: { ...complaintFields(c, client), ...extra },
    audience: complaintAudience(c, client),
    notify: [...new Set(notify)].map((userId) => ({ userId })),
  } as unknown as NewEvent;
  await appendEvent(tx, event);
}
