import { z } from 'zod';
import { pagingQuery, text, uuid } from '../../core/primitives.js';
import { DRILL_METRICS, REPORT_DASHBOARDS } from '../../shared/contracts/reports.js';
import { SUPPORT_CHANNELS } from '../../shared/support.js';

/** Request shapes of the reports API; answers are in src/shared/contracts/reports.ts. */
export type * from '../../shared/contracts/reports.js';

/** The longest range one request may cover (a dashboard over several years stays one query). */
export const MAX_RANGE_DAYS = 3 * 366;

const day = (label: string) =>
  text({ trim: true, min: 10, max: 10, label })
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD')
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return (
        !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && v >= '1970-01-01' && v < '2200-01-01'
      );
    }, 'Not a calendar date between 1970 and 2200');

const key = (label: string) => text({ trim: true, min: 1, max: 80, label });

/** The filters every dashboard, drill-down and export takes. */
export const reportFilterFields = {
  from: day('From'),
  to: day('To'),
  compare: z.enum(['previous', 'none'], { error: 'Use previous or none' }).default('none'),
  teamId: uuid().optional(),
  staffId: uuid().optional(),
  channel: z.enum(SUPPORT_CHANNELS, { error: 'Unknown channel' }).optional(),
  language: text({ trim: true, min: 2, max: 8, label: 'Language' })
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?$/, 'Use a language code such as en')
    .optional(),
  country: text({ trim: true, min: 2, max: 2, label: 'Country' })
    .regex(/^[A-Z]{2}$/, 'Use an ISO 3166 two-letter code such as GB')
    .optional(),
  source: key('Source').optional(),
  campaign: key('Campaign').optional(),
};

const rangeChecked = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape).superRefine((q, ctx) => {
    const v = q as unknown as { from: string; to: string };
    if (v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before From' });
    const days = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 + 1;
    if (days > MAX_RANGE_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `At most ${MAX_RANGE_DAYS} days per report` });
  });

export const reportQuery = rangeChecked(reportFilterFields);
export type ReportQuery = z.output<typeof reportQuery>;

export const drillQuery = rangeChecked({
  ...reportFilterFields,
  ...pagingQuery,
  /** A breakdown's value: the score of a CSAT/NPS bar, an SLA target, a bot hand-over reason, a cohort month. */
  key: key('Key').optional(),
});
export type DrillQuery = z.output<typeof drillQuery>;

export const drillParams = z.strictObject({
  metric: z.enum(DRILL_METRICS, { error: 'Unknown metric' }),
});
export const dashboardParams = z.strictObject({
  dashboard: z.enum(REPORT_DASHBOARDS, { error: 'Unknown dashboard' }),
});
