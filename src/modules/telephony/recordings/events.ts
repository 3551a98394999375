import type { Actor } from '../../../core/actor.js';
import { appendEvent, type EventPayload, type EventType, type NewEvent } from '../../../core/events.js';
import type { Executor } from '../../../db/connection.js';
import { clientAudience, clientRefsByIds } from '../../clients/index.js';
import type { callRecordings } from './schema.js';

export type RecordingRow = typeof callRecordings.$inferSelect;
type RecordingEventType = Extract<EventType, `telephony.recording_${string}`>;
type Common = 'recordingId' | 'callId' | 'clientId' | 'clientName';

/**
 * Appends a recording event (subject the call): the client's manager and team see it live, so the
 * call record on the card refreshes; the audit trail lists every one (who listened, when, from where).
 */
export async function appendRecordingEvent<T extends RecordingEventType>(
  db: Executor,
  type: T,
  row: RecordingRow,
  actor: Actor | null,
  extra: Omit<EventPayload<T>, Common>,
): Promise<void> {
  const client = row.clientId ? (await clientRefsByIds(db, [row.clientId])).get(row.clientId) : undefined;
  const audience = client ? clientAudience(client) : { users: [], teams: [] };
  const event = {
    type,
    subjectType: 'call',
    subjectId: row.callId,
    actorId: actor?.id ?? null,
    actorKind: actor?.id ? 'staff' : 'system',
    ip: actor?.ip ?? null,
    payload: {
      recordingId: row.id,
      callId: row.callId,
      clientId: row.clientId,
      clientName: client?.name ?? null,
      ...extra,
    },
    audience: { ...audience, permissions: ['audit.read'] },
  } as unknown as NewEvent;
  await appendEvent(db, event);
}
