/**
 * The telephony part of the event catalogue (spread into EVENT_CATALOGUE in events.ts): a call's life,
 * on the client's timeline (kind `calls`), and its recording's. Zod only, shared with the browser.
 */
import { z } from 'zod';

const id = z.string();
const nullableId = z.string().nullable();
const text = z.string();

/** What every call event carries (src/modules/telephony/events.ts): subject `client` when known, else `call`. */
const call = {
  callId: id,
  direction: text,
  number: text,
  staffId: nullableId,
  clientId: nullableId,
  clientName: z.string().nullable(),
};

/** A recording's events (src/modules/telephony/recordings): the audit trail of every listen. */
const recording = { recordingId: id, callId: id, clientId: nullableId, clientName: z.string().nullable() };

export const CALL_EVENTS = {
  'call.started': z.object({ ...call, conversationId: nullableId }),
  'call.ringing': z.object(call),
  'call.answered': z.object(call),
  /** cause: CALL_END_CAUSES; durationSec: talk time (0 unanswered). */
  'call.ended': z.object({ ...call, cause: text, durationSec: z.number() }),
  'call.disposition_set': z.object({ ...call, disposition: text, note: z.string().nullable() }),
  /** Screen pop: audience is the staff member whose extension rings; candidates when several match. */
  // candidates: the clients with the number the ringing staff member may see; outsideScope: others have it.
  'call.inbound_ringing': z.object({
    ...call,
    candidates: z.array(z.object({ id, name: text })),
    outsideScope: z.boolean().optional(),
  }),
  /** An inbound call nobody answered; taskId: the call-back task for the responsible manager. */
  'call.missed': z.object({ ...call, taskId: nullableId }),
  'call.recording_ready': z.object({ ...call, durationSec: z.number().nullable() }),
  // The recording stored, refused, a link to listen or download, deleted by retention.
  'telephony.recording_stored': z.object({ ...recording, durationSec: z.number().nullable() }),
  'telephony.recording_failed': z.object({ ...recording, error: text }),
  'telephony.recording_played': z.object({ ...recording, expiresAt: text }),
  'telephony.recording_downloaded': z.object({ ...recording, expiresAt: text }),
  'telephony.recording_deleted': z.object({ ...recording, reason: text }),
} as const;
