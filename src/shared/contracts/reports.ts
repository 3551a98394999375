import { z } from 'zod';
import { isoTime, textBody } from './common.js';

/**
 * Reports (issue 14): the response schemas of `/api/reports/*`, shared with the web app (dashboards,
 * wallboard). Every definition is in docs/reports.md. Money is in the broker's base currency's minor
 * units; durations in milliseconds; rates are shares 0–1 (null when the denominator is 0).
 *
 * Query of every dashboard, drill-down and export (all optional but `from`/`to`):
 * `from`, `to` (YYYY-MM-DD, UTC days, both included), `compare=previous|none`, `teamId`, `staffId`,
 * `channel`, `language`, `country`, `source`, `campaign`; drill-downs add `page`, `pageSize` and the
 * drill's own `key` (a breakdown's value, e.g. the score of a CSAT bar).
 */

export const REPORT_DASHBOARDS = ['sales', 'support', 'retention'] as const;
export type ReportDashboard = (typeof REPORT_DASHBOARDS)[number];

/** The metrics a number can be drilled into: `GET /api/reports/drill/:metric`. */
export const DRILL_METRICS = [
  // sales
  'leads',
  'demos',
  'lives',
  'ftd',
  'deposits',
  'withdrawals',
  'calls',
  'comments',
  'tasks_done',
  // support
  'conversations',
  'first_response',
  'next_response',
  'resolution',
  'fcr',
  'sla_breaches',
  'csat',
  'nps',
  'complaints',
  'complaints_late',
  'bot_resolved',
  'bot_handover',
  // retention
  'active_traders',
  'cohort',
  'gone_quiet',
] as const;
export type DrillMetric = (typeof DRILL_METRICS)[number];

export const FIGURE_UNITS = ['count', 'money', 'ms', 'ratio', 'score'] as const;

/** One headline number, with the previous period's value when `compare=previous`. */
export const reportFigure = z.object({
  key: z.string(),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  unit: z.enum(FIGURE_UNITS),
  /** The drill-down metric behind this number (`/api/reports/drill/:drill`), null when none. */
  drill: z.enum(DRILL_METRICS).nullable(),
});
export type ReportFigure = z.input<typeof reportFigure>;

/** Average, median and 90th percentile (nearest rank) of a set of durations. */
export const durationStats = z.object({
  count: z.number(),
  avgMs: z.number().nullable(),
  medianMs: z.number().nullable(),
  p90Ms: z.number().nullable(),
});
export type DurationStats = z.input<typeof durationStats>;

/** A duration in calendar time and in the team's business hours (support). */
export const timedStats = z.object({ calendar: durationStats, business: durationStats });

/** One bar of a breakdown: `key` is the value (a source, a team id…), `label` what to show. */
export const breakdownRow = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number(),
  amount: z.number().nullable(),
  drill: z.enum(DRILL_METRICS),
});
export type BreakdownRow = z.input<typeof breakdownRow>;

export const reportPeriod = z.object({
  from: z.string(),
  to: z.string(),
  previousFrom: z.string().nullable(),
  previousTo: z.string().nullable(),
  /** Last event and support metric the rollups include, and when they were folded in. */
  rollupsAsOf: isoTime.nullable(),
});

// ---- Sales ----
export const FUNNEL_STEPS = ['lead', 'demo', 'live', 'ftd'] as const;
export const funnelStep = z.object({
  step: z.enum(FUNNEL_STEPS),
  /** Clients of the cohort (leads created in the period) that reached this step (so far). */
  count: z.number(),
  /** count / the previous step's count (null for lead). */
  conversion: z.number().nullable(),
  /** Time from the previous step to this one, over the clients that reached it (null for lead). */
  duration: durationStats.nullable(),
  drill: z.enum(DRILL_METRICS),
});
export const managerRow = z.object({
  staffId: z.string(),
  name: z.string(),
  teamId: z.string().nullable(),
  leads: z.number(),
  ftdCount: z.number(),
  ftdAmount: z.number(),
  deposits: z.number(),
  calls: z.number(),
  comments: z.number(),
  tasksDone: z.number(),
});
export const teamRow = z.object({
  teamId: z.string(),
  name: z.string(),
  ftdCount: z.number(),
  ftdAmount: z.number(),
  deposits: z.number(),
});
export const salesDay = z.object({
  day: z.string(),
  leads: z.number(),
  ftd: z.number(),
  deposits: z.number(),
  withdrawals: z.number(),
  net: z.number(),
});
export const salesReport = z.object({
  period: reportPeriod,
  /** leads, ftd_count, ftd_amount, deposits, withdrawals, net_deposits, calls, comments, tasks_done. */
  figures: z.array(reportFigure),
  funnel: z.array(funnelStep),
  leadsBy: z.object({
    source: z.array(breakdownRow),
    campaign: z.array(breakdownRow),
    country: z.array(breakdownRow),
    manager: z.array(breakdownRow),
  }),
  managers: z.array(managerRow),
  teams: z.array(teamRow),
  series: z.array(salesDay),
});
export type SalesReport = z.input<typeof salesReport>;

