import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  deadlineFor,
  isBusinessDay,
  levelReached,
  localDate,
  startOfLocalDay,
  warningTimes,
  type ComplaintCalendar,
} from '../../src/modules/complaints/calendar.js';
import { JURISDICTIONS, JURISDICTION_PRESETS } from '../../src/shared/complaints.js';

// Complaint deadlines of each preset, across weekends, holidays and the 2026 DST switches, against a
// model that walks the calendar one local day at a time with its own date arithmetic (Date's setUTCDate).

const FROM = Date.UTC(2025, 11, 1);
const TO = Date.UTC(2027, 0, 31);
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));

/** Random holiday lists: up to 25 dates of 2026, plus the preset's own. */
const holidays = fc.uniqueArray(
  fc.integer({ min: 0, max: 430 }).map((d) => new Date(FROM + d * 86_400_000).toISOString().slice(0, 10)),
  { maxLength: 25 },
);

/** The model's next day: a Date moved with setUTCDate, not the module's addDays. */
function nextDay(date: string, by = 1): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}
const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
const business = (date: string, cal: ComplaintCalendar) =>
  weekday(date) !== 0 && weekday(date) !== 6 && !cal.holidays.includes(date);
/** The local day a deadline closes: the deadline is that day's end, so its last instant is on it. */
const closingDay = (due: Date, tz: string) => localDate(new Date(due.getTime() - 1), tz);

