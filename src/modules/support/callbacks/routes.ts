import { z } from 'zod';
import { notFound } from '../../../core/errors.js';
import { principal, routeDocs, type App } from '../../../core/http.js';
import { idParams, text, timestamp } from '../../../core/primitives.js';
import { addressKey, RateLimiter } from '../../../core/rate-limit.js';
import { callbackRequested, callbackView } from '../../../shared/contracts/support-callbacks.js';
import { trader, traderSession } from '../../cabinet/index.js';
import { languageCode } from '../conversations/contracts.js';
import { assertConversationVisible } from '../conversations/scope.js';
import type { SupportDeps } from '../index.js';
import { bearer } from '../widget/routes.js';
import { callbackView as toView, type CallbackRequests, type CallbackRow } from './service.js';

/** Callback requests one address (an IPv6 /64) may make from the widget per hour. */
export const CALLBACKS_PER_ADDRESS_PER_HOUR = 5;
/** And one trader from the cabinet. */
export const CALLBACKS_PER_TRADER_PER_HOUR = 5;

/** As typed; libphonenumber-js decides whether it is a number (400 invalid_phone otherwise). */
const phone = () => text({ trim: true, min: 3, max: 32, label: 'Phone number' });
const fields = {
  name: text({ trim: true, min: 1, max: 120, label: 'Name' }).optional(),
  preferredAt: timestamp().optional(),
};
export const widgetCallbackInput = z.strictObject({ number: phone(), language: languageCode(), ...fields });
export const cabinetCallbackInput = z.strictObject({
  /** Default: the number on the trader's record. */
  number: phone().optional(),
  /** Default: the client's language. */
  language: languageCode().optional(),
  ...fields,
});

const answer = (row: CallbackRow) => ({
  conversationId: row.conversationId,
  number: row.number,
  preferredAt: row.preferredAt?.toISOString() ?? null,
});

/** The widget's and the cabinet's "call me back" forms, and the request's fields for the inbox. */
export function callbackRoutes(
  app: App,
  deps: Pick<SupportDeps, 'cabinet' | 'clock' | 'guard' | 'database' | 'conversations' | 'widget'> & {
    callbackRequests: CallbackRequests;
  },
): void {
  const clockMs = () => deps.clock.now().getTime();
  const perAddress = new RateLimiter(CALLBACKS_PER_ADDRESS_PER_HOUR, 3_600_000, clockMs);
  const perTrader = new RateLimiter(CALLBACKS_PER_TRADER_PER_HOUR, 3_600_000, clockMs);
  app.post(
    '/api/support/widget/callback',
    routeDocs(['support widget'], { security: [{}, { visitor: [] }] })(
      'Ask for a callback (number, language, preferred time, name): a conversation of channel callback, routed by language. The visitor token is optional; 429 past the per-address limit',
      { body: widgetCallbackInput, response: { 201: callbackRequested } },
    ),
    async (request, reply) => {
      perAddress.check(addressKey(request.ip), 'Too many callback requests from this network; try later');
      const token = bearer(request);
      const visitor = token ? await deps.widget.visitors.require(token) : null;
      const row = await deps.callbackRequests.request({
        via: 'widget',
        ...request.body,
        name: request.body.name ?? visitor?.name ?? undefined,
        visitorId: visitor?.id ?? null,
        clientId: visitor?.clientId ?? null,
        contactEmail: visitor?.email ?? null,
      });
      return reply.status(201).send(answer(row));
    },
  );
  app.post(
    '/api/cabinet/support/callback',
    routeDocs(['cabinet', 'support'], { security: [{ trader: [] }] })(
      'Ask for a callback from the cabinet (the number and language default to the trader’s record); 429 past the per-trader limit',
      { body: cabinetCallbackInput, response: { 201: callbackRequested } },
      traderSession(deps.cabinet),
    ),
    async (request, reply) => {
      const me = trader(request).clientId;
      perTrader.check(me, 'Too many callback requests; try later');
      const row = await deps.callbackRequests.request({ via: 'cabinet', ...request.body, clientId: me });
      return reply.status(201).send(answer(row));
    },
  );
  app.get(
    '/api/support/conversations/:id/callback',
    routeDocs(['support'], { security: [{ session: [] }] })(
      'The callback request behind a conversation of channel callback (number, preferred time, the call that closed it)',
      { params: idParams(), response: { 200: callbackView } },
      deps.guard('support.handle'),
    ),
    async (request) => {
      const db = deps.database.db;
      const conv = await deps.conversations.get(db, request.params.id);
      await assertConversationVisible(db, principal(request), conv);
      const row = await deps.callbackRequests.get(db, conv.id);
      if (!row) throw notFound('Callback request');
      return toView(row);
    },
  );
}
