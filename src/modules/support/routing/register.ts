import type { App } from '../../../core/http.js';
import type { SupportDeps } from '../index.js';
import { SupportAgents } from './agents.js';
import { routingRoutes } from './routes.js';

/** How often the SLA job looks for warnings and breaches, and the queue is offered again. */
const SLA_JOB_MS = 15_000;
const QUEUE_JOB_MS = 30_000;

/** Routing and SLA: the agents, policies and calendar routes; the breach and queue jobs; the seed. */
export function registerRouting(app: App, deps: SupportDeps): void {
  const { routing } = deps;
  const db = deps.database.db;
  const agents = new SupportAgents(db, deps.clock, routing.router, deps.conversations);
  routingRoutes(app, { ...deps, agents, policies: routing.policies, calendars: routing.calendars });
  deps.jobs.onInit(() => routing.policies.seedDefaults());
  // Another instance's change to policies or calendars drops this one's copy (sla/settings-cache.ts).
  deps.jobs.onStart(() => routing.settings?.listen(deps.database));
  deps.jobs.every('support-sla', SLA_JOB_MS, () => routing.breach.run());
  // Room frees through hooks; this catches what they cannot see (a chat unassigned by hand, a lost race).
  deps.jobs.every('support-queue', QUEUE_JOB_MS, () =>
    db.transaction((tx) => routing.router.offerQueued(tx)),
  );
}
