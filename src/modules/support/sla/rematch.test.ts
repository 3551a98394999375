import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../../shared/support.js';
import { measureFor, offsetAt, type BusinessCalendar } from './calendar.js';
import { started, statusChanged, type SlaState, type SlaTargets } from './clocks.js';
import { rematched } from './rematch.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Whether minute `t` is business time, straight from the wall clock (as in clocks.test.ts). */
function businessMinute(t: number, cal: BusinessCalendar, businessOnly: boolean): boolean {
  if (!businessOnly) return true;
  const wall = t + offsetAt(t, cal.timeZone);
  const day = new Date(Math.floor(wall / DAY) * DAY);
  if (cal.holidays.includes(day.toISOString().slice(0, 10))) return false;
  const iso = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  const minute = Math.floor((wall % DAY) / MINUTE);
  if (!Object.values(cal.businessHours).flat().length) return true;
  return (cal.businessHours[String(iso) as keyof BusinessHours] ?? []).some(
    ([s, e]) => minute >= s && minute < e,
  );
}

const HOURS: BusinessHours[] = [
  { '1': [[540, 1020]], '2': [[540, 1020]], '3': [[540, 1020]], '4': [[540, 1020]], '5': [[540, 1020]] },
  { '1': [[0, 720]], '3': [[60, 180]], '6': [[0, 1440]], '7': [[30, 200]] },
  {},
];
const rule = fc.record({
  timeZone: fc.constantFrom('Europe/London', 'America/New_York', 'Asia/Jakarta'),
  businessOnly: fc.boolean(),
  hours: fc.constantFrom(...HOURS),
  first: fc.integer({ min: 1, max: 600 }),
  resolution: fc.integer({ min: 1, max: 2000 }),
});
const arb = fc.record({
  start: fc.integer({ min: 0, max: 14 * 24 * 60 }).map((m) => Date.UTC(2026, 2, 20) + m * MINUTE),
  before: rule,
  after: rule,
  /** Minutes between status flips (open → pending → open …); the rematch comes after `at` of them. */
  gaps: fc.array(fc.integer({ min: 1, max: 600 }), { maxLength: 8 }),
  at: fc.nat({ max: 8 }),
  lastGap: fc.integer({ min: 0, max: 600 }),
});

type Rule = typeof rule extends fc.Arbitrary<infer A> ? A : never;

// The reference steps minute by minute: slow by design.
describe('SLA rematch against the minute-counting model', { timeout: 120_000 }, () => {
  it('keeps the time counted under the old policy and counts the rest of the new target on the new calendar', () => {
    fc.assert(
      fc.property(arb, ({ start, before, after, gaps, at, lastGap }) => {
        const calOf = (r: Rule): BusinessCalendar => ({
          timeZone: r.timeZone,
          businessHours: r.hours,
          holidays: [new Date(start + 2 * DAY).toISOString().slice(0, 10)],
        });
        const targetsOf = (r: Rule): SlaTargets => ({
          firstResponseMinutes: r.first,
          nextResponseMinutes: null,
          resolutionMinutes: r.resolution,
        });
        const oldRule = {
          targets: targetsOf(before),
          measure: measureFor(before.businessOnly, calOf(before)),
        };
        const newRule = { targets: targetsOf(after), measure: measureFor(after.businessOnly, calOf(after)) };
        // The timeline: status flips at these instants; the rematch after `at` of them plus lastGap.
        const flips: number[] = [];
        let now = start;
        for (const g of gaps) flips.push((now += g * MINUTE));
        const cut = Math.min(at, flips.length);
        const rematchAt = (cut ? flips[cut - 1]! : start) + lastGap * MINUTE;
        // Flips after the rematch are moved past it, keeping their order.
        const after1 = rematchAt + MINUTE;
        const timeline = flips.map((f, i) => (i < cut ? f : Math.max(f, after1) + (i - cut) * MINUTE));
        // Ending open (deadlines are final only while the clocks run), after the rematch.
        const ends =
          timeline.length % 2 === 1
            ? [...timeline, Math.max(timeline.at(-1)!, rematchAt) + MINUTE]
            : timeline;

        let s: SlaState = started(new Date(start), oldRule.targets, oldRule.measure);
        let open = true;
        let rematchedYet = false;
        const doRematch = () => {
          s = rematched(s, new Date(start), new Date(rematchAt), oldRule, newRule);
          rematchedYet = true;
        };
        for (const [i, t] of ends.entries()) {
          if (!rematchedYet && i >= cut) doRematch();
          open = !open;
          const measure = rematchedYet ? newRule.measure : oldRule.measure;
          s = statusChanged(s, new Date(t), open, false, measure);
        }
        if (!rematchedYet) doRematch();
        expect(open).toBe(true);

        // The model: a clock counts open business minutes (the old calendar before the rematch, the
        // new one after); a deadline reached before it stays; a new target already used up is due at
        // the rematch (or at the start of the pause it fell in).
        const openAt = (x: number) => {
          let o = true;
          for (const f of ends) if (f <= x) o = !o;
          return o;
        };
        const busy = (x: number) =>
          x < rematchAt
            ? businessMinute(x, calOf(before), before.businessOnly)
            : businessMinute(x, calOf(after), after.businessOnly);
        const pauseStart = [start, ...ends].filter((f) => f <= rematchAt).at(-1)!;
        const ref = openAt(rematchAt) ? rematchAt : pauseStart;
        const reference = (oldTarget: number, newTarget: number) => {
          let counted = 0;
          let x = start;
          for (; x < ref; x += MINUTE) {
            if (openAt(x) && busy(x)) counted++;
            if (counted === oldTarget) return x + MINUTE;
          }
          if (counted >= newTarget) return ref;
          for (x = Math.max(x, rematchAt); counted < newTarget; x += MINUTE)
            if (openAt(x) && busy(x)) counted++;
          return x;
        };
        expect(s.firstResponseDueAt?.getTime()).toBe(reference(before.first, after.first));
        expect(s.resolutionDueAt?.getTime()).toBe(reference(before.resolution, after.resolution));
      }),
      { numRuns: 60 },
    );
  });

  it('clears a clock the new policy does not measure, and keeps a met first response', () => {
    const measure = measureFor(false, { timeZone: 'UTC', businessHours: {}, holidays: [] });
    const t0 = new Date('2026-12-07T10:00:00Z');
    const targets = { firstResponseMinutes: 10, nextResponseMinutes: 10, resolutionMinutes: 60 };
    const s = { ...started(t0, targets, measure), firstResponseAt: new Date('2026-12-07T10:02:00Z') };
    const out = rematched(
      s,
      t0,
      new Date('2026-12-07T10:05:00Z'),
      { targets, measure },
      { targets: { ...targets, firstResponseMinutes: 1, resolutionMinutes: null }, measure },
    );
    expect(out.firstResponseDueAt).toEqual(s.firstResponseDueAt);
    expect(out.resolutionDueAt).toBeNull();
    // No policy before: counted from the conversation's creation.
    const fresh = rematched(
      { ...s, firstResponseAt: null, firstResponseDueAt: null, resolutionDueAt: null },
      t0,
      new Date('2026-12-07T10:05:00Z'),
      null,
      { targets, measure },
    );
    expect(fresh.firstResponseDueAt?.toISOString()).toBe('2026-12-07T10:10:00.000Z');
    expect(fresh.resolutionDueAt?.toISOString()).toBe('2026-12-07T11:00:00.000Z');
  });
});
