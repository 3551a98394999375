import { WARNING_LEVELS, type DeadlineRule, type WarningLevel } from '../../shared/complaints.js';

/**
 * Complaint deadlines (pure): local days in the policy's time zone, Saturdays and Sundays and the
 * policy's holidays are not business days. The wall clock comes from `Intl` for the zone, so daylight
 * saving changes need no tables of our own. Property-tested in tests/integration/complaints-deadlines.
 */
export interface ComplaintCalendar {
  timeZone: string;
  /** Local ISO dates (YYYY-MM-DD). */
  holidays: readonly string[];
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall clock of an instant as if it were UTC (ms), for offset arithmetic. */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** Whether the zone is one `Intl` knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

const parseDate = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
const formatDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: string, n: number): string => formatDate(parseDate(date) + n * DAY_MS);

/** The same day n months later; a day the month lacks becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, n: number): string {
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7) - 1 + n;
  const d = +date.slice(8, 10);
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return formatDate(Date.UTC(y, m, Math.min(d, last)));
}

/** The instant the local day begins (local midnight; the first instant of that date if midnight is skipped). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const target = parseDate(date);
  let t = target - (wallClock(target, timeZone) - target);
  t = target - (wallClock(t, timeZone) - t);
  // A zone whose clocks skip midnight: step forward to the first instant of that date.
  while (localDate(new Date(t), timeZone) < date) t += 60_000;
  return new Date(t);
}

export function isBusinessDay(date: string, cal: ComplaintCalendar): boolean {
  const weekday = new Date(parseDate(date)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !cal.holidays.includes(date);
}

/** Business days are at least the weekdays of a year minus the holidays; a bound on every walk. */
const MAX_WALK = 3_700;

/** The deadline of a rule for a complaint received at `receivedAt`. */
export function deadlineFor(receivedAt: Date, rule: DeadlineRule, cal: ComplaintCalendar): Date {
  if (rule.unit === 'hours') return new Date(receivedAt.getTime() + rule.n * 3_600_000);
  const received = localDate(receivedAt, cal.timeZone);
  let day: string;
  if (rule.unit === 'business_days') {
    day = received;
    for (let counted = 0, steps = 0; counted < rule.n && steps < MAX_WALK; steps++) {
      day = addDays(day, 1);
      if (isBusinessDay(day, cal)) counted++;
    }
  } else {
    const nominal = rule.unit === 'months' ? addMonths(received, rule.n) : addDays(received, rule.n);
    day = nominal;
    for (let steps = 0; !isBusinessDay(day, cal) && steps < MAX_WALK; steps++) day = addDays(day, -1);
    // Never before the day after receipt: then the nominal day stands.
    if (day <= received) day = nominal;
  }
  return startOfLocalDay(addDays(day, 1), cal.timeZone);
}

/** The instants at which each warning level of a deadline is due. */
export function warningTimes(receivedAt: Date, dueAt: Date): { level: WarningLevel; at: Date }[] {
  const span = dueAt.getTime() - receivedAt.getTime();
  return WARNING_LEVELS.map((level) => ({
    level,
    at: new Date(receivedAt.getTime() + Math.ceil((span * level) / 100)),
  }));
}

/** The highest warning level reached at `now` (0 when none). */
export function levelReached(receivedAt: Date, dueAt: Date, now: Date): WarningLevel | 0 {
  let reached: WarningLevel | 0 = 0;
  for (const w of warningTimes(receivedAt, dueAt)) if (w.at.getTime() <= now.getTime()) reached = w.level;
  return reached;
}