// ---- Support ----
export const SLA_REPORT_TARGETS = ['first_response', 'next_response', 'resolution'] as const;
export const slaRow = z.object({
  target: z.enum(SLA_REPORT_TARGETS),
  measured: z.number(),
  breached: z.number(),
  attainment: z.number().nullable(),
});
export const scoreBar = z.object({ score: z.number(), count: z.number() });
export const agentRow = z.object({
  staffId: z.string(),
  name: z.string(),
  firstResponses: z.number(),
  frtMedianMs: z.number().nullable(),
  frtBusinessMedianMs: z.number().nullable(),
  replies: z.number(),
  resolutions: z.number(),
  fcrRate: z.number().nullable(),
  csatCount: z.number(),
  csatAverage: z.number().nullable(),
  breaches: z.number(),
});
export const heatCell = z.object({
  /** 0 = Monday … 6 = Sunday (UTC). */
  weekday: z.number(),
  hour: z.number(),
  count: z.number(),
});
export const supportDay = z.object({
  day: z.string(),
  conversations: z.number(),
  resolved: z.number(),
  frtMedianMs: z.number().nullable(),
});
export const supportReport = z.object({
  period: reportPeriod,
  /** conversations, frt_median, frt_business_median, resolution_median, fcr_rate, sla_attainment,
   * csat_average, nps, complaints, bot_resolved_rate. */
  figures: z.array(reportFigure),
  times: z.object({ firstResponse: timedStats, nextResponse: timedStats, resolution: timedStats }),
  fcr: z.object({ resolved: z.number(), firstContact: z.number(), rate: z.number().nullable() }),
  sla: z.array(slaRow),
  csat: z.object({
    count: z.number(),
    average: z.number().nullable(),
    /** Share of 4 and 5. */
    satisfied: z.number().nullable(),
    distribution: z.array(scoreBar),
  }),
  nps: z.object({
    count: z.number(),
    /** % promoters − % detractors, −100…100. */
    score: z.number().nullable(),
    promoters: z.number(),
    passives: z.number(),
    detractors: z.number(),
    distribution: z.array(scoreBar),
  }),
  complaints: z.object({
    count: z.number(),
    resolved: z.number(),
    onTime: z.number(),
    late: z.number(),
    resolution: durationStats,
  }),
  bot: z.object({
    resolved: z.number(),
    handedOver: z.number(),
    resolvedRate: z.number().nullable(),
    handoverRate: z.number().nullable(),
    reasons: z.array(breakdownRow),
  }),
  volume: z.object({
    byChannel: z.array(breakdownRow),
    byLanguage: z.array(breakdownRow),
    heatmap: z.array(heatCell),
  }),
  agents: z.array(agentRow),
  series: z.array(supportDay),
});
export type SupportReport = z.input<typeof supportReport>;

// ---- Retention ----
export const activeMonth = z.object({ month: z.string(), activeTraders: z.number() });
export const cohortRow = z.object({
  /** The FTD month, YYYY-MM. */
  month: z.string(),
  ftdClients: z.number(),
  /** Clients still trading after 30/60/90 days; null while the cohort is too young to tell. */
  d30: z.number().nullable(),
  d60: z.number().nullable(),
  d90: z.number().nullable(),
  r30: z.number().nullable(),
  r60: z.number().nullable(),
  r90: z.number().nullable(),
});
export const retentionReport = z.object({
  period: reportPeriod,
  /** active_traders, ftd_clients, gone_quiet. */
  figures: z.array(reportFigure),
  active: z.array(activeMonth),
  cohorts: z.array(cohortRow),
  goneQuiet: z.object({ count: z.number(), quietDays: z.number() }),
});
export type RetentionReport = z.input<typeof retentionReport>;

// ---- Drill-down ----
/** One record behind a number: a fact (an event or support metric) or a client. */
export const drillRow = z.object({
  id: z.string(),
  at: isoTime,
  kind: z.string(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  conversationId: z.string().nullable(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  teamId: z.string().nullable(),
  channel: z.string().nullable(),
  language: z.string().nullable(),
  country: z.string().nullable(),
  amount: z.number().nullable(),
  durationMs: z.number().nullable(),
  businessMs: z.number().nullable(),
  score: z.number().nullable(),
  detail: z.string().nullable(),
});
export type DrillRow = z.input<typeof drillRow>;
export const drillPage = z.object({
  metric: z.enum(DRILL_METRICS),
  items: z.array(drillRow),
  total: z.number(),
});
export type DrillPage = z.input<typeof drillPage>;

// ---- Rollups ----
export const rollupStatus = z.object({
  eventCursor: z.number(),
  metricCursor: z.number(),
  facts: z.number(),
  updatedAt: isoTime.nullable(),
});
export type RollupStatus = z.input<typeof rollupStatus>;

// ---- Wallboard (R2) ----
export const wallboard = z.object({
  waiting: z.number(),
  longestWaitSec: z.number(),
  agentsOnline: z.number(),
  todayFrtSec: z.number().nullable(),
  todayCsat: z.number().nullable(),
});
export type Wallboard = z.input<typeof wallboard>;

/** A drill-down's rows or a dashboard's figures as CSV (formula-neutralised, audited, row cap). */
export const reportsCsv = {
  description: 'Report rows as CSV',
  content: { 'text/csv': { schema: textBody } },
};
/** Most rows one CSV export holds; `x-truncated: true` says more matched. */
export const REPORT_EXPORT_MAX_ROWS = 50_000;
