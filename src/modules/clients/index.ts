/**
 * Clients: the client record (leads, demo, live), its manager and team, the list and card, comments,
 * tasks and the timeline, assignment rules, saved views, import and export. Its tables are clients,
 * client_tasks, assignment_rules, saved_views and the sales statuses; other modules use what this file
 * exports.
 */
import type { App } from '../../core/http.js';
import type { Guard } from '../identity/index.js';
import type { AssignmentRules } from './assignment-rules.js';
import type { ClientNotes } from './client-notes.js';
import type { ClientService } from './client-service.js';
import type { ExportService } from './export-service.js';
import type { ImportService } from './import-service.js';
import type { SavedViews } from './saved-views.js';
import { assignmentRuleRoutes } from './routes/assignment-rules-routes.js';
import { clientRoutes } from './routes/client-routes.js';
import { importExportRoutes } from './routes/import-export-routes.js';
import { salesStatusRoutes } from './routes/sales-status-routes.js';
import { savedViewRoutes } from './routes/saved-views-routes.js';

export { ClientService, clientAudience, type ClientRow, type NewClient } from './client-service.js';
export { ClientNotes } from './client-notes.js';
export { AssignmentRules } from './assignment-rules.js';
export { SavedViews } from './saved-views.js';
export { ImportService } from './import-service.js';
export { ExportService } from './export-service.js';
export type { AccountSummaryReader } from './list-columns.js';
export { CLIENT_STATUSES, type ClientStatus } from './schema.js';
export {
  COUNTRY,
  EMAIL,
  LANGUAGE,
  PERSON_NAME,
  PHONE,
  registerInCabinetInput,
  SOURCE,
  utmInput,
} from './contracts.js';

export interface ClientsDeps {
  clients: ClientService;
  clientNotes: ClientNotes;
  assignmentRules: AssignmentRules;
  savedViews: SavedViews;
  clientImport: ImportService;
  clientExport: ExportService;
  guard: Guard;
}

/** The client list and card, saved views, assignment rules, sales statuses, import and export. */
export function registerClients(app: App, deps: ClientsDeps): void {
  clientRoutes(app, deps);
  savedViewRoutes(app, deps);
  assignmentRuleRoutes(app, deps);
  salesStatusRoutes(app, deps);
  importExportRoutes(app, deps);
}
