import { z } from 'zod';
import { int, isoInstant, pagingQuery, text, uuid } from '../../core/primitives.js';
import {
  CALL_DIRECTIONS,
  CALL_DISPOSITIONS,
  CALL_END_CAUSES,
  CALL_EVENT_KINDS,
} from '../../shared/telephony.js';
import type { CallEvent } from '../../shared/contracts/telephony.js';

/** Request shapes of the telephony API; answers are in src/shared/contracts/telephony.ts. */
export type * from '../../shared/contracts/telephony.js';

/** A phone number as typed or as a provider sends it (normalised to E.164 by phone-number.ts). */
export const phoneInput = (label = 'Number') =>
  text({ trim: true, min: 3, max: 40, label }).regex(/^[+\d\s().\-/]+$/, `${label} must be a phone number`);

/** Click-to-call: the client (their phone on file), or a number, or both (the number wins). */
export const originateInput = z
  .strictObject({
    clientId: uuid().optional(),
    number: phoneInput().optional(),
    /** The support conversation this call answers (a callback request). */
    conversationId: uuid().optional(),
  })
  .refine((v) => v.clientId !== undefined || v.number !== undefined, {
    message: 'Give a client or a number',
    path: ['clientId'],
  });
export type OriginateInput = z.output<typeof originateInput>;

export const dispositionInput = z.strictObject({
  disposition: z.enum(CALL_DISPOSITIONS, { error: 'Choose a disposition' }),
  note: text({ trim: true, max: 4_000, label: 'Note' }).optional(),
});
export type DispositionInput = z.output<typeof dispositionInput>;

export const callsQuery = z.object({ ...pagingQuery });

const ident = (label: string) => text({ trim: true, min: 1, max: 200, label });

/** One normalised provider event (docs/integrations/telephony.md). */
export const callEventInput = z.strictObject({
  provider: ident('provider').regex(/^[a-z0-9_-]+$/, 'provider must be lower-case letters, digits, - or _'),
  eventId: ident('eventId'),
  providerCallId: ident('providerCallId'),
  callId: uuid().optional(),
  kind: z.enum(CALL_EVENT_KINDS, { error: 'Unknown event kind' }),
  at: isoInstant(),
  direction: z.enum(CALL_DIRECTIONS).optional(),
  from: phoneInput('from').optional(),
  to: phoneInput('to').optional(),
  extension: ident('extension').optional(),
  cause: z.enum(CALL_END_CAUSES, { error: 'Unknown end cause' }).optional(),
  recordingUrl: z
    .url({ protocol: /^https?$/, error: 'recordingUrl must be an http(s) URL' })
    .max(2_000)
    .optional(),
  durationSec: int({ min: 0, max: 86_400 }).optional(),
}) satisfies z.ZodType<CallEvent, unknown>;

export const webhookBody = z.strictObject({ events: z.array(callEventInput).min(1).max(500) });
export type WebhookBody = z.output<typeof webhookBody>;
