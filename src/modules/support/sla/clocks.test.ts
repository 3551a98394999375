import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../../shared/support.js';
import { measureFor, offsetAt, type BusinessCalendar } from './calendar.js';
import {
  activeDeadlines,
  agentReply,
  customerMessage,
  nextDue,
  started,
  statusChanged,
  type SlaState,
  type SlaTargets,
} from './clocks.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Whether minute `t` is business time, straight from the wall clock (the calendar test's model). */
function businessMinute(t: number, cal: BusinessCalendar, businessOnly: boolean): boolean {
  if (!businessOnly) return true;
  const wall = t + offsetAt(t, cal.timeZone);
  const day = new Date(Math.floor(wall / DAY) * DAY);
  if (cal.holidays.includes(day.toISOString().slice(0, 10))) return false;
  const iso = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  const minute = Math.floor((wall % DAY) / MINUTE);
  const all = Object.values(cal.businessHours).flat();
  if (!all.length) return true;
  return (cal.businessHours[String(iso) as keyof BusinessHours] ?? []).some(
    ([s, e]) => minute >= s && minute < e,
  );
}

type Step = { kind: 'customer' | 'agent' | 'pend' | 'resume' | 'resolve'; gap: number };

/**
 * The reference: a clock is a counter of minutes that are business time while the conversation is
 * open; its deadline is where the counter reaches the target. Status intervals come from the timeline.
 */
function referenceDue(
  startAt: number,
  target: number,
  openAt: (t: number) => boolean,
  busy: (t: number) => boolean,
) {
  let left = target;
  let t = startAt;
  while (left > 0) {
    if (openAt(t) && busy(t)) left--;
    t += MINUTE;
  }
  return t;
}

const arb = fc.record({
  timeZone: fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Jakarta'),
  start: fc.integer({ min: 0, max: 14 * 24 * 60 }).map((m) => Date.UTC(2026, 2, 20) + m * MINUTE),
  businessOnly: fc.boolean(),
  hours: fc.constantFrom<BusinessHours>(
    { '1': [[540, 1020]], '2': [[540, 1020]], '3': [[540, 1020]], '4': [[540, 1020]], '5': [[540, 1020]] },
    {
      '1': [
        [0, 120],
        [600, 720],
      ],
      '3': [[60, 180]],
      '6': [[0, 1440]],
      '7': [[30, 200]],
    },
    {},
  ),
  holiday: fc.integer({ min: 0, max: 10 }),
  targets: fc.record({
    firstResponseMinutes: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
    nextResponseMinutes: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
    resolutionMinutes: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: null }),
  }),
  steps: fc.array(
    fc.record({
      kind: fc.constantFrom<Step['kind']>('customer', 'agent', 'pend', 'resume', 'resolve'),
      gap: fc.integer({ min: 0, max: 600 }),
    }),
    { maxLength: 12 },
  ),
});

// The models step minute by minute: slow by design, so these get time on a busy machine.
describe('SLA clocks against the minute-counting model', { timeout: 120_000 }, () => {
  it('gives the model’s deadlines after any sequence of messages, pauses and resolutions', () => {
    fc.assert(
      fc.property(arb, ({ timeZone, start, businessOnly, hours, holiday, targets, steps }) => {
        const cal: BusinessCalendar = {
          timeZone,
          businessHours: hours,
          holidays: [new Date(start + holiday * DAY).toISOString().slice(0, 10)],
        };
        const measure = measureFor(businessOnly, cal);
        const t: SlaTargets = targets;
        let s: SlaState = started(new Date(start), t, measure);
        // The model's own bookkeeping: status changes and when each clock started.
        const closedSpans: [number, number][] = [];
        let status: 'open' | 'pending' | 'resolved' = 'open';
        let pausedSince = 0;
        let nextStart: number | null = null;
        let firstMet = false;
        let now = start;
        const setStatus = (to: typeof status) => {
          if (to === status) return;
          if (status === 'open') pausedSince = now;
          if (to === 'open') closedSpans.push([pausedSince, now]);
          if (to === 'resolved') nextStart = null;
          s = statusChanged(s, new Date(now), to === 'open', to === 'resolved', measure);
          status = to;
        };
        const run = (step: Step) => {
          now += step.gap * MINUTE;
          if (step.kind === 'customer') {
            setStatus('open'); // a customer message reopens, as the conversation service does
            if (firstMet && nextStart === null && t.nextResponseMinutes !== null) nextStart = now;
            s = customerMessage(s, new Date(now), t, measure);
          } else if (step.kind === 'agent') {
            firstMet = true;
            nextStart = null;
            s = agentReply(s, new Date(now)).state;
          } else if (step.kind === 'pend') {
            if (status === 'open') setStatus('pending');
          } else if (step.kind === 'resume') {
            if (status === 'pending') setStatus('open');
          } else setStatus('resolved');
        };
        steps.forEach(run);
        // Deadlines are final only while the clocks run: end open.
        now += MINUTE;
        setStatus('open');
        const openAt = (x: number) => !closedSpans.some(([a, b]) => x >= a && x < b);
        const busy = (x: number) => businessMinute(x, cal, businessOnly);
        const expected: { target: string; dueAt: number }[] = [];
        if (!firstMet && t.firstResponseMinutes !== null)
          expected.push({
            target: 'first_response',
            dueAt: referenceDue(start, t.firstResponseMinutes, openAt, busy),
          });
        if (nextStart !== null && t.nextResponseMinutes !== null)
          expected.push({
            target: 'next_response',
            dueAt: referenceDue(nextStart, t.nextResponseMinutes, openAt, busy),
          });
        if (t.resolutionMinutes !== null)
          expected.push({
            target: 'resolution',
            dueAt: referenceDue(start, t.resolutionMinutes, openAt, busy),
          });
        const actual = activeDeadlines(s).map((d) => ({ target: d.target, dueAt: d.dueAt.getTime() }));
        expect(actual).toEqual(expected);
        const earliest = expected.length ? Math.min(...expected.map((e) => e.dueAt)) : null;
        expect(nextDue(s)?.getTime() ?? null).toBe(earliest);
      }),
      { numRuns: 80 },
    );
  });

  it('stands still while paused: no deadline runs', () => {
    const measure = measureFor(false, { timeZone: 'UTC', businessHours: {}, holidays: [] });
    const t0 = new Date('2026-12-07T10:00:00Z');
    const s = started(
      t0,
      { firstResponseMinutes: 10, nextResponseMinutes: 10, resolutionMinutes: 60 },
      measure,
    );
    const paused = statusChanged(s, new Date('2026-12-07T10:05:00Z'), false, false, measure);
    expect(nextDue(paused)).toBeNull();
    const resumed = statusChanged(paused, new Date('2026-12-07T11:05:00Z'), true, false, measure);
    expect(resumed.firstResponseDueAt?.toISOString()).toBe('2026-12-07T11:10:00.000Z');
    expect(resumed.resolutionDueAt?.toISOString()).toBe('2026-12-07T12:00:00.000Z');
  });
});
