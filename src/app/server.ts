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
import { pick, type AppContext } from './context.js';
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
import { realtimeRoute } from './http/realtime-route.js';
import { systemRoutes } from './http/system-routes.js';
import { registerWebAssets } from './http/web-assets.js';
import { GatewayTradingPlatform } from '../integrations/trading/gateway-platform.js';
import { SIMULATOR_LOCK_KEY, SimulatedTradingServer } from '../integrations/trading/simulator/sim-server.js';
import { SimulatedTraders } from '../integrations/trading/simulator/traders.js';
import { Jobs } from '../core/jobs.js';
import { buildPayments, simPaymentSecrets } from './payments-wiring.js';
import { registerSimulatedPaymentPages } from '../integrations/payments/simulator/routes.js';
import { registerPayments, registerWithdrawals } from '../modules/payments/index.js';
import { buildSupport } from './support-wiring.js';
import { registerSupport } from '../modules/support/index.js';
import { registerSurveys } from '../modules/surveys/index.js';
import { wireSurveys } from './surveys-wiring.js';
import { buildKnowledge } from './knowledge-wiring.js';
import { registerKnowledge } from '../modules/knowledge/index.js';
import { buildComplaints, registerComplaints } from '../modules/complaints/index.js';
import { recordingsWiring, simulatedPbxUnless, telephonyWiring } from './telephony-wiring.js';
import type { PhoneSystem, RecordingsServerOptions, SimPbxOverrides } from './telephony-wiring.js';
import { buildReports, registerReports, registerReportsLive } from '../modules/reports/index.js';
import {
  AuthService,
  DEFAULT_THROTTLE,
  LoginThrottle,
  registerIdentity,
  SessionStore,
  StaffService,
  staffGuard,
  TeamService,
  type ThrottlePolicy,
} from '../modules/identity/index.js';
import { AuditService, registerAudit } from '../modules/audit/index.js';
import {
  NotificationMailer,
  NotificationService,
  registerNotifications,
} from '../modules/notifications/index.js';
import { OutboxService, registerOutbox } from '../modules/outbox/index.js';
import {
  AssignmentRules,
  ClientCard,
  ClientService,
  ExportService,
  ImportService,
  registerClients,
  SavedViews,
} from '../modules/clients/index.js';
import { CabinetService, registerCabinet } from '../modules/cabinet/index.js';
import {
  AccountService,
  AccountSummaries,
  AlertService,
  IngestService,
  PresenceService,
  registerTrading,
  tradingWebhookSecrets,
  type TradingPlatform,
} from '../modules/trading/index.js';

