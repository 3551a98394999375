import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../shared/contracts/telephony.js';
import { foldCall } from './reduce.js';

const T0 = Date.parse('2026-12-07T10:00:00Z');
const ev = (
  eventId: string,
  kind: CallEvent['kind'],
  sec: number,
  extra: Partial<CallEvent> = {},
): CallEvent => ({
  provider: 'sim',
  eventId,
  providerCallId: 'p1',
  kind,
  at: new Date(T0 + sec * 1000).toISOString(),
  ...extra,
});

/** A call's life as a provider reports it: ringing, maybe answered, maybe transferred, ended, maybe a recording. */
const callLife = fc
  .record({
    answered: fc.boolean(),
    transferred: fc.boolean(),
    recorded: fc.boolean(),
    ring: fc.integer({ min: 0, max: 30 }),
    talk: fc.integer({ min: 0, max: 600 }),
    cause: fc.constantFrom('completed', 'busy', 'no_answer', 'canceled', 'failed' as const),
  })
  .map((c) => {
    const out: CallEvent[] = [
      ev('e1', 'ringing', 0, { direction: 'inbound', from: '+442079460958', extension: '101' }),
    ];
    if (c.answered) out.push(ev('e2', 'answered', c.ring));
    if (c.answered && c.transferred) out.push(ev('e3', 'transferred', c.ring + 1, { extension: '102' }));
    const end = c.answered ? c.ring + c.talk : c.ring;
    out.push(ev('e4', 'ended', end, { cause: c.answered ? 'completed' : c.cause }));
    if (c.recorded && c.answered)
      out.push(
        ev('e5', 'recording_ready', end + 2, {
          recordingUrl: 'https://rec.example/1.wav',
          durationSec: c.talk,
        }),
      );
    return out;
  });

/** The same events, shuffled, with some repeated. */
const deliveries = (events: CallEvent[]) =>
  fc.array(fc.nat({ max: events.length - 1 }), { maxLength: events.length * 2 }).chain((dups) =>
    fc.shuffledSubarray([...events, ...dups.map((i) => events[i]!)], {
      minLength: events.length + dups.length,
    }),
  );

describe('foldCall', () => {
  it('converges: any order and any repeats give the facts of the ordered stream (property)', () => {
    fc.assert(
      fc.property(
        callLife.chain((events) => fc.tuple(fc.constant(events), deliveries(events))),
        ([events, delivered]) => {
          expect(foldCall(delivered)).toEqual(foldCall(events));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is monotone: a prefix in any order never shows a later state than the whole', () => {
    const rank = { dialing: 0, ringing: 1, answered: 2, ended: 3 };
    fc.assert(
      fc.property(
        callLife.chain((e) => fc.tuple(fc.constant(e), fc.shuffledSubarray(e))),
        ([all, part]) => {
          expect(rank[foldCall(part).state]).toBeLessThanOrEqual(rank[foldCall(all).state]);
        },
      ),
    );
  });

  it('reads an answered call: times, talk time, cause, the transfer and the recording', () => {
    const facts = foldCall([
      ev('e5', 'recording_ready', 95, { recordingUrl: 'https://rec.example/1.wav', durationSec: 85 }),
      ev('e4', 'ended', 95),
      ev('e3', 'transferred', 20, { extension: '102' }),
      ev('e2', 'answered', 10),
      ev('e1', 'ringing', 0, { direction: 'inbound', from: '+442079460958', extension: '101' }),
    ]);
    expect(facts).toMatchObject({
      state: 'ended',
      direction: 'inbound',
      from: '+442079460958',
      extension: '102',
      endCause: 'completed',
      durationSec: 85,
      recordingUrl: 'https://rec.example/1.wav',
      recordingDurationSec: 85,
    });
    expect(facts.answeredAt?.toISOString()).toBe(new Date(T0 + 10_000).toISOString());
  });

  it('an unanswered call ends with talk time 0 and its cause; a late "answered" after the end cannot reopen it', () => {
    expect(foldCall([ev('e1', 'ringing', 0), ev('e4', 'ended', 30, { cause: 'no_answer' })])).toMatchObject({
      state: 'ended',
      durationSec: 0,
      endCause: 'no_answer',
      answeredAt: null,
    });
    const late = foldCall([ev('e4', 'ended', 30), ev('e2', 'answered', 5)]);
    expect(late.state).toBe('ended');
    expect(late.durationSec).toBe(25);
  });

  it('nothing but the origination: dialing', () => {
    expect(foldCall([]).state).toBe('dialing');
  });
});
