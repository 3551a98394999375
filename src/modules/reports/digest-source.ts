import type { Viewer } from '../../core/events.js';
import type { ReportFigure } from '../../shared/contracts/reports.js';
import type { DigestRole } from '../../shared/reports-digest.js';
import type { ReportQuery } from './contracts.js';
import type { DigestRange, DigestSource } from './digest.js';
import type { DigestSection } from './digest-mail.js';

type Dashboard = 'sales' | 'support' | 'retention';

/** The dashboards' reads the digest needs (ReportsService). */
export type DashboardReader = Record<
  Dashboard,
  (viewer: Viewer, q: ReportQuery) => Promise<{ figures: ReportFigure[] }>
>;

/** Each role's headline figures: what that role watches on the dashboards. */
export const DIGEST_FIGURES: Record<DigestRole, Partial<Record<Dashboard, string[]>>> = {
  admin: {
    sales: ['leads', 'ftd_count', 'deposits', 'net_deposits'],
    support: ['conversations', 'frt_median', 'sla_attainment', 'csat_average'],
    retention: ['active_traders', 'gone_quiet'],
  },
  team_lead: {
    sales: ['leads', 'ftd_count', 'ftd_amount', 'deposits'],
    support: ['conversations', 'frt_median', 'csat_average'],
  },
  sales_manager: { sales: ['leads', 'ftd_count', 'ftd_amount', 'calls'] },
  retention_manager: {
    sales: ['ftd_count', 'deposits', 'net_deposits'],
    retention: ['active_traders', 'gone_quiet'],
  },
  support_agent: { support: ['conversations', 'frt_median', 'csat_average'] },
  finance: { sales: ['deposits', 'withdrawals', 'net_deposits', 'ftd_amount'] },
  compliance: { support: ['complaints', 'sla_attainment', 'csat_average', 'nps'] },
};

const TITLES: Record<Dashboard, string> = { sales: 'Sales', support: 'Support', retention: 'Retention' };
const LABELS: Record<string, string> = {
  leads: 'Leads',
  ftd_count: 'FTD',
  ftd_amount: 'FTD amount',
  deposits: 'Deposits',
  withdrawals: 'Withdrawals',
  net_deposits: 'Net deposits',
  conversations: 'Conversations',
  frt_median: 'First response (median)',
  sla_attainment: 'SLA attainment',
  csat_average: 'CSAT',
  nps: 'NPS',
  complaints: 'Complaints',
  calls: 'Calls',
  active_traders: 'Active traders',
  gone_quiet: 'Gone quiet',
};

/** A figure as the mail prints it: money in major units, durations in minutes or hours, shares in %. */
export function formatFigure(unit: ReportFigure['unit'], v: number | null): string {
  if (v === null) return '—';
  switch (unit) {
    case 'money':
      return (v / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'ms':
      return v < 60_000
        ? `${Math.round(v / 1000)} s`
        : v < 3_600_000
          ? `${Math.round(v / 60_000)} min`
          : `${(v / 3_600_000).toFixed(1)} h`;
    case 'ratio':
      return `${(v * 100).toFixed(1)} %`;
    case 'score':
      return v.toFixed(2);
    default:
      return v.toLocaleString('en');
  }
}

/** The digest's figures from the dashboards themselves, under the recipient's own record scope. */
export function dashboardDigestSource(reports: DashboardReader): DigestSource {
  return {
    async sections(viewer: Viewer, range: DigestRange, role: DigestRole): Promise<DigestSection[]> {
      const q = { from: range.from, to: range.to, compare: 'previous' } as ReportQuery;
      const sections: DigestSection[] = [];
      for (const [dashboard, keys] of Object.entries(DIGEST_FIGURES[role]) as [Dashboard, string[]][]) {
        const { figures } = await reports[dashboard](viewer, q);
        const lines = keys.flatMap((key) => {
          const f = figures.find((x) => x.key === key);
          return f
            ? [
                {
                  label: LABELS[key] ?? key,
                  value: formatFigure(f.unit, f.value),
                  previous: f.previous === null ? null : formatFigure(f.unit, f.previous),
                },
              ]
            : [];
        });
        sections.push({ title: TITLES[dashboard], dashboard, lines });
      }
      return sections;
    },
  };
}