export interface ServerOptions extends RecordingsServerOptions {
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
  phoneSystem?: PhoneSystem; // what calls go through (tests: a fake); default: the simulated PBX
  phoneSim?: SimPbxOverrides; // the built-in simulated PBX's timings, timers… (docs/telephony-simulator.md)
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
  // Knowledge first: the support desk's FAQ bot answers from its search.
  const knowledge = buildKnowledge({ db, dataDir: config.DATA_DIR, secretKey: opts.secretKey });
  const support = buildSupport({
    database,
    clock,
    mailer,
    baseUrl: config.baseUrl,
    dataDir: config.DATA_DIR,
    secretKey: opts.secretKey,
    email: config,
    knowledge: knowledge.knowledgeBase,
    log: app.log,
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
    // Payments (issue 10): systems, deposits, callbacks, the ledger's postings, the simulated provider.
    ...buildPayments({
      db,
      clock,
      mailer,
      platform: tradingPlatform,
      baseUrl: config.baseUrl,
      secrets: simPaymentSecrets(config, opts.secretKey),
      log: rateLimitedLog(app.log),
    }),
    // Support desk (issue 11): conversations, routing and SLAs, the widget, the email channel.
    ...support,
    // Complaints (issue 12): on support's conversations and the mail outbox.
    complaints: buildComplaints(db, clock, {
      conversations: support.conversations,
      mailer,
      baseUrl: config.baseUrl,
    }),
    // Knowledge base (issue 12): articles per language, search, the help centre.
    ...knowledge,
    telephony: telephonyWiring.build({ db, clock, config, metrics, staff, phone: opts.phoneSystem }),
    reports: buildReports(db, clock), // issue 14: rollups over the event log and support metrics
  } as Omit<AppContext, 'surveys'> as AppContext;
  // Surveys and proactive care (issue 12): a resolved conversation schedules its follow-up.
  ctx.surveys = wireSurveys(ctx, opts.secretKey);

  registerErrorHandling(app);
  registerSecurityHeaders(app, { https });
  registerRequestMetrics(app, metrics);
  // The support widget's routes check their own origins (the broker's sites; widget/origins.ts).
  registerOriginCheck(app, [new URL(config.baseUrl).origin, ...config.ALLOWED_ORIGINS], {
    exempt: (url) => url.startsWith('/api/support/widget/'),
  });
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'BrokerDesk API',
        version: '0.1.0',
        description:
          'Staff workspace and trader cabinet API. Errors are `{code, message, field?}`. Staff routes take the staff session cookie, cabinet routes the trader cookie.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'bd_sid' },
          // The trader's cabinet: its own cookie, never a staff session.
          trader: { type: 'apiKey', in: 'cookie', name: 'bd_tsid' },
          // Trading-platform gateways sign each batch (Standard Webhooks: webhook-id, -timestamp, -signature).
          webhook: { type: 'apiKey', in: 'header', name: 'webhook-signature' },
          twilio: { type: 'apiKey', in: 'header', name: 'X-Twilio-Signature' },
          metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN' },
          // The support widget's visitor token (POST /api/support/widget/session), never a cookie.
          visitor: { type: 'http', scheme: 'bearer', description: 'visitor token (vt_…)' },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  systemRoutes(app, ctx);
  realtimeRoute(app, ctx);
  // Each module registers its routes and background jobs with only what it needs.
  const jobs = new Jobs(loops);
  const { guard, cookies } = ctx;
  registerIdentity(app, {
    ...pick(ctx, 'staff', 'teams', 'auth', 'sessions', 'config'),
    guard,
    cookies,
    jobs,
  });
  registerAudit(app, { audit: ctx.audit, guard });
  registerNotifications(app, {
    notifications: ctx.notifications,
    notificationMailer: ctx.notificationMailer,
    raiseDue: () => ctx.clientNotes.notifyDueTasks(),
    guard,
    jobs,
  });
  registerOutbox(app, { outbox: ctx.outbox, guard });
  registerClients(app, {
    ...pick(ctx, 'clients', 'clientNotes', 'assignmentRules', 'savedViews', 'clientImport', 'clientExport'),
    ...pick(ctx, 'database', 'clock'),
    guard,
  });
  // Before trading: the cabinet's trader session decoration is registered there.
  registerCabinet(app, { ...pick(ctx, 'cabinet', 'clients', 'config'), guard, cookies, jobs });
  registerTrading(app, {
    ...pick(ctx, 'tradingAccounts', 'tradingAlerts', 'tradingIngest', 'presence', 'tradingPlatform'),
    ...pick(ctx, 'cabinet', 'database', 'clock', 'metrics', 'config'),
    webhookSecrets,
    guard,
    jobs,
  });
  // Payments: after the cabinet (trader sessions) and trading (accounts, the platform).
  registerPayments(app, {
    ...pick(ctx, 'paymentSystems', 'paymentSettings', 'deposits', 'paymentReads', 'callbacks', 'posting'),
    ...pick(ctx, 'paymentProviders', 'cabinet', 'database', 'clock'),
    guard,
    jobs,
  });
  await registerSimulatedPaymentPages(app, ctx.simPayments, { clock });
  // pay-withdraw: withdrawal and reconciliation routes and loops; payout callbacks to withdrawals.
  registerWithdrawals(app, {
    ...pick(ctx, 'withdrawals', 'reconciliation', 'cabinet', 'database', 'clock'),
    guard,
    jobs,
  });
  ctx.callbacks.onPayout((tx, _row, cb) =>
    ctx.withdrawals.actions.applyPayoutCallback(tx, {
      ...cb,
      type: cb.type as 'payout.paid' | 'payout.failed',
    }),
  );
  // Support: after the cabinet, clients and payments; each part lists its services in SupportDeps.
  registerSupport(app, { ...ctx, guard, jobs });
  // Knowledge base: its staff API, the public article JSON and the help centre's pages under /help.
  registerKnowledge(app, { ...ctx, guard, jobs });
  registerComplaints(app, { complaints: ctx.complaints, cabinet: ctx.cabinet, guard, jobs });
  registerSurveys(app, { ...pick(ctx, 'surveys', 'cabinet', 'database'), guard, jobs });
  recordingsWiring.register(app, ctx, opts, { guard, jobs }); // builds ctx.recordings, plugs it into telephony
  telephonyWiring.register(app, ctx, opts.secretKey, guard); // after clients and support
  ctx.simPbx = simulatedPbxUnless(opts.phoneSystem, app, ctx, { ...opts, guard }); // telephony-sim-wiring.ts
  registerReports(app, { reports: ctx.reports, guard, jobs });
  registerReportsLive(app, { ...ctx, guard, jobs, baseUrl: config.baseUrl }); // wallboard, digest
  const spa = opts.web !== false && (await registerWebAssets(app));
  registerNotFound(app, { spa });

  // Once, before anything starts: module seeding (default alert rules on a fresh install).
  await jobs.init();
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
  // Mail waiting in the outbox goes out with the minute's housekeeping (the modules add their purges).
  jobs.housekeeping(() => mailer.flush());
  await jobs.start();
  app.addHook('onClose', async () => {
    // The modules' work to finish (reset links queued after answering), the loops, the alert evaluator.
    await jobs.stop();
    traders?.stop();
    await simulator?.stop();
    unsubscribePlatform();
    await hub.stop();
    await ctx.simPayments.stop();
    await mailer.close();
  });
  return { app, ctx };
}
