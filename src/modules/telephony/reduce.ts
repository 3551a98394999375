import type { CallEvent } from '../../shared/contracts/telephony.js';
import type { CallDirection, CallEndCause, CallEventKind, CallState } from '../../shared/telephony.js';

/** What a call's provider events say about it, whatever order they came in. */
export interface CallFacts {
  state: CallState;
  direction: CallDirection | null;
  from: string | null;
  to: string | null;
  /** The extension the call is on now: the last transfer's, else the first one named. */
  extension: string | null;
  /** Every extension the call was on, in order (the first one named, then each transfer's). */
  extensions: string[];
  ringingAt: Date | null;
  answeredAt: Date | null;
  endedAt: Date | null;
  endCause: CallEndCause | null;
  /** Talk time once ended (the provider's figure when it gave one), 0 unanswered; null while live. */
  durationSec: number | null;
  recordingUrl: string | null;
  recordingDurationSec: number | null;
}

const RANK: Record<CallEventKind, number> = {
  ringing: 0,
  answered: 1,
  transferred: 2,
  ended: 3,
  recording_ready: 4,
};

/** The provider's order: time, then the call's natural order of kinds, then the event id. */
function byProviderOrder(a: CallEvent, b: CallEvent): number {
  const t = Date.parse(a.at) - Date.parse(b.at);
  if (t !== 0) return t;
  const k = RANK[a.kind] - RANK[b.kind];
  if (k !== 0) return k;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/**
 * Folds a call's events into its facts. A pure function of the *set* of events: it sorts them by the
 * provider's time (then kind, then id) before reading, and a repeated event id counts once, so any
 * arrival order, any batching and any duplicates give the same facts (the property test in
 * reduce.test.ts). The state only moves forward: ended beats answered beats ringing beats dialing,
 * so an "answered" that arrives after "ended" fills in the answer time without reopening the call.
 */
export function foldCall(input: readonly CallEvent[]): CallFacts {
  const seen = new Set<string>();
  const events = input.filter((e) => !seen.has(e.eventId) && seen.add(e.eventId)).sort(byProviderOrder);
  const first = <K extends keyof CallEvent>(key: K, of = events) =>
    of.find((e) => e[key] !== undefined)?.[key] ?? null;
  const ofKind = (kind: CallEventKind) => events.filter((e) => e.kind === kind);
  const at = (e: CallEvent | undefined) => (e ? new Date(e.at) : null);

  const ringing = ofKind('ringing')[0];
  const answered = ofKind('answered')[0];
  const ended = ofKind('ended')[0];
  const transfers = ofKind('transferred').filter((e) => e.extension !== undefined);
  const recording = ofKind('recording_ready')
    .filter((e) => e.recordingUrl !== undefined)
    .at(-1);

  const answeredAt = at(answered);
  const endedAt = at(ended);
  const state: CallState = ended ? 'ended' : answered ? 'answered' : ringing ? 'ringing' : 'dialing';
  let durationSec: number | null = null;
  if (ended) {
    const talk =
      answeredAt && endedAt ? Math.max(0, Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000)) : 0;
    durationSec = answeredAt ? (ended.durationSec ?? talk) : 0;
  }
  return {
    state,
    direction: first('direction'),
    from: first('from'),
    to: first('to'),
    extension: transfers.at(-1)?.extension ?? first('extension'),
    extensions: [
      ...new Set([
        first(
          'extension',
          events.filter((e) => e.kind !== 'transferred'),
        ),
        ...transfers.map((e) => e.extension),
      ]),
    ].filter((x): x is string => x != null),
    ringingAt: at(ringing),
    answeredAt,
    endedAt,
    endCause: ended ? (ended.cause ?? (answered ? 'completed' : 'no_answer')) : null,
    durationSec,
    recordingUrl: recording?.recordingUrl ?? null,
    recordingDurationSec: recording?.durationSec ?? null,
  };
}
