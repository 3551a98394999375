import Fastify, { LogController } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { App } from '../core/http.js';
import type { AppContext } from './context.js';
import type { Database } from '../db/connection.js';
import { systemClock, type Clock } from '../core/clock.js';
import { SecretBox } from '../core/crypto.js';
import { RealtimeHub } from '../core/realtime.js';
import { BackgroundLoops, rateLimitedLog } from '../core/background.js';
import { Mailer } from '../integrations/mail/mailer.js';
import { Metrics, registerRequestMetrics } from './http/metrics.js';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  registerErrorHandling,
  registerNotFound,
} from './http/errors.js';
import { registerSecurityHeaders, securityHeaders } from './http/security-headers.js';
import { registerOriginCheck } from './http/origin-check.js';
import { staffGuard } from '../modules/identity/staff-guard.js';
import { realtimeRoute } from './http/realtime-route.js';
import { systemRoutes } from './http/system-routes.js';
import { registerWebAssets } from './http/web-assets.js';
import { SessionStore } from '../modules/identity/sessions.js';
import { DEFAULT_THROTTLE, LoginThrottle, type ThrottlePolicy } from '../modules/identity/throttle.js';
import { StaffService } from '../modules/identity/staff-service.js';
import { TeamService } from '../modules/identity/team-service.js';
import { AuthService } from '../modules/identity/auth-service.js';
import { AuditService } from '../modules/audit/service.js';
import { NotificationService } from '../modules/notifications/service.js';
import { NotificationMailer } from '../modules/notifications/notification-mailer.js';
import { OutboxService } from '../modules/outbox/service.js';
import { authRoutes } from '../modules/identity/routes/auth-routes.js';
import { meRoutes } from '../modules/identity/routes/me-routes.js';
import { staffRoutes } from '../modules/identity/routes/staff-routes.js';
import { teamRoutes } from '../modules/identity/routes/team-routes.js';
import { securitySettingsRoutes } from '../modules/identity/routes/security-settings-routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { notificationRoutes } from '../modules/notifications/routes.js';
import { outboxRoutes } from '../modules/outbox/routes.js';
import { ClientService } from '../modules/clients/client-service.js';
import { ClientCard } from '../modules/clients/card.js';
import { AssignmentRules } from '../modules/clients/assignment-rules.js';
import { SavedViews } from '../modules/clients/saved-views.js';
import { clientRoutes } from '../modules/clients/routes/client-routes.js';
import { assignmentRuleRoutes } from '../modules/clients/routes/assignment-rules-routes.js';
import { salesStatusRoutes } from '../modules/clients/routes/sales-status-routes.js';
import { savedViewRoutes } from '../modules/clients/routes/saved-views-routes.js';
import { ImportService } from '../modules/clients/import-service.js';
import { ExportService } from '../modules/clients/export-service.js';
import { importExportRoutes } from '../modules/clients/routes/import-export-routes.js';
import { CabinetService } from '../modules/cabinet/cabinet-service.js';
import { cabinetRoutes } from '../modules/cabinet/routes/index.js';
import { AccountSummaries } from '../modules/trading/account-summaries.js';
import { AlertService } from '../modules/trading/alerts/alert-service.js';
import { tradingAlertRoutes } from '../modules/trading/alerts/routes.js';
import { IngestService } from '../modules/trading/ingest-service.js';
import { PresenceService } from '../modules/trading/presence.js';
import { tradingWebhookSecrets } from '../modules/trading/gateway-secret.js';
import { ingestRoutes } from '../modules/trading/routes/ingest-routes.js';
import type { TradingPlatform } from '../modules/trading/platform.js';
import { GatewayTradingPlatform } from '../integrations/trading/gateway-platform.js';
import { SIMULATOR_LOCK_KEY, SimulatedTradingServer } from '../integrations/trading/simulator/sim-server.js';
import { SimulatedTraders } from '../integrations/trading/simulator/traders.js';
import { AccountService } from '../modules/trading/account-service.js';
import { tradingAccountRoutes } from '../modules/trading/routes/account-routes.js';
import { cabinetAccountRoutes } from '../modules/trading/routes/cabinet-account-routes.js';
import { tradingOnlineRoutes } from '../modules/trading/routes/online-routes.js';

export interface ServerOptions {
  config: Config;
  database: Database;
  secretKey: Buffer;
  clock?: Clock;
  throttle?: ThrottlePolicy;
  /** Serve the built web app (off in API tests). */
  web?: boolean;
  logger?: boolean;
  /** Bots that trade on the built-in simulator (when SIMULATED_TRADERS is on too); off in tests. */
  simulatedTraders?: boolean;
}

