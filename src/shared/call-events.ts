/**
 * The telephony part of the event catalogue (spread into EVENT_CATALOGUE in events.ts): a call's life,
 * on the client's timeline (kind `calls`). Zod only, shared with the browser.
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

export const CALL_EVENTS = {
  'call.started': z.object({ ...call, conversationId: nullableId }),
  'call.ringing': z.object(call),
  'call.answered': z.object(call),
  /** cause: CALL_END_CAUSES; durationSec: talk time (0 unanswered). */
  'call.ended': z.object({ ...call, cause: text, durationSec: z.number() }),
  'call.disposition_set': z.object({ ...call, disposition: text, note: z.string().nullable() }),
  /** Screen pop: audience is the staff member whose extension rings; candidates when several match. */
  'call.inbound_ringing': z.object({ ...call, candidates: z.array(z.object({ id, name: text })) }),
  /** An inbound call nobody answered; taskId: the call-back task for the responsible manager. */
  'call.missed': z.object({ ...call, taskId: nullableId }),
  'call.recording_ready': z.object({ ...call, durationSec: z.number().nullable() }),
} as const;
