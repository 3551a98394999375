/**
 * Reports (issue 14): the sales, support and retention dashboards, answered from rollups kept beside
 * the raw records (the event log, read directly, and support's metrics, through its face), drill-downs
 * to the records behind every number, and CSV exports. Its tables are those in schema.ts, all derived:
 * `POST /api/reports/rollups/rebuild` builds them again from the raw records. See docs/reports.md.
 */
import type { Clock } from '../../core/clock.js';
import type { App } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import type { Db } from '../../db/connection.js';
import type { Guard } from '../identity/index.js';
import { Rollups, type RollupOptions } from './rollups.js';
import { reportRoutes } from './routes/reports.js';
import { ReportsService } from './service.js';

export { Rollups, type FoldStatus, type RollupOptions } from './rollups.js';
export { ReportsService, type CsvExport } from './service.js';
export { reportScope, type ReportScope } from './scope.js';

/** How often the rollup job folds in what is new (the lag target is 5 s). */
export const ROLLUP_INTERVAL_MS = 1_000;

export function buildReports(db: Db, clock: Clock, opts: RollupOptions = {}): ReportsService {
  return new ReportsService(db, clock, new Rollups(db, clock, opts));
}

export interface ReportsDeps {
  reports: ReportsService;
  guard: Guard;
  jobs: ModuleJobs;
  /** Off in tests that drive `rollups.catchUp()` themselves. */
  rollupJob?: boolean;
}

/** Routes and the rollup job (every second). Register after the modules whose events it folds. */
export function registerReports(app: App, deps: ReportsDeps): void {
  reportRoutes(app, deps);
  if (deps.rollupJob !== false)
    deps.jobs.every('report rollups', ROLLUP_INTERVAL_MS, () => deps.reports.rollups.catchUp());
}
// The wallboard and the scheduled digest (docs/reports-live.md).
export { registerReportsLive } from './live-register.js';
