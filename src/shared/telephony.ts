/**
 * Telephony: value lists shared by the server (src/modules/telephony) and the web app (no Node, no
 * database). The state machine and the convergence of provider events: src/modules/telephony/reduce.ts.
 */

export const CALL_DIRECTIONS = ['outbound', 'inbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

/** dialing (originated, nothing heard yet) → ringing → answered → ended; any state may go to ended. */
export const CALL_STATES = ['dialing', 'ringing', 'answered', 'ended'] as const;
export type CallState = (typeof CALL_STATES)[number];

/** What the staff member records after the call. */
export const CALL_DISPOSITIONS = ['reached', 'no_answer', 'busy', 'wrong_number', 'call_back_later'] as const;
export type CallDisposition = (typeof CALL_DISPOSITIONS)[number];

/** The kinds of a normalised provider event (CallEvent.kind). */
export const CALL_EVENT_KINDS = ['ringing', 'answered', 'transferred', 'ended', 'recording_ready'] as const;
export type CallEventKind = (typeof CALL_EVENT_KINDS)[number];

/**
 * Why a call ended (CallEvent.cause; a provider's own words are mapped to these, anything else is
 * `failed`). `completed`: answered and hung up normally; `no_answer`, `busy`, `rejected` (declined),
 * `canceled` (hung up before an answer, e.g. by the staff member), `failed` (network, invalid number).
 */
export const CALL_END_CAUSES = ['completed', 'no_answer', 'busy', 'rejected', 'canceled', 'failed'] as const;
export type CallEndCause = (typeof CALL_END_CAUSES)[number];

export const RECORDING_STATUSES = ['pending', 'ready', 'deleted'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** An ended call is missed when it was inbound and never answered. */
export const isMissedCall = (c: { direction: CallDirection; state: CallState; answeredAt: unknown }) =>
  c.direction === 'inbound' && c.state === 'ended' && c.answeredAt == null;
