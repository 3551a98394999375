import { and, between, eq, inArray, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Viewer } from '../../core/events.js';
import { reportDaily, reportFacts } from './schema.js';

/**
 * Record scope in reports: holders of `reports.all` see every manager's and agent's figures; a team
 * lead (record scope `team`) their team's and their own; everyone else their own. A fact counts for
 * the staff member and team it was attributed to when it happened (docs/reports.md, "Scope").
 */
export type ReportScope =
  { kind: 'all' } | { kind: 'team'; teamId: string; staffId: string } | { kind: 'own'; staffId: string };

export function reportScope(viewer: Viewer): ReportScope {
  if (viewer.permissions.has('reports.all')) return { kind: 'all' };
  if (viewer.scope === 'team' && viewer.teamId)
    return { kind: 'team', teamId: viewer.teamId, staffId: viewer.id };
  return { kind: 'own', staffId: viewer.id };
}

/** The scope as a condition on a staff and a team column (uuid or text keys alike). */
export function scopeOn(scope: ReportScope, staff: Column, team: Column): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'team':
      return or(eq(team, scope.teamId), eq(staff, scope.staffId)) as SQL;
    case 'own':
      return eq(staff, scope.staffId);
  }
}

export interface ReportFilters {
  teamId?: string | undefined;
  staffId?: string | undefined;
  channel?: string | undefined;
  language?: string | undefined;
  country?: string | undefined;
  source?: string | undefined;
  campaign?: string | undefined;
}

/** Which filters a dashboard's facts carry; the others are ignored there (a channel on sales). */
export const DASHBOARD_FILTERS = {
  sales: ['teamId', 'staffId', 'country', 'source', 'campaign'],
  support: ['teamId', 'staffId', 'channel', 'language'],
  retention: ['teamId', 'staffId', 'country'],
  /** NPS and complaints are about clients: their manager's team and country. */
  clientSide: ['teamId', 'staffId', 'country'],
} as const satisfies Record<string, readonly (keyof ReportFilters)[]>;
export type FilterSet = keyof typeof DASHBOARD_FILTERS;

export interface DayRange {
  from: string;
  to: string;
}

/** The same number of days just before the range. */
export function previousRange(r: DayRange): DayRange {
  const from = Date.parse(`${r.from}T00:00:00Z`);
  const days = (Date.parse(`${r.to}T00:00:00Z`) - from) / 86_400_000 + 1;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(from - days * 86_400_000), to: iso(from - 86_400_000) };
}

type Cols = Record<'staff' | 'team' | 'channel' | 'language' | 'country' | 'source' | 'campaign', Column>;

function filterConds(cols: Cols, f: ReportFilters, set: FilterSet): SQL[] {
  const allowed = new Set<string>(DASHBOARD_FILTERS[set]);
  const out: SQL[] = [];
  const add = (key: keyof ReportFilters, col: Column) => {
    const v = f[key];
    if (v !== undefined && allowed.has(key)) out.push(eq(col, v));
  };
  add('teamId', cols.team);
  add('staffId', cols.staff);
  add('channel', cols.channel);
  add('language', cols.language);
  add('country', cols.country);
  add('source', cols.source);
  add('campaign', cols.campaign);
  return out;
}

const factCols: Cols = {
  staff: reportFacts.staffId,
  team: reportFacts.teamId,
  channel: reportFacts.channel,
  language: reportFacts.language,
  country: reportFacts.country,
  source: reportFacts.source,
  campaign: reportFacts.campaign,
};
const dailyCols: Cols = {
  staff: reportDaily.staffKey,
  team: reportDaily.teamKey,
  channel: reportDaily.channel,
  language: reportDaily.language,
  country: reportDaily.country,
  source: reportDaily.source,
  campaign: reportDaily.campaign,
};

export interface Slice {
  scope: ReportScope;
  range: DayRange;
  filters: ReportFilters;
  set: FilterSet;
}

/** Facts of these kinds in the slice: the rows behind a rollup number. */
export function factsWhere(s: Slice, kinds: readonly string[], extra?: SQL): SQL {
  return and(
    kinds.length === 1 ? eq(reportFacts.kind, kinds[0]!) : inArray(reportFacts.kind, [...kinds]),
    between(reportFacts.day, s.range.from, s.range.to),
    scopeOn(s.scope, reportFacts.staffId, reportFacts.teamId),
    ...filterConds(factCols, s.filters, s.set),
    extra,
  ) as SQL;
}

/** The daily rollup rows of these kinds in the slice. */
export function dailyWhere(s: Slice, kinds: readonly string[], extra?: SQL): SQL {
  return and(
    kinds.length === 1 ? eq(reportDaily.kind, kinds[0]!) : inArray(reportDaily.kind, [...kinds]),
    between(reportDaily.day, s.range.from, s.range.to),
    scopeOn(s.scope, reportDaily.staffKey, reportDaily.teamKey),
    ...filterConds(dailyCols, s.filters, s.set),
    extra,
  ) as SQL;
}

/** Filters on a table of clients (report_clients, report_active_months). */
export function clientFilters(
  cols: Pick<Cols, 'staff' | 'team' | 'country'> & Partial<Cols>,
  s: Slice,
): SQL[] {
  return [
    scopeOn(s.scope, cols.staff, cols.team),
    ...filterConds({ ...factCols, ...cols } as Cols, s.filters, s.set),
  ];
}
