import type { FastifyReply } from 'fastify';
import { actorOf, principal, routeDocs, type App } from '../../../core/http.js';
import {
  drillPage,
  reportsCsv,
  retentionReport,
  rollupStatus,
  salesReport,
  supportReport,
} from '../../../shared/contracts/reports.js';
import { dashboardParams, drillParams, drillQuery, reportQuery } from '../contracts.js';
import type { ReportsDeps } from '../index.js';
import type { CsvExport } from '../service.js';
import type { FoldStatus } from '../rollups.js';

const doc = routeDocs(['reports']);

const sendCsv = (reply: FastifyReply, out: CsvExport) =>
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${out.filename}"`)
    .header('cache-control', 'no-store')
    .header('x-row-count', String(out.rowCount))
    .header('x-truncated', String(out.truncated))
    .send(out.body);

const statusOut = (s: FoldStatus) => ({ ...s, updatedAt: s.updatedAt?.toISOString() ?? null });

/** The dashboards, drill-downs and exports (reports.read, under the viewer's record scope); rollups (admin). */
export function reportRoutes(app: App, deps: ReportsDeps): void {
  const read = deps.guard('reports.read');
  const admin = deps.guard('settings.write');
  const svc = deps.reports;

  app.get(
    '/api/reports/sales',
    doc(
      'Sales: leads, the funnel, deposits, FTD per manager and team',
      { querystring: reportQuery, response: { 200: salesReport } },
      read,
    ),
    async (request) => svc.sales(principal(request), request.query),
  );
  app.get(
    '/api/reports/support',
    doc(
      'Support: response and resolution times, FCR, SLA, CSAT, NPS, complaints, bot, volume, agents',
      { querystring: reportQuery, response: { 200: supportReport } },
      read,
    ),
    async (request) => svc.support(principal(request), request.query),
  );
  app.get(
    '/api/reports/retention',
    doc(
      'Retention: active traders, FTD cohorts, gone quiet',
      { querystring: reportQuery, response: { 200: retentionReport } },
      read,
    ),
    async (request) => svc.retention(principal(request), request.query),
  );
  app.get(
    '/api/reports/drill/:metric',
    doc(
      'The records behind a number (paged)',
      { params: drillParams, querystring: drillQuery, response: { 200: drillPage } },
      read,
    ),
    async (request) => ({
      metric: request.params.metric,
      ...(await svc.drill(principal(request), request.params.metric, request.query)),
    }),
  );
  app.get(
    '/api/reports/drill/:metric/export.csv',
    doc(
      'The records behind a number as CSV (audited, row cap)',
      { params: drillParams, querystring: drillQuery, response: { 200: reportsCsv } },
      read,
    ),
    async (request, reply) =>
      sendCsv(
        reply,
        await svc.exportDrill(principal(request), actorOf(request), request.params.metric, request.query),
      ),
  );
  app.get(
    '/api/reports/:dashboard/export.csv',
    doc(
      'A dashboard\u2019s figures as CSV (audited)',
      { params: dashboardParams, querystring: reportQuery, response: { 200: reportsCsv } },
      read,
    ),
    async (request, reply) =>
      sendCsv(
        reply,
        await svc.exportDashboard(
          principal(request),
          actorOf(request),
          request.params.dashboard,
          request.query,
        ),
      ),
  );
  app.get(
    '/api/reports/rollups',
    doc('Where the rollups stand (cursors, facts)', { response: { 200: rollupStatus } }, admin),
    async () => statusOut(await svc.rollups.status()),
  );
  app.post(
    '/api/reports/rollups/rebuild',
    doc('Rebuild every rollup from the raw records', { response: { 200: rollupStatus } }, admin),
    async (request) => statusOut(await svc.rebuild(actorOf(request))),
  );
}
