import type { Viewer } from '../../core/events.js';
import type { ReportFigure } from '../../shared/contracts/reports.js';
import type { DigestRole } from '../../shared/reports-digest.js';
import type { ReportQuery } from './contracts.js';
import type { DigestRange, DigestSource } from './digest.js';
import type { DigestSection } from './digest-mail.js';
import { DIGEST_TEXTS, figureLabel, formatFigure, type DigestLocale } from './digest-texts.js';

export { formatFigure } from './digest-texts.js';

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

/** The digest's figures from the dashboards themselves, under the recipient's own record scope. */
export function dashboardDigestSource(reports: DashboardReader): DigestSource {
  return {
    async sections(
      viewer: Viewer,
      range: DigestRange,
      role: DigestRole,
      locale: DigestLocale = 'en',
    ): Promise<DigestSection[]> {
      const texts = DIGEST_TEXTS[locale];
      const q = { from: range.from, to: range.to, compare: 'previous' } as ReportQuery;
      const sections: DigestSection[] = [];
      for (const [dashboard, keys] of Object.entries(DIGEST_FIGURES[role]) as [Dashboard, string[]][]) {
        const { figures } = await reports[dashboard](viewer, q);
        const lines = keys.flatMap((key) => {
          const f = figures.find((x) => x.key === key);
          return f
            ? [
                {
                  label: figureLabel(key, locale),
                  value: formatFigure(f.unit, f.value, locale),
                  previous: f.previous === null ? null : formatFigure(f.unit, f.previous, locale),
                },
              ]
            : [];
        });
        sections.push({ title: texts.titles[dashboard], dashboard, lines });
      }
      return sections;
    },
  };
}
