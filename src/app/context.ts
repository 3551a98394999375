import type { Config } from './config.js';
import type { Database } from '../db/connection.js';
import type { Clock } from '../core/clock.js';
import type { SecretBox } from '../core/crypto.js';
import type { RealtimeHub } from '../core/realtime.js';
import type { BackgroundLoops } from '../core/background.js';
import type { Mailer } from '../integrations/mail/mailer.js';
import type { Metrics } from './http/metrics.js';
import type {
  AuthService,
  LoginThrottle,
  Permission,
  SessionStore,
  StaffService,
  TeamService,
} from '../modules/identity/index.js';
import type { AuditService } from '../modules/audit/index.js';
import type { NotificationMailer, NotificationService } from '../modules/notifications/index.js';
import type { OutboxService } from '../modules/outbox/index.js';
import type {
  AssignmentRules,
  ClientCard,
  ClientService,
  ExportService,
  ImportService,
  SavedViews,
} from '../modules/clients/index.js';
import type { CabinetService } from '../modules/cabinet/index.js';
import type {
  AccountService,
  AlertService,
  IngestService,
  PresenceService,
  TradingPlatform,
} from '../modules/trading/index.js';
import type { CookiePolicy, StaffGuard } from '../core/http.js';
import type { PaymentsWiring } from './payments-wiring.js';
import type { SupportWiring } from './support-wiring.js';
import type { SurveysServices } from '../modules/surveys/index.js';
import type { KnowledgeWiring } from './knowledge-wiring.js';
import type { ComplaintServices } from '../modules/complaints/index.js';
import type { ReportsService } from '../modules/reports/index.js';

/**
 * What the composition root built, wired once: shared pieces and every module's services. Modules never
 * see it (each `register…(app, deps)` gets only what it lists); the root picks their deps from it, and
 * tests, benchmarks and the demo seed reach into it.
 */
export interface AppContext extends PaymentsWiring, SupportWiring, KnowledgeWiring {
  config: Config;
  /** Complaints (issue 12): built after support, on its conversations. */
  complaints: ComplaintServices;
  database: Database;
  clock: Clock;
  box: SecretBox;
  metrics: Metrics;
  mailer: Mailer;
  hub: RealtimeHub;
  /** The background loops' health: failing ones, last success (also on /metrics). */
  loops: BackgroundLoops;
  sessions: SessionStore;
  throttle: LoginThrottle;
  staff: StaffService;
  teams: TeamService;
  auth: AuthService;
  audit: AuditService;
  notifications: NotificationService;
  outbox: OutboxService;
  notificationMailer: NotificationMailer;
  clients: ClientService;
  clientNotes: ClientCard;
  assignmentRules: AssignmentRules;
  savedViews: SavedViews;
  clientImport: ImportService;
  clientExport: ExportService;
  /** The trader's cabinet: registration, trader sessions, profile, password reset. */
  cabinet: CabinetService;
  /** The trading platform: the built-in simulator (TRADING_PLATFORM=sim) or a gateway client. */
  tradingPlatform: TradingPlatform;
  /** Trading accounts: opening (cabinet and staff) and every read of the mirrored account data. */
  tradingAccounts: AccountService;
  /** Platform events in: idempotent, ordered by sequence, applied in one transaction per batch. */
  tradingIngest: IngestService;
  /** Ends terminal sessions the platform stopped reporting; declares long-open sequence gaps lost. */
  presence: PresenceService;
  /** Trading alert rules, the alerts on a client card, and the evaluation loop. */
  tradingAlerts: AlertService;
  cookies: CookiePolicy;
  /** `guard()` = any signed-in staff; `guard('staff.write')` = that permission too. */
  guard: StaffGuard<Permission>;
  /** NPS campaigns, answers and results; proactive messages (issue 12, care). */
  surveys: SurveysServices;
  /** Reports (issue 14): dashboards, drill-downs, exports; the rollups and their job. */
  reports: ReportsService;
}
