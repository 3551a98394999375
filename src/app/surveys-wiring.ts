import { buildSurveys, type SurveysServices } from '../modules/surveys/index.js';
import type { AppContext } from './context.js';

/**
 * Builds the surveys module's services and subscribes its follow-up to support's status hook: a resolved
 * conversation linked to a client schedules a follow-up, dropped when the conversation is reopened by then.
 */
export function wireSurveys(ctx: Omit<AppContext, 'surveys'>, secretKey: Buffer): SurveysServices {
  const surveys = buildSurveys({
    db: ctx.database.db,
    clock: ctx.clock,
    mailer: ctx.mailer,
    baseUrl: ctx.config.baseUrl,
    secretKey,
    stillResolved: async (tx, id) => (await ctx.conversations.get(tx, id)).status === 'resolved',
  });
  ctx.hooks.onStatus(surveys.proactive.onStatus);
  return surveys;
}
