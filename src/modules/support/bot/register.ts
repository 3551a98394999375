import type { App } from '../../../core/http.js';
import type { SupportDeps } from '../index.js';
import { botRoutes } from './routes.js';

/** The bot's routes and its sweep (idle answers resolved, unanswered messages handed over) every 30 s. */
export function registerBot(
  app: App,
  deps: Pick<SupportDeps, 'guard' | 'bot' | 'widget' | 'database' | 'jobs'>,
): void {
  botRoutes(app, deps);
  deps.jobs.every('support bot sweep', 30_000, () => deps.bot.sweep());
}
