import type { BusinessHours } from '../../../shared/support.js';

/**
 * A team's working calendar: an IANA time zone, weekly hours per ISO weekday as [start, end) minute
 * ranges of the local day, and local ISO dates (YYYY-MM-DD) off.
 *
 * An instant is business time when its local wall-clock reading (as `Intl` gives it for the zone) falls
 * in that weekday's ranges and its local date is not a holiday. So on the night clocks go forward the
 * skipped hour counts nothing, and on the night they go back a repeated working hour counts twice —
 * exactly what the agents on shift live through. A calendar with no ranges on any day means the team
 * has not set hours yet: every day counts around the clock (holidays still apply).
 */
export interface BusinessCalendar {
  timeZone: string;
  businessHours: BusinessHours;
  holidays: readonly string[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Nothing found in this many days means the calendar has no working time left: a configuration error. */
const SEARCH_DAYS = 3 * 366;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `Intl` knows the zone (the calendar route refuses others). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at instant `t`, in ms (wall clock = t + offset). */
export function offsetAt(t: number, timeZone: string): number {
  const whole = Math.floor(t / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(whole))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - whole;
}

/** The first instant after `t` at which the zone's offset differs from `offset`, or `t + DAY` if none. */
function segmentEnd(t: number, offset: number, timeZone: string): number {
  if (offsetAt(t + DAY, timeZone) === offset) return t + DAY;
  // Transitions fall on whole seconds; at most one per day in every zone's rules.
  let lo = Math.floor(t / 1000);
  let hi = Math.floor((t + DAY) / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 1000, timeZone) === offset) lo = mid;
    else hi = mid;
  }
  return Math.max(hi * 1000, t + 1);
}

type Ranges = readonly (readonly [number, number])[];

/** Each weekday's ranges sorted and merged (overlaps would otherwise count twice). */
function normalise(hours: BusinessHours): Map<number, Ranges> {
  const out = new Map<number, Ranges>();
  let any = false;
  for (let d = 1; d <= 7; d++) {
    const raw = (hours[String(d) as keyof BusinessHours] ?? [])
      .filter(([s, e]) => e > s)
      .map(([s, e]) => [Math.max(0, s), Math.min(1440, e)] as [number, number])
      .sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const r of raw) {
      const last = merged.at(-1);
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    if (merged.length) any = true;
    out.set(d, merged);
  }
  if (!any) for (let d = 1; d <= 7; d++) out.set(d, [[0, 1440]]);
  return out;
}

function isoWeekday(wallDay: number): number {
  const d = new Date(wallDay * DAY).getUTCDay();
  return d === 0 ? 7 : d;
}

function isoDate(wallDay: number): string {
  return new Date(wallDay * DAY).toISOString().slice(0, 10);
}

/**
 * Walks the business intervals (UTC ms) from `from` onwards, in order, calling `visit` with each
 * [start, end) clipped to `from`; stops when `visit` returns false.
 */
function walk(
  from: number,
  cal: BusinessCalendar,
  visit: (start: number, end: number) => boolean,
  until = Infinity,
): void {
  const hours = normalise(cal.businessHours);
  const holidays = new Set(cal.holidays);
  let t = from;
  let idle = 0;
  while (t < until) {
    const offset = offsetAt(t, cal.timeZone);
    const end = segmentEnd(t, offset, cal.timeZone);
    // Within [t, end) wall time is t + offset: plain arithmetic on local days.
    const wallFrom = t + offset;
    const wallTo = end + offset;
    let found = false;
    for (let day = Math.floor(wallFrom / DAY); day * DAY < wallTo; day++) {
      if (holidays.has(isoDate(day))) continue;
      for (const [s, e] of hours.get(isoWeekday(day)) ?? []) {
        const a = Math.max(day * DAY + s * MINUTE, wallFrom);
        const b = Math.min(day * DAY + e * MINUTE, wallTo);
        if (b <= a) continue;
        found = true;
        if (!visit(a - offset, b - offset)) return;
      }
    }
    idle = found ? 0 : idle + (end - t);
    if (idle > SEARCH_DAYS * DAY) throw new RangeError('the calendar has no business time left');
    t = end;
  }
}

/** The earliest instant by which `ms` of business time has passed since `start` (start itself for 0). */
export function addBusinessTime(start: Date, ms: number, cal: BusinessCalendar): Date {
  if (ms <= 0) return new Date(start);
  let remaining = ms;
  let result = start.getTime();
  walk(start.getTime(), cal, (a, b) => {
    if (b - a >= remaining) {
      result = a + remaining;
      return false;
    }
    remaining -= b - a;
    return true;
  });
  return new Date(result);
}

/** Business time in [a, b), in ms; 0 when b is not after a. */
export function businessTimeBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  const to = b.getTime();
  if (to <= a.getTime()) return 0;
  let total = 0;
  walk(
    a.getTime(),
    cal,
    (s, e) => {
      if (s >= to) return false;
      total += Math.min(e, to) - s;
      return e < to;
    },
    to,
  );
  return total;
}

/** How an SLA policy counts time: in the team's business hours, or around the clock. */
export interface TimeMeasure {
  add(start: Date, ms: number): Date;
  between(a: Date, b: Date): number;
}

export function measureFor(businessHoursOnly: boolean, cal: BusinessCalendar): TimeMeasure {
  if (!businessHoursOnly) {
    return {
      add: (start, ms) => new Date(start.getTime() + Math.max(0, ms)),
      between: (a, b) => Math.max(0, b.getTime() - a.getTime()),
    };
  }
  return { add: (s, ms) => addBusinessTime(s, ms, cal), between: (a, b) => businessTimeBetween(a, b, cal) };
}

/** Around the clock, UTC: the calendar of a conversation without a team calendar. */
export const ALWAYS_OPEN: BusinessCalendar = { timeZone: 'UTC', businessHours: {}, holidays: [] };
