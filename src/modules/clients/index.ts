/**
 * Clients: the client record (leads, demo, live), its manager and team, the list and card, comments,
 * tasks and the timeline, assignment rules, saved views, import and export. Its tables are clients,
 * client_tasks, assignment_rules, saved_views and the sales statuses; other modules use what this file
 * exports.
 */
import type { App } from '../../core/http.js';
import type { Guard } from '../identity/index.js';
import type { AssignmentRules } from './assignment-rules.js';
import type { ClientCard } from './card.js';
import type { ClientService } from './client-service.js';
import type { ExportService } from './export-service.js';
import type { ImportService } from './import-service.js';
import type { SavedViews } from './saved-views.js';
import { assignmentRuleRoutes } from './routes/assignment-rules-routes.js';
import { clientRoutes } from './routes/client-routes.js';
import { importExportRoutes } from './routes/import-export-routes.js';
import { salesStatusRoutes } from './routes/sales-status-routes.js';
import { savedViewRoutes } from './routes/saved-views-routes.js';
import { verificationRoutes } from './routes/verification-routes.js';
import type { Clock } from '../../core/clock.js';
import type { Db } from '../../db/connection.js';

export { ClientService, type ClientRow, type DuplicateMatch, type NewClient } from './client-service.js';
export { ClientCard } from './card.js';
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

// What other modules read and change of clients (the tables stay inside; see refs.ts for why a
// relation is offered to join):
export { clientAudience } from './audience.js';
// The support desk links a conversation to its client by login, email or phone (contact-match.ts).
export {
  clientsByPhoneDigits,
  matchClientByContact,
  phoneDigits,
  type ContactKeys,
} from './contact-match.js';
export { onlineLock, refreshClientsOnline, type OnlineFlip } from './online.js';
export {
  assertClientVisible,
  clientRef,
  clientRefFields,
  clientRefs,
  clientRefsByIds,
  lockClient,
  type ClientRef,
} from './refs.js';
// Payments writes the FTD, net deposits and deposit trouble through these (payment-record.ts).
export {
  clientPaymentFigures,
  recordClientPayment,
  recordRepeatDeposits,
  setClientPaymentTrouble,
  type ClientPayment,
  type ClientPaymentResult,
} from './payment-record.js';
// CSV pieces shared with other exports (payments): formula neutralising and record formatting.
export { formatRecord, neutraliseFormula } from './csv.js';
export { closeClientTasks, createClientTasks, type NewClientTask } from './tasks.js';
export {
  emailOrLoginTaken,
  setClientLogin,
  updateContactByTrader,
  type ContactPatch,
} from './trader-record.js';
/** Compliance's verification flag, which payments checks before a withdrawal. */
export { clientVerified, setClientVerified } from './verification.js';

export interface ClientsDeps {
  clients: ClientService;
  clientNotes: ClientCard;
  assignmentRules: AssignmentRules;
  savedViews: SavedViews;
  clientImport: ImportService;
  clientExport: ExportService;
  /** The verification flag's route writes through verification.ts. */
  database: { db: Db };
  clock: Clock;
  guard: Guard;
}

/** The client list and card, saved views, assignment rules, sales statuses, import and export. */
export function registerClients(app: App, deps: ClientsDeps): void {
  clientRoutes(app, deps);
  savedViewRoutes(app, deps);
  assignmentRuleRoutes(app, deps);
  salesStatusRoutes(app, deps);
  importExportRoutes(app, deps);
  verificationRoutes(app, { db: deps.database.db, clock: deps.clock, guard: deps.guard });
}
