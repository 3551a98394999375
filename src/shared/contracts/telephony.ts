import { z } from 'zod';
import {
  CALL_DIRECTIONS,
  CALL_DISPOSITIONS,
  CALL_END_CAUSES,
  CALL_STATES,
  RECORDING_STATUSES,
  type CallDirection,
  type CallEndCause,
  type CallEventKind,
} from '../telephony.js';
import { isoTime, listOf } from './common.js';

// The telephony module's answers (src/modules/telephony). Value lists: src/shared/telephony.ts.
//
// Staff routes (session cookie, permission `telephony.call`; scope = the client's record scope):
//   POST /api/calls                      { clientId?, number?, conversationId? } → 201 Call
//                                        (404 client out of scope, 422 no_phone, 409 staff_busy)
//   GET  /api/calls/current              → { call: Call | null } (the staff member's live call)
//   GET  /api/calls/:id                  → Call (404 outside scope)
//   POST /api/calls/:id/hangup           → 200 Call
//   POST /api/calls/:id/disposition      { disposition, note? } → 200 Call
//   GET  /api/clients/:id/calls?page&pageSize → { items: Call[], total }
// Provider routes (no cookie):
//   POST /api/telephony/webhook          Standard Webhooks signature (TELEPHONY_WEBHOOK_SECRET),
//                                        body { events: CallEvent[] } → 200 { accepted, duplicates }
//   POST /api/telephony/twilio/status    X-Twilio-Signature, form-encoded → 200 (empty TwiML)
//   POST /api/telephony/twilio/recording X-Twilio-Signature, form-encoded → 200 (empty TwiML)

export const callRecordingView = z.object({
  status: z.enum(RECORDING_STATUSES),
  durationSec: z.number().nullable(),
});

/** A call record. Times are ISO instants; a call without a client (unknown number) has clientId null. */
export const callView = z.object({
  id: z.string(),
  direction: z.enum(CALL_DIRECTIONS),
  state: z.enum(CALL_STATES),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  /** E.164 (+4915112345678); as given when it could not be parsed. */
  number: z.string(),
  startedAt: isoTime,
  answeredAt: isoTime.nullable(),
  endedAt: isoTime.nullable(),
  /** Talk time: answered → ended, 0 for an unanswered call; null while live. */
  durationSec: z.number().nullable(),
  endCause: z.enum(CALL_END_CAUSES).nullable(),
  disposition: z.enum(CALL_DISPOSITIONS).nullable(),
  note: z.string().nullable(),
  conversationId: z.string().nullable(),
  recording: callRecordingView.nullable(),
});
export type CallView = z.input<typeof callView>;

export const callList = listOf(callView);
export type CallList = z.input<typeof callList>;

export const currentCallAnswer = z.object({ call: callView.nullable() });
export type CurrentCallAnswer = z.input<typeof currentCallAnswer>;

/** The generic webhook's answer: events taken and those already seen (same provider + eventId). */
export const webhookAnswer = z.object({ accepted: z.number(), duplicates: z.number() });
export type WebhookAnswer = z.input<typeof webhookAnswer>;

/**
 * A normalised provider event (the generic webhook's body is `{ events: CallEvent[] }`; the Twilio
 * adapter and the simulator produce the same). `eventId` is unique per provider: a repeat is ignored.
 * Events may arrive in any order and more than once; the call record converges (reduce.ts).
 * `callId` is ours (given to originate); an inbound call has none, `providerCallId` ties its events.
 */
export interface CallEvent {
  provider: string;
  eventId: string;
  providerCallId: string;
  callId?: string | undefined;
  kind: CallEventKind;
  /** ISO instant at the provider. */
  at: string;
  direction?: CallDirection | undefined;
  /** Caller and callee numbers as the provider gives them (normalised to E.164 on ingest). */
  from?: string | undefined;
  to?: string | undefined;
  /** The staff extension involved (inbound: the one ringing; outbound: the originating one). */
  extension?: string | undefined;
  cause?: CallEndCause | undefined;
  recordingUrl?: string | undefined;
  durationSec?: number | undefined;
}
