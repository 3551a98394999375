import { and, between, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { BreakdownRow, SalesReport } from '../../shared/contracts/reports.js';
import { staffNamesByIds, teamNamesByIds } from './names.js';
import { figure, periodOf, sliceOf, withPrevious, zipFigures, type ReportAsk } from './figures.js';
import { reportClients } from './schema.js';
import { clientFilters, dailyWhere, type DayRange, type Slice } from './scope.js';
import { amountOf, dailySums, nOf, ofKind, toStats } from './stats.js';

const SALES_KINDS = [
  'lead',
  'demo',
  'live',
  'ftd',
  'deposit',
  'deposit_reversal',
  'withdrawal',
  'call',
  'comment',
  'task_done',
];

/** The sales dashboard (docs/reports.md, "Sales"). */
export async function salesReport(db: Db, ask: ReportAsk, asOf: Date | null): Promise<SalesReport> {
  const totals = (range: DayRange) => dailySums(db, dailyWhere(sliceOf(ask, 'sales', range), SALES_KINDS));
  const { now, before } = await withPrevious(ask, totals);
  const figs = (s: typeof now) => {
    const net = amountOf(s, 'deposit') - amountOf(s, 'deposit_reversal') - amountOf(s, 'withdrawal');
    return [
      figure('leads', 'count', nOf(s, 'lead'), null, 'leads'),
      figure('ftd_count', 'count', nOf(s, 'ftd'), null, 'ftd'),
      figure('ftd_amount', 'money', amountOf(s, 'ftd'), null, 'ftd'),
      figure('deposits', 'money', amountOf(s, 'deposit'), null, 'deposits'),
      figure('withdrawals', 'money', amountOf(s, 'withdrawal'), null, 'withdrawals'),
      figure('net_deposits', 'money', net, null, 'deposits'),
      figure('calls', 'count', nOf(s, 'call'), null, 'calls'),
      figure('comments', 'count', nOf(s, 'comment'), null, 'comments'),
      figure('tasks_done', 'count', nOf(s, 'task_done'), null, 'tasks_done'),
    ];
  };
  const slice = sliceOf(ask, 'sales');
  const where = dailyWhere(slice, SALES_KINDS);
  const [bySource, byCampaign, byCountry, byStaff, byTeam, byDay, funnel] = await Promise.all([
    dailySums(db, dailyWhere(slice, ['lead']), 'source'),
    dailySums(db, dailyWhere(slice, ['lead']), 'campaign'),
    dailySums(db, dailyWhere(slice, ['lead']), 'country'),
    dailySums(db, where, 'staff_key'),
    dailySums(db, dailyWhere(slice, ['ftd', 'deposit']), 'team_key'),
    dailySums(db, where, 'day'),
    funnelOf(db, slice),
  ]);
  const staffIds = [
    ...new Set(
      ofKind(byStaff, 'lead')
        .concat(
          ofKind(byStaff, 'ftd'),
          ofKind(byStaff, 'deposit'),
          ofKind(byStaff, 'call'),
          ofKind(byStaff, 'comment'),
          ofKind(byStaff, 'task_done'),
        )
        .map(([k]) => k),
    ),
  ].filter(Boolean);
  const teamIds = [
    ...new Set([...ofKind(byTeam, 'ftd'), ...ofKind(byTeam, 'deposit')].map(([k]) => k)),
  ].filter(Boolean);
  const [names, tnames] = await Promise.all([staffNamesByIds(db, staffIds), teamNamesByIds(db, teamIds)]);
  const get = (m: typeof byStaff, kind: string, key: string) => m.get(`${kind}|${key}`);
  const breakdown = (m: typeof bySource, label: (k: string) => string = (k) => k || '—'): BreakdownRow[] =>
    ofKind(m, 'lead')
      .map(([key, v]) => ({ key, label: label(key), count: v.n, amount: null, drill: 'leads' as const }))
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  const days = [
    ...new Set(
      ofKind(byDay, 'lead')
        .concat(
          ofKind(byDay, 'ftd'),
          ofKind(byDay, 'deposit'),
          ofKind(byDay, 'withdrawal'),
          ofKind(byDay, 'deposit_reversal'),
        )
        .map(([d]) => d),
    ),
  ].sort();
  return {
    period: periodOf(ask, asOf),
    figures: zipFigures(figs(now), before ? figs(before) : null),
    funnel,
    leadsBy: {
      source: breakdown(bySource),
      campaign: breakdown(byCampaign),
      country: breakdown(byCountry),
      manager: breakdown(byStaff, (k) => (k ? (names.get(k) ?? k) : '—')),
    },
    managers: staffIds
      .map((id) => ({
        staffId: id,
        name: names.get(id) ?? id,
        teamId: null,
        leads: get(byStaff, 'lead', id)?.n ?? 0,
        ftdCount: get(byStaff, 'ftd', id)?.n ?? 0,
        ftdAmount: get(byStaff, 'ftd', id)?.amount ?? 0,
        deposits: get(byStaff, 'deposit', id)?.amount ?? 0,
        calls: get(byStaff, 'call', id)?.n ?? 0,
        comments: get(byStaff, 'comment', id)?.n ?? 0,
        tasksDone: get(byStaff, 'task_done', id)?.n ?? 0,
      }))
      .sort((a, b) => b.ftdAmount - a.ftdAmount || a.name.localeCompare(b.name)),
    teams: teamIds
      .map((id) => ({
        teamId: id,
        name: tnames.get(id) ?? id,
        ftdCount: get(byTeam, 'ftd', id)?.n ?? 0,
        ftdAmount: get(byTeam, 'ftd', id)?.amount ?? 0,
        deposits: get(byTeam, 'deposit', id)?.amount ?? 0,
      }))
      .sort((a, b) => b.ftdAmount - a.ftdAmount),
    series: days.map((day) => {
      const dep = get(byDay, 'deposit', day)?.amount ?? 0;
      const wd = get(byDay, 'withdrawal', day)?.amount ?? 0;
      const rev = get(byDay, 'deposit_reversal', day)?.amount ?? 0;
      return {
        day,
        leads: get(byDay, 'lead', day)?.n ?? 0,
        ftd: get(byDay, 'ftd', day)?.n ?? 0,
        deposits: dep,
        withdrawals: wd,
        net: dep - rev - wd,
      };
    }),
  };
}

const ms = (a: unknown, b: unknown) => sql`(extract(epoch from (${a} - ${b})) * 1000)::bigint`;

/** The cohort of leads created in the range, by their sales manager: how many reached each step, how fast. */
export async function funnelOf(db: Db, slice: Slice): Promise<SalesReport['funnel']> {
  const c = reportClients;
  const where = and(
    between(sql`(${c.createdAt} at time zone 'UTC')::date`, slice.range.from, slice.range.to),
    ...clientFilters(
      {
        staff: c.salesStaffId,
        team: c.salesTeamId,
        country: c.country,
        source: c.source,
        campaign: c.campaign,
      },
      slice,
    ),
  );
  const step = (at: typeof c.demoAt, from: ReturnType<typeof sql>) => {
    const d = ms(at, from);
    return {
      count: sql<number>`count(${at})::int`,
      avg: sql<string | null>`avg(${d})`,
      median: sql<string | null>`percentile_disc(0.5) within group (order by ${d})`,
      p90: sql<string | null>`percentile_disc(0.9) within group (order by ${d})`,
    };
  };
  const q = (at: typeof c.demoAt, from: ReturnType<typeof sql>) =>
    db
      .select(step(at, from))
      .from(c)
      .where(and(where, isNotNull(at)));
  const [[leads], [demo], [live], [ftd]] = await Promise.all([
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(c)
      .where(where),
    q(c.demoAt, sql`${c.createdAt}`),
    q(c.liveAt, sql`coalesce(${c.demoAt}, ${c.createdAt})`),
    q(c.ftdAt, sql`coalesce(${c.liveAt}, ${c.createdAt})`),
  ]);
  const n0 = leads?.count ?? 0;
  const conv = (n: number, of: number) => (of > 0 ? n / of : null);
  return [
    { step: 'lead', count: n0, conversion: null, duration: null, drill: 'leads' },
    {
      step: 'demo',
      count: demo?.count ?? 0,
      conversion: conv(demo?.count ?? 0, n0),
      duration: toStats(demo),
      drill: 'demos',
    },
    {
      step: 'live',
      count: live?.count ?? 0,
      conversion: conv(live?.count ?? 0, demo?.count ?? 0),
      duration: toStats(live),
      drill: 'lives',
    },
    {
      step: 'ftd',
      count: ftd?.count ?? 0,
      conversion: conv(ftd?.count ?? 0, live?.count ?? 0),
      duration: toStats(ftd),
      drill: 'ftd',
    },
  ];
}