describe.each(JURISDICTIONS)('complaint deadlines: %s preset', (jurisdiction) => {
  const preset = JURISDICTION_PRESETS[jurisdiction];
  const calOf = (extra: string[]): ComplaintCalendar => ({
    timeZone: preset.timeZone,
    holidays: [...new Set([...preset.holidays, ...extra])],
  });

  it('the acknowledgement deadline follows the preset rule across weekends and holidays', () => {
    fc.assert(
      fc.property(instant, holidays, (received, extra) => {
        const cal = calOf(extra);
        const due = deadlineFor(received, preset.acknowledgement, cal);
        expect(due.getTime()).toBeGreaterThan(received.getTime());
        const rule = preset.acknowledgement;
        if (rule.unit === 'hours') {
          expect(due.getTime() - received.getTime()).toBe(rule.n * 3_600_000);
          return;
        }
        // business days: the closing day is a business day, ends at local midnight, and exactly n
        // business days lie after the day of receipt up to and including it.
        const closing = closingDay(due, cal.timeZone);
        expect(business(closing, cal)).toBe(true);
        expect(localDate(due, cal.timeZone)).toBe(nextDay(closing));
        let counted = 0;
        for (let d = nextDay(localDate(received, cal.timeZone)); d <= closing; d = nextDay(d))
          if (business(d, cal)) counted++;
        expect(counted).toBe(rule.n);
      }),
      { numRuns: 300 },
    );
  });

  it('the final response deadline is the nominal day, or the last business day before it', () => {
    fc.assert(
      fc.property(instant, holidays, (received, extra) => {
        const cal = calOf(extra);
        const due = deadlineFor(received, preset.finalResponse, cal);
        const rule = preset.finalResponse;
        const receivedDay = localDate(received, cal.timeZone);
        let nominal: string;
        if (rule.unit === 'months') {
          const d = new Date(`${receivedDay}T12:00:00Z`);
          const day = d.getUTCDate();
          d.setUTCDate(1);
          d.setUTCMonth(d.getUTCMonth() + rule.n);
          const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
          d.setUTCDate(Math.min(day, last));
          nominal = d.toISOString().slice(0, 10);
        } else nominal = nextDay(receivedDay, rule.n);
        const closing = closingDay(due, cal.timeZone);
        expect(closing <= nominal).toBe(true);
        expect(closing > receivedDay).toBe(true);
        expect(business(closing, cal)).toBe(true);
        // Nothing between the closing day and the nominal day was a business day.
        for (let d = nextDay(closing); d <= nominal; d = nextDay(d)) expect(business(d, cal)).toBe(false);
        // The deadline is the closing day's local midnight.
        expect(startOfLocalDay(nextDay(closing), cal.timeZone).getTime()).toBe(due.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('a later complaint never gets an earlier deadline', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 20 * 86_400_000 }), holidays, (a, gap, extra) => {
        const cal = calOf(extra);
        const b = new Date(a.getTime() + gap);
        for (const rule of [preset.acknowledgement, preset.finalResponse])
          expect(deadlineFor(b, rule, cal).getTime()).toBeGreaterThanOrEqual(
            deadlineFor(a, rule, cal).getTime(),
          );
      }),
      { numRuns: 200 },
    );
  });

  it('no deadline closes on a holiday or a weekend (day-based rules)', () => {
    fc.assert(
      fc.property(instant, holidays, (received, extra) => {
        const cal = calOf(extra);
        for (const rule of [preset.acknowledgement, preset.finalResponse]) {
          if (rule.unit === 'hours') continue;
          const closing = closingDay(deadlineFor(received, rule, cal), cal.timeZone);
          expect(cal.holidays.includes(closing)).toBe(false);
          expect([0, 6]).not.toContain(weekday(closing));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('complaint calendar pieces', () => {
  it('local midnight is found across DST switches', () => {
    // London goes forward on 29 Mar 2026, Sydney back on 5 Apr 2026, Nicosia forward on 29 Mar 2026.
    expect(startOfLocalDay('2026-03-30', 'Europe/London').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(startOfLocalDay('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLocalDay('2026-04-06', 'Australia/Sydney').toISOString()).toBe('2026-04-05T14:00:00.000Z');
    expect(startOfLocalDay('2026-04-05', 'Australia/Sydney').toISOString()).toBe('2026-04-04T13:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', 'Asia/Nicosia').toISOString()).toBe('2026-03-29T21:00:00.000Z');
  });

  it('FCA: received on Friday before the Easter weekend → acknowledged by the end of Tuesday', () => {
    const cal = { timeZone: 'Europe/London', holidays: JURISDICTION_PRESETS.fca.holidays };
    // Thu 2 Apr 2026 15:00 London; Good Friday 3 Apr, Easter Monday 6 Apr are holidays.
    const due = deadlineFor(new Date('2026-04-02T14:00:00Z'), { unit: 'business_days', n: 1 }, cal);
    expect(due.toISOString()).toBe('2026-04-07T23:00:00.000Z'); // end of Tue 7 Apr (BST)
    expect(isBusinessDay('2026-04-03', cal)).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('CySEC: 2 months from 31 December end on the last business day of February', () => {
    const cal = { timeZone: 'Asia/Nicosia', holidays: [] };
    const due = deadlineFor(new Date('2025-12-31T10:00:00Z'), { unit: 'months', n: 2 }, cal);
    // 28 Feb 2026 is a Saturday → Friday 27 Feb, whose end is 22:00 UTC (EET).
    expect(due.toISOString()).toBe('2026-02-27T22:00:00.000Z');
  });

  it('warnings at 50, 80 and 100 % of the span, in order; the level reached is the highest passed', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 60_000, max: 90 * 86_400_000 }), (received, span) => {
        const due = new Date(received.getTime() + span);
        const times = warningTimes(received, due);
        expect(times.map((t) => t.level)).toEqual([50, 80, 100]);
        expect(times[2]!.at.getTime()).toBe(due.getTime());
        for (let i = 1; i < times.length; i++)
          expect(times[i]!.at.getTime()).toBeGreaterThanOrEqual(times[i - 1]!.at.getTime());
        expect(levelReached(received, due, new Date(times[0]!.at.getTime() - 1))).toBe(0);
        expect(levelReached(received, due, times[1]!.at)).toBe(80);
        expect(levelReached(received, due, due)).toBe(100);
      }),
    );
  });
});
