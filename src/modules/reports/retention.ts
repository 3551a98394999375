import { and, between, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../db/connection.js';
import type { RetentionReport } from '../../shared/contracts/reports.js';
import { figure, periodOf, sliceOf, withPrevious, zipFigures, type ReportAsk } from './figures.js';
import { reportActiveMonths, reportClients } from './schema.js';
import { clientFilters, type DayRange, type Slice } from './scope.js';

/** A trader with no trading activity for this many days has gone quiet. */
export const QUIET_DAYS = 30;
const DAY = 86_400_000;

const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/** Active months in the range: the months that overlap it. */
export function activeWhere(slice: Slice): SQL {
  const a = reportActiveMonths;
  return and(
    between(a.month, monthOf(slice.range.from), monthOf(slice.range.to)),
    ...clientFilters({ staff: a.staffId, team: a.teamId, country: a.country }, slice),
  ) as SQL;
}

/** FTD clients of the range, by their current manager. */
export function cohortWhere(slice: Slice): SQL {
  const c = reportClients;
  return and(
    isNotNull(c.ftdAt),
    between(sql`(${c.ftdAt} at time zone 'UTC')::date`, slice.range.from, slice.range.to),
    ...clientFilters({ staff: c.staffId, team: c.teamId, country: c.country }, slice),
  ) as SQL;
}

/** Traders (an FTD) whose last activity (or FTD) is more than QUIET_DAYS before now. */
export function quietWhere(slice: Slice, now: Date): SQL {
  const c = reportClients;
  return and(
    isNotNull(c.ftdAt),
    lt(sql`coalesce(${c.lastActiveAt}, ${c.ftdAt})`, new Date(now.getTime() - QUIET_DAYS * DAY)),
    ...clientFilters({ staff: c.staffId, team: c.teamId, country: c.country }, slice),
  ) as SQL;
}

/** The retention dashboard (docs/reports.md, "Retention"). */
export async function retentionReport(
  db: Db,
  clock: Clock,
  ask: ReportAsk,
  asOf: Date | null,
): Promise<RetentionReport> {
  const now = clock.now();
  const headline = async (range: DayRange) => {
    const s = sliceOf(ask, 'retention', range);
    const [[active], [ftd]] = await Promise.all([
      db
        .select({ n: sql<number>`count(distinct ${reportActiveMonths.clientId})::int` })
        .from(reportActiveMonths)
        .where(activeWhere(s)),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(reportClients)
        .where(cohortWhere(s)),
    ]);
    return { active: active?.n ?? 0, ftd: ftd?.n ?? 0 };
  };
  const slice = sliceOf(ask, 'retention');
  const [{ now: h, before }, months, cohorts, [quiet]] = await Promise.all([
    withPrevious(ask, headline),
    db
      .select({ month: reportActiveMonths.month, n: sql<number>`count(*)::int` })
      .from(reportActiveMonths)
      .where(activeWhere(slice))
      .groupBy(reportActiveMonths.month)
      .orderBy(reportActiveMonths.month),
    cohortRows(db, slice, now),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(reportClients)
      .where(quietWhere(slice, now)),
  ]);
  const quietN = quiet?.n ?? 0;
  const figs = (x: typeof h) => [
    figure('active_traders', 'count', x.active, null, 'active_traders'),
    figure('ftd_clients', 'count', x.ftd, null, 'cohort'),
    figure('gone_quiet', 'count', quietN, null, 'gone_quiet'),
  ];
  return {
    period: periodOf(ask, asOf),
    figures: zipFigures(
      figs(h),
      before ? figs(before).map((f) => (f.key === 'gone_quiet' ? { ...f, value: null } : f)) : null,
    ),
    active: months.map((m) => ({ month: m.month.slice(0, 7), activeTraders: m.n })),
    cohorts,
    goneQuiet: { count: quietN, quietDays: QUIET_DAYS },
  };
}

async function cohortRows(db: Db, slice: Slice, now: Date): Promise<RetentionReport['cohorts']> {
  const c = reportClients;
  const month = sql<string>`to_char(${c.ftdAt} at time zone 'UTC', 'YYYY-MM')`;
  const kept = (days: number) =>
    sql<number>`count(*) filter (where ${c.lastActiveAt} >= ${c.ftdAt} + make_interval(days => ${days}))::int`;
  const rows = await db
    .select({
      month,
      n: sql<number>`count(*)::int`,
      last: sql<Date>`max(${c.ftdAt})`,
      d30: kept(30),
      d60: kept(60),
      d90: kept(90),
    })
    .from(c)
    .where(cohortWhere(slice))
    .groupBy(month)
    .orderBy(month);
  return rows.map((r) => {
    // A cohort tells its N-day figure once its youngest member is N days past the FTD.
    const mature = (days: number) => new Date(r.last).getTime() + days * DAY <= now.getTime();
    const at = (days: number, v: number) => (mature(days) ? v : null);
    const rate = (days: number, v: number) => (mature(days) && r.n ? v / r.n : null);
    return {
      month: r.month,
      ftdClients: r.n,
      d30: at(30, r.d30),
      d60: at(60, r.d60),
      d90: at(90, r.d90),
      r30: rate(30, r.d30),
      r60: rate(60, r.d60),
      r90: rate(90, r.d90),
    };
  });
}
