/**
 * Trading: accounts on the trading platform (opening them, the mirrored balances, deals and equity),
 * the platform's events in (ingestion), terminal presence ("Online now"), and trading alerts. Its
 * tables are the trading_* ones; other modules use what this file exports.
 */
import type { Db } from '../../db/connection.js';
import type { Clock } from '../../core/clock.js';
import type { App } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import type { CabinetService } from '../cabinet/index.js';
import type { Guard } from '../identity/index.js';
import type { AccountService } from './account-service.js';
import type { AlertService } from './alerts/alert-service.js';
import type { IngestService } from './ingest-service.js';
import type { TradingPlatform } from './platform.js';
import type { PresenceService } from './presence.js';
import { tradingAlertRoutes } from './alerts/routes.js';
import { tradingAccountRoutes } from './routes/account-routes.js';
import { cabinetAccountRoutes } from './routes/cabinet-account-routes.js';
import { ingestRoutes } from './routes/ingest-routes.js';
import { tradingOnlineRoutes } from './routes/online-routes.js';

export { AccountService, MAX_ACCOUNTS_PER_KIND, type AccountServiceDeps } from './account-service.js';
export { AccountSummaries } from './account-summaries.js';
export { AlertService, type AlertServiceOptions } from './alerts/alert-service.js';
export { IngestService } from './ingest-service.js';
export { PresenceService } from './presence.js';
// Payments resolves the account a deposit or withdrawal names (its owner and currency).
export { tradingAccountByLogin, type TradingAccountRef } from './account-lookup.js';
export { tradingWebhookSecrets } from './gateway-secret.js';
export type { AccountSnapshot, OpenAccountRequest, OpenedAccount, TradingPlatform } from './platform.js';
// The platform's wire format: the gateway and the built-in simulator speak it.
export {
  accountStateSchema,
  balanceOpSchema,
  dealSchema,
  ingestBatchSchema,
  MAX_BATCH,
  platformEventSchema,
  positionSchema,
  type AccountState,
  type IngestResult,
  type PlatformBalanceOp,
  type PlatformDeal,
  type PlatformEvent,
  type PlatformEventInput,
  type PlatformPosition,
} from './platform-events.js';
export { ACCOUNT_KINDS, type AccountKind } from '../../shared/trading.js';
export { ACCOUNTS_TOPIC, ALERTS_TOPIC } from './live-updates.js';
// What payments reads of accounts and the platform's ingested balance operations (reconciliation).
export {
  accountByLogin,
  balanceOpsFor,
  type BalanceOpsFilter,
  type IngestedBalanceOp,
  type PaymentAccount,
} from './balance-ops-reads.js';

export interface TradingDeps {
  tradingAccounts: AccountService;
  tradingAlerts: AlertService;
  tradingIngest: IngestService;
  presence: PresenceService;
  tradingPlatform: Pick<TradingPlatform, 'name'>;
  /** The cabinet's own trading-account routes resolve the trader session. */
  cabinet: Pick<CabinetService, 'resolveSession'>;
  /** Ingestion status reads trading's own tables. */
  database: { db: Db };
  clock: Clock;
  metrics: { tradingEvents: { inc(labels: { outcome: string }, value: number): void } };
  config: { baseUrl: string; TRADING_WEBHOOK_SECRET?: string | undefined };
  /** The Standard Webhooks secrets gateways sign with (tradingWebhookSecrets). */
  webhookSecrets: string[];
  guard: Guard;
  jobs: ModuleJobs;
}

/**
 * Account, "Online now", cabinet-account, alert and ingestion routes; the alert evaluator; presence
 * expiry; the purge of old ingestion records. Register after the cabinet (see registerCabinet).
 */
export function registerTrading(app: App, deps: TradingDeps): void {
  tradingAccountRoutes(app, deps);
  tradingOnlineRoutes(app, deps);
  cabinetAccountRoutes(app, deps);
  tradingAlertRoutes(app, deps);
  ingestRoutes(app, deps, deps.webhookSecrets);

  // Default alert rules on a fresh install (once; the database is migrated before the server is built).
  deps.jobs.onInit(() => deps.tradingAlerts.ensureDefaultRules());
  deps.jobs.onStart(() => deps.tradingAlerts.start());
  deps.jobs.onStop(() => deps.tradingAlerts.stop());
  // Silent terminal sessions end within a few seconds of the timeout; long-open gaps are declared lost.
  deps.jobs.every('presence expiry', 5_000, async () => {
    await deps.presence.expireSilent();
    await deps.presence.declareLostGaps();
  });
  deps.jobs.housekeeping(() => deps.tradingIngest.purgeOld());
}
