import type { Config } from './config.js';
import type { Database } from '../db/connection.js';
import type { Clock } from '../core/clock.js';
import type { SecretBox } from '../core/crypto.js';
import type { RealtimeHub } from '../core/realtime.js';
import type { BackgroundLoops } from '../core/background.js';
import type { Mailer } from '../integrations/mail/mailer.js';
import type { Metrics } from './http/metrics.js';
import type { SessionStore } from '../modules/identity/sessions.js';
import type { LoginThrottle } from '../modules/identity/throttle.js';
import type { StaffService } from '../modules/identity/staff-service.js';
import type { TeamService } from '../modules/identity/team-service.js';
import type { AuthService } from '../modules/identity/auth-service.js';
import type { AuditService } from '../modules/audit/service.js';
import type { NotificationService } from '../modules/notifications/service.js';
import type { NotificationMailer } from '../modules/notifications/notification-mailer.js';
import type { OutboxService } from '../modules/outbox/service.js';
import type { ClientService } from '../modules/clients/client-service.js';
import type { ClientCard } from '../modules/clients/card.js';
import type { AssignmentRules } from '../modules/clients/assignment-rules.js';
import type { SavedViews } from '../modules/clients/saved-views.js';
import type { ImportService } from '../modules/clients/import-service.js';
import type { ExportService } from '../modules/clients/export-service.js';
import type { CabinetService } from '../modules/cabinet/cabinet-service.js';
import type { TradingPlatform } from '../modules/trading/platform.js';
import type { AccountService } from '../modules/trading/account-service.js';
import type { AlertService } from '../modules/trading/alerts/alert-service.js';
import type { IngestService } from '../modules/trading/ingest-service.js';
import type { PresenceService } from '../modules/trading/presence.js';
import type { CookiePolicy, StaffGuard } from '../core/http.js';
import type { Permission } from '../modules/identity/permissions.js';

/** Everything the routes need, wired once by the composition root. */
export interface AppContext {
  config: Config;
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
}
