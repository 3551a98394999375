/**
 * Surveys and proactive care (issue 12): NPS campaigns to segments of traders by email (a signed link
 * to a public answer page) and in the cabinet, one answer per trader per campaign, the score and its
 * trends per segment, comments under record scope; proactive messages (a follow-up after a resolved
 * conversation, a templated message after an account alert), each on the client's timeline. Its tables
 * are those in schema.ts; other modules use what this file exports.
 */
import type { preHandlerHookHandler } from 'fastify';
import type { Clock } from '../../core/clock.js';
import type { App } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import type { Db } from '../../db/connection.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import { traderSession, type CabinetService } from '../cabinet/index.js';
import type { Guard } from '../identity/index.js';
import { SurveyAnswers } from './answers.js';
import { Campaigns } from './campaigns.js';
import { ProactiveMessages, type StillResolved } from './proactive.js';
import { npsPageRoutes } from './routes/page.js';
import { portalSurveyRoutes } from './routes/portal.js';
import { staffSurveyRoutes } from './routes/staff.js';

export { npsOf, NPS_SEGMENTS, type NpsSegment } from './answers.js';
export { ProactiveMessages, DEFAULT_PROACTIVE, type StillResolved } from './proactive.js';
export { Campaigns, CAMPAIGN_MAX_RECIPIENTS } from './campaigns.js';

export interface SurveysServices {
  campaigns: Campaigns;
  answers: SurveyAnswers;
  proactive: ProactiveMessages;
}

/** The module's services, built by the root (the proactive follow-up subscribes to support's hooks). */
export function buildSurveys(opts: {
  db: Db;
  clock: Clock;
  mailer: Pick<Mailer, 'queue' | 'queueMany'>;
  baseUrl: string;
  secretKey: Buffer;
  stillResolved: StillResolved;
}): SurveysServices {
  return {
    campaigns: new Campaigns(opts.db, opts.clock, opts.mailer, opts.baseUrl, opts.secretKey),
    answers: new SurveyAnswers(opts.db, opts.clock),
    proactive: new ProactiveMessages(opts.db, opts.clock, opts.mailer, opts.stillResolved),
  };
}

export interface SurveysDeps {
  surveys: SurveysServices;
  cabinet: Pick<CabinetService, 'resolveSession'>;
  database: { db: Db };
  guard: Guard;
  jobs: ModuleJobs;
  traderSession: preHandlerHookHandler;
}

/** Staff, cabinet and public answer routes; the proactive loop. Register after the cabinet. */
export function registerSurveys(app: App, deps: Omit<SurveysDeps, 'traderSession'>): void {
  const full = { ...deps, traderSession: traderSession(deps.cabinet) };
  staffSurveyRoutes(app, full);
  portalSurveyRoutes(app, full);
  npsPageRoutes(app, full);
  // Alerts fired become messages; due follow-ups and alert messages are mailed.
  deps.jobs.every('proactive messages', 60_000, async () => {
    await deps.surveys.proactive.collectAlerts();
    await deps.surveys.proactive.sendDue();
  });
}
