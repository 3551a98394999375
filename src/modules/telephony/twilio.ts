import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CallEvent } from '../../shared/contracts/telephony.js';
import type { CallEndCause } from '../../shared/telephony.js';

/** The provider name Twilio's events are stored under. */
export const TWILIO = 'twilio';

/**
 * Twilio's request signature (X-Twilio-Signature): base64 HMAC-SHA1, keyed with the account's auth
 * token, of the full URL Twilio requested followed by every POST parameter's name and value, sorted by
 * name (https://www.twilio.com/docs/usage/security#validating-requests).
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Whether `offered` is the signature of this request under one of the tokens (constant time). */
export function verifyTwilio(
  tokens: readonly string[],
  offered: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  if (!offered) return false;
  const got = Buffer.from(offered, 'base64');
  return tokens.some((token) => {
    const want = Buffer.from(twilioSignature(token, url, params), 'base64');
    return got.length === want.length && timingSafeEqual(got, want);
  });
}

/**
 * Credentials for Twilio's recording media when the account enforces HTTP auth on media URLs: Basic
 * with the account SID and auth token — only over https to api.twilio.com and only for that account's
 * own recordings, so a redirect (Twilio sends media on to signed storage URLs) or another account's URL
 * never carries them.
 */
export function twilioMediaHeaders(
  accountSid: string,
  authToken: string,
): (url: URL) => Record<string, string> {
  const basic = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const own = `/accounts/${accountSid.toLowerCase()}/`;
  return (url): Record<string, string> =>
    url.protocol === 'https:' && url.hostname === 'api.twilio.com' && url.pathname.toLowerCase().includes(own)
      ? { authorization: basic }
      : {};
}

const ENDED: Record<string, CallEndCause> = {
  completed: 'completed',
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'canceled',
};

/** Twilio's Timestamp ("Mon, 16 Aug 2010 03:45:01 +0000"), else now. */
function instant(value: string | undefined, now: Date): string {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : now.toISOString();
}

/** Problems of a Twilio callback's form: the field and what is wrong, or null. */
export function twilioProblem(params: Record<string, string>, required: readonly string[]) {
  for (const field of required) if (!params[field]?.trim()) return { field, message: `${field} is required` };
  const sid = params.CallSid!;
  if (!/^[A-Za-z0-9]{2,64}$/.test(sid)) return { field: 'CallSid', message: 'CallSid is not a Twilio id' };
  return null;
}

/**
 * A voice status callback as a CallEvent (null for the states before ringing: queued, initiated). Our
 * call's id travels in the StatusCallback URL's `callId` parameter when we originated it; an inbound
 * call has none. Twilio repeats a callback on failure with the same parameters, so CallSid + status
 * is the event's id.
 */
export function twilioStatusEvent(
  params: Record<string, string>,
  query: { callId?: string | undefined },
  now: Date,
): CallEvent | null {
  const status = params.CallStatus ?? '';
  const kind =
    status === 'ringing' ? 'ringing' : status === 'in-progress' ? 'answered' : ENDED[status] ? 'ended' : null;
  if (!kind) return null;
  const duration = Number(params.CallDuration);
  return {
    provider: TWILIO,
    eventId: `${params.CallSid}:${status}`,
    providerCallId: params.CallSid!,
    callId: query.callId,
    kind,
    at: instant(params.Timestamp, now),
    direction: params.Direction === 'inbound' ? 'inbound' : params.Direction ? 'outbound' : undefined,
    from: params.From || undefined,
    to: params.To || undefined,
    cause: kind === 'ended' ? ENDED[status] : undefined,
    durationSec: kind === 'ended' && Number.isInteger(duration) && duration >= 0 ? duration : undefined,
  };
}

/** A recording status callback (completed) as a `recording_ready` CallEvent; others are ignored. */
export function twilioRecordingEvent(
  params: Record<string, string>,
  query: { callId?: string | undefined },
  now: Date,
): CallEvent | null {
  if ((params.RecordingStatus ?? 'completed') !== 'completed' || !params.RecordingUrl) return null;
  const duration = Number(params.RecordingDuration);
  return {
    provider: TWILIO,
    eventId: `${params.RecordingSid ?? params.CallSid}:recording`,
    providerCallId: params.CallSid!,
    callId: query.callId,
    kind: 'recording_ready',
    at: instant(params.RecordingStartTime ?? params.Timestamp, now),
    // Twilio serves the audio at the URL + .wav (or .mp3); without an extension it answers WAV.
    recordingUrl: params.RecordingUrl,
    durationSec: Number.isInteger(duration) && duration >= 0 ? duration : undefined,
  };
}