/** The composition root: wires services, plugins and routes into one Fastify instance. */
export async function buildServer(opts: ServerOptions): Promise<{ app: App; ctx: AppContext }> {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const https = config.baseUrl.startsWith('https://');
  // Errors raised before any hook runs get the one error format and these headers too (errors.ts).
  const headers = securityHeaders({ https });
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.LOG_LEVEL },
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    frameworkErrors: frameworkErrorHandler(headers),
    clientErrorHandler: clientErrorHandler(headers),
    // registerErrorHandling answers requests during shutdown with 503 in our format instead.
    return503OnClosing: false,
    // Per-request lines drown the log; /metrics counts requests and errors are logged by the handler.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<ZodTypeProvider>() as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies are accepted; anything else is a 415, not a string the schema then rejects.
  app.removeContentTypeParser('text/plain');

  const db = database.db;
  const metrics = new Metrics(opts.logger !== false);
  metrics.watchPool(() => database.poolStats());
  // Background work survives a database outage: each loop logs once, retries, and says when it is back.
  const loops = new BackgroundLoops(app.log, {
    onFailure: (loop) => metrics.loopFailures.inc({ loop }),
    onChange: (loop, failing) => metrics.loopFailing.set({ loop }, failing ? 1 : 0),
  });
  const sessionPolicy = {
    idleMs: config.SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: config.SESSION_ABSOLUTE_HOURS * 3_600_000,
  };
  const sessions = new SessionStore(db, clock, sessionPolicy);
  const box = new SecretBox(opts.secretKey);
  const mailer = new Mailer(database, {
    ...(config.SMTP_URL ? { smtpUrl: config.SMTP_URL } : {}),
    from: config.MAIL_FROM,
    box,
  });
  const staff = new StaffService(db, sessions, mailer, config.baseUrl);
  const hub = new RealtimeHub(database, {
    resolveViewer: async (sessionId) => {
      const userId = await sessions.isAlive(sessionId);
      const viewer = userId ? await staff.viewerOf(userId) : null;
      return viewer ? { ...viewer, sessionId } : null;
    },
    onDelivered: (lag) => metrics.eventLag.observe(lag),
    onCaughtUp: () => loops.ok('realtime hub'),
    onError: (err) => loops.failed('realtime hub', err),
  });
  const throttlePolicy = opts.throttle ?? DEFAULT_THROTTLE;
  const throttle = new LoginThrottle(db, clock, throttlePolicy);
  // The list's money columns come from trading, through its own reader (clients never read its tables).
  const clients = new ClientService(db, clock, { accountSummaries: new AccountSummaries(db) });
  const webhookSecrets = tradingWebhookSecrets(config, opts.secretKey);
  const tradingPlatform: TradingPlatform =
    config.TRADING_PLATFORM === 'gateway'
      ? new GatewayTradingPlatform({
          // loadConfig refuses TRADING_PLATFORM=gateway without a URL.
          url: config.TRADING_GATEWAY_URL ?? '',
          // Commands are signed with the newest secret; ingestion accepts any of them while rotating.
          secret: () => webhookSecrets[0]!,
        })
      : new SimulatedTradingServer(db, {
          clock,
          log: rateLimitedLog(app.log),
          // Several instances on one database: the simulator runs on the lock holder only.
          lock: () => database.tryAdvisoryLock(SIMULATOR_LOCK_KEY),
        });
  const ctx: AppContext = {
    config,
    database,
    clock,
    box,
    metrics,
    mailer,
    hub,
    loops,
    sessions,
    throttle,
    staff,
    teams: new TeamService(db),
    auth: new AuthService(db, clock, box, sessions, throttle),
    audit: new AuditService(db),
    notifications: new NotificationService(db),
    outbox: new OutboxService(db, mailer),
    notificationMailer: new NotificationMailer(db, mailer, config.baseUrl),
    clients,
    cabinet: new CabinetService(db, clock, {
      clients,
      mailer,
      baseUrl: config.baseUrl,
      sessionPolicy,
      loginThrottle: throttlePolicy,
      onError: (err) => app.log.error({ err }, 'password reset link'),
    }),
    // Accounts are matched by login on the platform they were opened on.
    tradingIngest: new IngestService(db, clock, tradingPlatform.name, {
      onGaps: (n) => metrics.tradingGaps.inc(n),
    }),
    presence: new PresenceService(db, clock, config.PRESENCE_TIMEOUT_SECONDS),
    clientNotes: new ClientCard(db, clock),
    assignmentRules: new AssignmentRules(db),
    savedViews: new SavedViews(db),
    clientImport: new ImportService(db, clock),
    clientExport: new ExportService(db, clock),
    tradingAlerts: new AlertService(db, clock, {
      onSuccess: () => loops.ok('trading alerts'),
      onError: (err) => loops.failed('trading alerts', err),
    }),
    tradingPlatform,
    tradingAccounts: new AccountService(db, clock, {
      platform: tradingPlatform,
      clients,
      mailer,
      log: app.log,
    }),
    cookies: { secure: https },
    guard: staffGuard(app, sessions, staff),
  };

  registerErrorHandling(app);
  registerSecurityHeaders(app, { https });
  registerRequestMetrics(app, metrics);
  registerOriginCheck(app, [new URL(config.baseUrl).origin, ...config.ALLOWED_ORIGINS]);
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'BrokerDesk API',
        version: '0.1.0',
        description: 'Staff workspace API. Errors are `{code, message, field?}`.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'bd_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  systemRoutes(app, ctx);
  realtimeRoute(app, ctx);
  authRoutes(app, ctx);
  meRoutes(app, ctx);
  staffRoutes(app, ctx);
  teamRoutes(app, ctx);
  auditRoutes(app, ctx);
  notificationRoutes(app, ctx);
  securitySettingsRoutes(app, ctx);
  outboxRoutes(app, ctx);
  clientRoutes(app, ctx);
  savedViewRoutes(app, ctx);
  assignmentRuleRoutes(app, ctx);
  salesStatusRoutes(app, ctx);
  importExportRoutes(app, ctx);
  cabinetRoutes(app, ctx);
  // After cabinetRoutes: the cabinet's trader session decoration is registered there.
  tradingAccountRoutes(app, ctx);
  tradingOnlineRoutes(app, ctx);
  cabinetAccountRoutes(app, ctx);
  tradingAlertRoutes(app, ctx);
  ingestRoutes(app, ctx, webhookSecrets);
  const spa = opts.web !== false && (await registerWebAssets(app));
  registerNotFound(app, { spa });

  // Default alert rules on a fresh install (once; the database is migrated before buildServer runs).
  await ctx.tradingAlerts.ensureDefaultRules();
  // Sensitive mail stored in plain text by an older version is sealed (or wiped, if already sent).
  await mailer.sealLegacy();
  await hub.start();
  // The platform's own event stream (the simulator's; a gateway posts to /api/trading/ingest instead).
  const unsubscribePlatform = tradingPlatform.subscribe((batch) => ctx.tradingIngest.ingest(batch));
  const simulator = tradingPlatform instanceof SimulatedTradingServer ? tradingPlatform : null;
  await simulator?.start();
  const traders =
    simulator && opts.simulatedTraders && config.SIMULATED_TRADERS
      ? new SimulatedTraders(simulator, { clock, seed: Date.now() % 2 ** 31, log: app.log })
      : null;
  traders?.start();
  ctx.tradingAlerts.start();
  loops.every('housekeeping', 60_000, async () => {
    const runs = await Promise.allSettled([
      sessions.purgeExpired(),
      ctx.cabinet.purgeExpired(),
      ctx.tradingIngest.purgeOld(),
      ctx.auth.purgeExpiredChallenges(),
      mailer.flush(),
    ]);
    const failed = runs.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  });
  // Due reminders are checked often: a call-back at 14:00 should ring at 14:00, not 14:01.
  // Copies by email follow right after, so a due reminder reaches an opted-in inbox in the same tick.
  loops.every('reminders', 15_000, async () => {
    await ctx.clientNotes.notifyDueTasks();
    await ctx.notificationMailer.run();
  });
  // Silent terminal sessions end within a few seconds of the timeout; long-open gaps are declared lost.
  loops.every('presence expiry', 5_000, async () => {
    await ctx.presence.expireSilent();
    await ctx.presence.declareLostGaps();
  });
  app.addHook('onClose', async () => {
    // Reset links queued after answering are issued before the database goes away.
    await ctx.cabinet.settled();
    await loops.stop();
    await ctx.tradingAlerts.stop();
    traders?.stop();
    await simulator?.stop();
    unsubscribePlatform();
    await hub.stop();
    await mailer.close();
  });
  return { app, ctx };
}
