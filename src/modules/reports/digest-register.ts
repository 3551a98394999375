import type { Clock } from '../../core/clock.js';
import type { App } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import type { Database } from '../../db/connection.js';
import type { Mailer } from '../../integrations/mail/mailer.js';
import type { Guard } from '../identity/index.js';
import { ReportDigest, type DigestSource } from './digest.js';
import { digestRoutes } from './routes/digest.js';

/** How often the digest job looks whether a digest is due (it sends each once per day or week). */
const DIGEST_JOB_MS = 5 * 60_000;

export interface DigestDeps {
  database: Database;
  clock: Clock;
  mailer: Mailer;
  guard: Guard;
  jobs: ModuleJobs;
  source: DigestSource;
  baseUrl: string;
}

/** The scheduled report digest: its admin routes and its job (called by the composition root). */
export function registerDigest(app: App, deps: DigestDeps): ReportDigest {
  const digest = new ReportDigest(deps);
  digestRoutes(app, { db: deps.database.db, guard: deps.guard, digest });
  deps.jobs.every('reports-digest', DIGEST_JOB_MS, () => digest.tick());
  return digest;
}
