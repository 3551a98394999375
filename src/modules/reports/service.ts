import { Readable } from 'node:stream';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { appendEvents, type Viewer } from '../../core/events.js';
import type { Paged } from '../../core/paging.js';
import type { Db } from '../../db/connection.js';
import {
  REPORT_EXPORT_MAX_ROWS,
  type DrillMetric,
  type DrillRow,
  type ReportDashboard,
  type ReportFigure,
} from '../../shared/contracts/reports.js';
import { formatRecord, neutraliseFormula } from '../clients/index.js';
import type { DrillQuery, ReportQuery } from './contracts.js';
import { drill } from './drill.js';
import type { ReportAsk } from './figures.js';
import { retentionReport } from './retention.js';
import { Rollups } from './rollups.js';
import { salesReport } from './sales.js';
import { reportScope } from './scope.js';
import { supportReport } from './support-report.js';

const DRILL_COLUMNS = [
  'id',
  'at',
  'kind',
  'clientId',
  'clientName',
  'conversationId',
  'staffId',
  'staffName',
  'teamId',
  'channel',
  'language',
  'country',
  'amount',
  'durationMs',
  'businessMs',
  'score',
  'detail',
] as const satisfies readonly (keyof DrillRow)[];

export interface CsvExport {
  filename: string;
  rowCount: number;
  truncated: boolean;
  body: Readable;
}

/** The reports' reads: dashboards, drill-downs and their CSV exports, all under the viewer's scope. */
export class ReportsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly rollups: Rollups,
  ) {}

  private ask(viewer: Viewer, q: ReportQuery): ReportAsk {
    return {
      range: { from: q.from, to: q.to },
      filters: {
        teamId: q.teamId,
        staffId: q.staffId,
        channel: q.channel,
        language: q.language,
        country: q.country,
        source: q.source,
        campaign: q.campaign,
      },
      scope: reportScope(viewer),
      compare: q.compare === 'previous',
    };
  }

  private async asOf(): Promise<Date | null> {
    return (await this.rollups.status()).updatedAt;
  }

  async sales(viewer: Viewer, q: ReportQuery) {
    return salesReport(this.db, this.ask(viewer, q), await this.asOf());
  }

  async support(viewer: Viewer, q: ReportQuery) {
    return supportReport(this.db, this.ask(viewer, q), await this.asOf());
  }

  async retention(viewer: Viewer, q: ReportQuery) {
    return retentionReport(this.db, this.clock, this.ask(viewer, q), await this.asOf());
  }

  async drill(viewer: Viewer, metric: DrillMetric, q: DrillQuery): Promise<Paged<DrillRow>> {
    return drill(this.db, metric, this.ask(viewer, q), q.key, q, this.clock.now());
  }

  /** A drill-down's rows as CSV: at most REPORT_EXPORT_MAX_ROWS, audited before it is written. */
  async exportDrill(viewer: Viewer, actor: Actor, metric: DrillMetric, q: DrillQuery): Promise<CsvExport> {
    const page = await drill(
      this.db,
      metric,
      this.ask(viewer, q),
      q.key,
      { page: 1, pageSize: REPORT_EXPORT_MAX_ROWS },
      this.clock.now(),
    );
    const truncated = page.total > page.items.length;
    await this.audit(actor, `drill:${metric}`, q, page.items.length, truncated);
    const lines = [formatRecord([...DRILL_COLUMNS])].concat(
      page.items.map((r) =>
        formatRecord(DRILL_COLUMNS.map((c) => neutraliseFormula(r[c] === null ? '' : String(r[c])))),
      ),
    );
    return this.csv(`report-${metric}`, lines, page.items.length, truncated);
  }

  /** A dashboard's figures (value and previous) as CSV, audited. */
  async exportDashboard(
    viewer: Viewer,
    actor: Actor,
    dashboard: ReportDashboard,
    q: ReportQuery,
  ): Promise<CsvExport> {
    const report =
      dashboard === 'sales'
        ? await this.sales(viewer, q)
        : dashboard === 'support'
          ? await this.support(viewer, q)
          : await this.retention(viewer, q);
    const figures: ReportFigure[] = report.figures;
    await this.audit(actor, `dashboard:${dashboard}`, q, figures.length, false);
    const cell = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
    const lines = [formatRecord(['figure', 'unit', 'value', 'previous', 'from', 'to'])].concat(
      figures.map((f) =>
        formatRecord([f.key, f.unit, cell(f.value), cell(f.previous), q.from, q.to].map(neutraliseFormula)),
      ),
    );
    return this.csv(`report-${dashboard}`, lines, figures.length, false);
  }

  private async audit(actor: Actor, what: string, q: ReportQuery, rowCount: number, truncated: boolean) {
    const filters = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
    await this.db.transaction((tx) =>
      appendEvents(tx, [
        {
          type: 'reports.exported',
          subjectType: 'report_export',
          actorId: actor.id,
          ip: actor.ip,
          payload: { what, filters, rowCount, truncated },
          audience: { permissions: ['audit.read'] },
        },
      ]),
    );
  }

  private csv(name: string, lines: string[], rowCount: number, truncated: boolean): CsvExport {
    const day = this.clock.now().toISOString().slice(0, 10).replace(/-/g, '');
    return {
      filename: `${name}-${day}.csv`,
      rowCount,
      truncated,
      body: Readable.from(['\uFEFF' + lines.join('\r\n') + '\r\n']),
    };
  }

  /** The admin's rebuild: every rollup from the raw records again, audited. */
  async rebuild(actor: Actor) {
    const status = await this.rollups.rebuild();
    await this.db.transaction((tx) =>
      appendEvents(tx, [
        {
          type: 'reports.rollups_rebuilt',
          subjectType: 'report_rollups',
          actorId: actor.id,
          ip: actor.ip,
          payload: {
            facts: status.facts,
            eventCursor: status.eventCursor,
            metricCursor: status.metricCursor,
          },
          audience: { permissions: ['audit.read'] },
        },
      ]),
    );
    return status;
  }
}
