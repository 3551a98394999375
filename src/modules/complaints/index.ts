/**
 * Complaints (issue 12): a formal complaint is a support conversation of kind `complaint` with the
 * regulator's required fields, a reference without gaps, deadlines from the broker's jurisdiction
 * preset (FCA, CySEC, ASIC; business days and holidays in the policy's zone), warnings at 50/80/100 %,
 * investigation notes, the escalation path agent → team lead → compliance, the final response letter
 * (PDF in the client's language, mailed and kept), outcome and redress, and the register with its CSV
 * export and monthly regulator report. Its tables are those in schema.ts; see docs/complaints.md.
 */
import type { Clock } from '../../core/clock.js';
import type { App } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import type { Db } from '../../db/connection.js';
import type { CabinetService } from '../cabinet/index.js';
import type { Guard } from '../identity/index.js';
import { ComplaintService } from './complaint-service.js';
import { ComplaintExport } from './export.js';
import { FinalResponses } from './final-response.js';
import type { Integrations } from './ports.js';
import { ComplaintReads } from './reads.js';
import { ComplaintReports } from './report.js';
import { complaintPortalRoutes } from './routes/portal.js';
import { complaintStaffRoutes } from './routes/staff.js';
import { ComplaintSettings } from './settings.js';
import { ComplaintWarnings } from './warnings.js';

export { deadlineFor, warningTimes, type ComplaintCalendar } from './calendar.js';
export type { Integrations as ComplaintIntegrations } from './ports.js';

/** Every complaints service, built once by the composition root. */
export interface ComplaintServices {
  settings: ComplaintSettings;
  service: ComplaintService;
  letters: FinalResponses;
  reads: ComplaintReads;
  exports: ComplaintExport;
  reports: ComplaintReports;
  warnings: ComplaintWarnings;
}

export function buildComplaints(db: Db, clock: Clock, io: Integrations): ComplaintServices {
  const settings = new ComplaintSettings(db);
  const service = new ComplaintService(db, clock, settings, io);
  return {
    settings,
    service,
    letters: new FinalResponses(db, clock, service, io),
    reads: new ComplaintReads(db, clock),
    exports: new ComplaintExport(db, clock),
    reports: new ComplaintReports(db, clock, settings),
    warnings: new ComplaintWarnings(db, clock),
  };
}

export interface ComplaintsDeps {
  complaints: ComplaintServices;
  /** The cabinet's routes resolve the trader session. */
  cabinet: Pick<CabinetService, 'resolveSession'>;
  guard: Guard;
  jobs: ModuleJobs;
}

/** Routes (staff and cabinet) and the deadline-warnings job (every 30 s). Register after support. */
export function registerComplaints(app: App, deps: ComplaintsDeps): void {
  complaintStaffRoutes(app, deps);
  complaintPortalRoutes(app, deps);
  deps.jobs.every('complaint warnings', 30_000, async () => {
    await deps.complaints.warnings.run();
  });
}
