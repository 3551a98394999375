import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../../shared/support.js';
import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from './calendar.js';

const MINUTE = 60_000;

/**
 * The reference model: step minute by minute, asking Intl for each minute's local date, weekday and
 * time of day — slow, obviously right, and independent of the implementation's segment arithmetic.
 */
const refFormat = new Map<string, Intl.DateTimeFormat>();
function localMinute(t: number, timeZone: string) {
  let f = refFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    refFormat.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday!) + 1;
  return { date: `${p.year}-${p.month}-${p.day}`, weekday, minute: Number(p.hour) * 60 + Number(p.minute) };
}

function isBusinessMinute(t: number, cal: BusinessCalendar): boolean {
  const all = Object.values(cal.businessHours).every((r) => !r || r.every(([s, e]) => e <= s));
  const { date, weekday, minute } = localMinute(t, cal.timeZone);
  if (cal.holidays.includes(date)) return false;
  if (all) return true;
  const ranges = cal.businessHours[String(weekday) as keyof BusinessHours] ?? [];
  return ranges.some(([s, e]) => minute >= s && minute < e);
}

function refBetween(a: number, b: number, cal: BusinessCalendar): number {
  let n = 0;
  for (let t = a; t < b; t += MINUTE) if (isBusinessMinute(t, cal)) n++;
  return n * MINUTE;
}

function refAdd(start: number, ms: number, cal: BusinessCalendar): number {
  let remaining = ms / MINUTE;
  let t = start;
  while (remaining > 0) {
    if (isBusinessMinute(t, cal)) remaining--;
    t += MINUTE;
  }
  return t;
}

const zones = [
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'UTC',
  'Asia/Jakarta',
];
/** Around the DST switches of 2026 in both hemispheres, so the random starts often straddle one. */
const anchors = [
  Date.UTC(2026, 2, 28, 12),
  Date.UTC(2026, 2, 7, 12),
  Date.UTC(2026, 3, 4, 12),
  Date.UTC(2026, 9, 24, 12),
  Date.UTC(2026, 9, 31, 12),
  Date.UTC(2026, 5, 15, 12),
];

const range = fc
  .tuple(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 1440 }))
  .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]);
const hoursArb: fc.Arbitrary<BusinessHours> = fc.record(
  {
    '1': fc.array(range, { maxLength: 2 }),
    '2': fc.array(range, { maxLength: 2 }),
    '3': fc.array(range, { maxLength: 2 }),
    '4': fc.array(range, { maxLength: 2 }),
    '5': fc.array(range, { maxLength: 2 }),
    '6': fc.array(range, { maxLength: 2 }),
    '7': fc.array(range, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

const scenario = fc
  .record({
    timeZone: fc.constantFrom(...zones),
    anchor: fc.constantFrom(...anchors),
    startMinutes: fc.integer({ min: -3 * 1440, max: 3 * 1440 }),
    businessHours: hoursArb,
    holidayOffsets: fc.array(fc.integer({ min: -2, max: 6 }), { maxLength: 3 }),
  })
  .map(({ timeZone, anchor, startMinutes, businessHours, holidayOffsets }) => {
    const start = anchor + startMinutes * MINUTE;
    const holidays = holidayOffsets.map((d) => localMinute(start + d * 86_400_000, timeZone).date);
    return { start, cal: { timeZone, businessHours, holidays } satisfies BusinessCalendar };
  });

/** At least one working minute a week, so the reference terminates. */
function hasHours(cal: BusinessCalendar): boolean {
  const ranges = Object.values(cal.businessHours).flat();
  return ranges.length === 0 || ranges.some((r) => r && r[1] - r[0] >= 30);
}

// The model steps minute by minute: slow by design, so these get time on a busy machine.
describe('business calendar against the minute-stepping model', { timeout: 120_000 }, () => {
  it('businessTimeBetween counts the same minutes', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 4 * 1440 }), ({ start, cal }, span) => {
        const end = start + span * MINUTE;
        expect(businessTimeBetween(new Date(start), new Date(end), cal)).toBe(refBetween(start, end, cal));
      }),
      { numRuns: 60 },
    );
  });

  it('addBusinessTime lands where the model does, and between() gives the amount back', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 1200 }), ({ start, cal }, minutes) => {
        fc.pre(hasHours(cal));
        const due = addBusinessTime(new Date(start), minutes * MINUTE, cal).getTime();
        expect(due).toBe(refAdd(start, minutes * MINUTE, cal));
        expect(businessTimeBetween(new Date(start), new Date(due), cal)).toBe(minutes * MINUTE);
      }),
      { numRuns: 60 },
    );
  });

  it('between() is additive over a split point', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        ({ start, cal }, x, y) => {
          const a = new Date(start);
          const b = new Date(start + x * 1000 * 37);
          const c = new Date(b.getTime() + y * 1000 * 41);
          expect(businessTimeBetween(a, c, cal)).toBe(
            businessTimeBetween(a, b, cal) + businessTimeBetween(b, c, cal),
          );
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('business calendar, by hand', () => {
  const nineToFive: BusinessHours = {
    '1': [[540, 1020]],
    '2': [[540, 1020]],
    '3': [[540, 1020]],
    '4': [[540, 1020]],
    '5': [[540, 1020]],
  };
  const london: BusinessCalendar = {
    timeZone: 'Europe/London',
    businessHours: nineToFive,
    holidays: ['2026-12-25'],
  };

  it('carries a Friday-afternoon deadline over the weekend', () => {
    // Friday 2026-12-04 16:00 London (= UTC in winter) + 2 h → Monday 10:00.
    const due = addBusinessTime(new Date('2026-12-04T16:00:00Z'), 2 * 3_600_000, london);
    expect(due.toISOString()).toBe('2026-12-07T10:00:00.000Z');
  });

  it('skips a holiday', () => {
    // Thursday 24th 16:30 + 1 h: the 25th is off → Monday 28th 09:30.
    const due = addBusinessTime(new Date('2026-12-24T16:30:00Z'), 3_600_000, london);
    expect(due.toISOString()).toBe('2026-12-28T09:30:00.000Z');
  });

  it('follows summer time: 09:00 London is 08:00 UTC in June', () => {
    const due = addBusinessTime(new Date('2026-06-15T07:00:00Z'), 30 * MINUTE, london);
    expect(due.toISOString()).toBe('2026-06-15T08:30:00.000Z');
  });

  it('counts nothing outside the hours, and a night-shift range across the clock change once', () => {
    expect(
      businessTimeBetween(new Date('2026-12-05T00:00:00Z'), new Date('2026-12-07T09:00:00Z'), london),
    ).toBe(0);
    // Sunday 29 March 2026: London skips 01:00–02:00; a 00:00–03:00 range holds two real hours.
    const night: BusinessCalendar = {
      timeZone: 'Europe/London',
      businessHours: { '7': [[0, 180]] },
      holidays: [],
    };
    expect(
      businessTimeBetween(new Date('2026-03-28T12:00:00Z'), new Date('2026-03-29T12:00:00Z'), night),
    ).toBe(2 * 3_600_000);
  });

  it('treats a calendar without hours as around the clock', () => {
    const cal: BusinessCalendar = { timeZone: 'UTC', businessHours: {}, holidays: [] };
    expect(addBusinessTime(new Date('2026-12-05T23:00:00Z'), 2 * 3_600_000, cal).toISOString()).toBe(
      '2026-12-06T01:00:00.000Z',
    );
  });
});
