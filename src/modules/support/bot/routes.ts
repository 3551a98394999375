import { principal, routeDocs, type App } from '../../../core/http.js';
import { noContent } from '../../../shared/contracts/common.js';
import { botSettingsView } from '../../../shared/contracts/support.js';
import type { SupportDeps } from '../index.js';
import { bearer } from '../widget/routes.js';
import { botSettingsInput, handoverInput } from './contracts.js';

const staffDoc = routeDocs(['support'], { security: [{ session: [] }] });
const visitorDoc = routeDocs(['support widget'], { security: [{ visitor: [] }] });

/**
 * The bot's settings (read by the desk, changed by settings admins) and the widget's "Talk to a person"
 * (the visitor's own chat only: another's is 404 like a missing one).
 */
export function botRoutes(app: App, deps: Pick<SupportDeps, 'guard' | 'bot' | 'widget' | 'database'>): void {
  app.get(
    '/api/support/bot/settings',
    staffDoc(
      'The FAQ bot: on or off, and its confidence threshold',
      { response: { 200: botSettingsView } },
      deps.guard('support.handle'),
    ),
    async () => deps.bot.settings.get(),
  );
  app.put(
    '/api/support/bot/settings',
    staffDoc(
      'Turn the FAQ bot on or off and set its confidence threshold (0–100; below it the bot hands over)',
      { body: botSettingsInput, response: { 200: botSettingsView } },
      deps.guard('settings.write'),
    ),
    async (request) => deps.bot.settings.update({ id: principal(request).id, ip: request.ip }, request.body),
  );
  app.post(
    '/api/support/widget/handover',
    visitorDoc(
      'Talk to a person: the bot hands the chat to people with the whole transcript (409 bot_not_in_chat when the bot does not have it)',
      { body: handoverInput, response: { 204: noContent } },
    ),
    async (request, reply) => {
      const visitor = await deps.widget.visitors.require(bearer(request));
      const conv = await deps.widget.visitors.own(deps.database.db, visitor, request.body.conversationId);
      await deps.bot.handover(conv.id, request.body.language ?? visitor.language);
      return reply.status(204).send();
    },
  );
}
