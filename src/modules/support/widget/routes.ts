import type { FastifyRequest } from 'fastify';
import { principal, routeDocs, type App } from '../../../core/http.js';
import { idParams } from '../../../core/primitives.js';
import {
  chatToken,
  csatView,
  transcriptSent,
  widgetConfig,
  widgetMessagePage,
  widgetSent,
  widgetSession,
} from '../../../shared/contracts/support.js';
import { noContent } from '../../../shared/contracts/common.js';
import { trader, traderSession } from '../../cabinet/index.js';
import { staffNamesByIds } from '../../identity/index.js';
import { notifyConversation } from '../notify.js';
import { addressKey, RateLimiter, RateLimitedError } from '../../../core/rate-limit.js';
import type { WidgetDeps } from './register.js';
import {
  configQuery,
  csatInput,
  messagesQuery,
  sendInput,
  sessionInput,
  transcriptInput,
  typingInput,
} from './contracts.js';

const visitorSecurity = [{ visitor: [] }];
/** New widget visitors one address may start per minute (an office behind one NAT stays well under). */
export const SESSIONS_PER_MINUTE = 30;
/** Reads of a chat over HTTP (the resume fallback) per visitor a minute: each may carry 500 messages. */
export const READS_PER_MINUTE = 30;
/**
 * Transcripts are mail the broker's domain sends with text a visitor wrote: a few per chat and per
 * address, so the route cannot be used to send spam or phishing in the broker's name.
 */
export const TRANSCRIPTS_PER_CHAT_PER_DAY = 3;
export const TRANSCRIPTS_PER_ADDRESS_PER_HOUR = 10;
const doc = routeDocs(['support widget'], { security: visitorSecurity });

/** The visitor token from `Authorization: Bearer vt_…` (the widget keeps it in localStorage). */
export const bearer = (request: FastifyRequest): string | undefined => {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
};

/** The widget's HTTP routes (the socket is socket.ts), the cabinet's chat token and staff typing. */
export function widgetRoutes(app: App, deps: WidgetDeps): void {
  const { visitors, chat } = deps.widget;
  const clockMs = () => deps.clock.now().getTime();
  // New visitors per address (an IPv6 /64 is one): the pre-chat form is open to anyone, so a script
  // cannot fill the visitors table (resuming with a token is not counted).
  const newSessions = new RateLimiter(SESSIONS_PER_MINUTE, 60_000, clockMs);
  const reads = new RateLimiter(READS_PER_MINUTE, 60_000, clockMs);
  const chatTranscripts = new RateLimiter(TRANSCRIPTS_PER_CHAT_PER_DAY, 86_400_000, clockMs);
  const addressTranscripts = new RateLimiter(TRANSCRIPTS_PER_ADDRESS_PER_HOUR, 3_600_000, clockMs);
  app.post(
    '/api/support/widget/session',
    doc(
      'Start or resume a visitor (the pre-chat form, or a token from before); 429 with Retry-After past the per-address limit',
      {
        body: sessionInput,
        response: { 200: widgetSession },
      },
    ),
    async (request) => {
      if (!request.body.token)
        newSessions.check(addressKey(request.ip), 'Too many new chats from this network; try later');
      const { token, visitor } = await visitors.session(request.body);
      const conv = await visitors.active(deps.database.db, visitor);
      return {
        token,
        visitor: {
          name: visitor.name,
          email: visitor.email,
          language: visitor.language,
          trader: visitor.clientId !== null,
        },
        state: await chat.state(deps.database.db, conv),
      };
    },
  );
  app.get(
    '/api/support/widget/config',
    doc('Whether agents are online for a language, the languages and texts', {
      querystring: configQuery,
      response: { 200: widgetConfig },
    }),
    async (request) => chat.config(request.query.language ?? null),
  );
  app.get(
    '/api/support/widget/messages',
    doc('The public messages after a seq (resume over HTTP)', {
      querystring: messagesQuery,
      response: { 200: widgetMessagePage },
    }),
    async (request) => {
      const visitor = await visitors.require(bearer(request));
      reads.check(visitor.id, 'Too many reads of the chat; wait a minute');
      const conv = await visitors.own(deps.database.db, visitor, request.query.conversationId);
      return {
        items: await chat.messagesAfter(conv.id, request.query.after),
        state: await chat.state(deps.database.db, conv),
      };
    },
  );
  app.post(
    '/api/support/widget/messages',
    doc('Send a message (HTTP fallback of the socket); 429 when flooding', {
      body: sendInput,
      response: { 201: widgetSent },
    }),
    async (request, reply) => {
      const visitor = await visitors.require(bearer(request));
      const sent = await chat.send(visitor, request.body, request.ip);
      return reply
        .status(201)
        .send({ conversationId: sent.conversation.id, seq: sent.message.seq, duplicate: sent.duplicate });
    },
  );
  app.post(
    '/api/support/widget/transcript',
    doc('Email the chat’s transcript to the visitor', {
      body: transcriptInput,
      response: { 202: transcriptSent },
    }),
    async (request, reply) => {
      const visitor = await visitors.require(bearer(request));
      const wait =
        chatTranscripts.take(request.body.conversationId) || addressTranscripts.take(addressKey(request.ip));
      if (wait > 0) throw new RateLimitedError(wait, 'Too many transcripts; try again later');
      const to = await chat.transcript(visitor, request.body.conversationId, request.body.email ?? null);
      return reply.status(202).send({ to });
    },
  );
  app.post(
    '/api/support/widget/csat',
    doc('Rate a resolved chat 1–5 with a comment', { body: csatInput, response: { 201: csatView } }),
    async (request, reply) => {
      const visitor = await visitors.require(bearer(request));
      const conv = await visitors.own(deps.database.db, visitor, request.body.conversationId);
      const row = await deps.widget.csat.rate(conv.id, request.body.score, request.body.comment ?? null);
      return reply
        .status(201)
        .send({ score: row.csatScore!, comment: row.csatComment, at: row.csatAt!.toISOString() });
    },
  );

  app.get(
    '/api/cabinet/support/chat-token',
    routeDocs(['cabinet', 'support'], { security: [{ trader: [] }] })(
      'A short-lived signed token that identifies the signed-in trader to the chat widget',
      { response: { 200: chatToken } },
      traderSession(deps.cabinet),
    ),
    async (request) => {
      const { token, expiresAt } = deps.widget.traderTokens.issue(trader(request).clientId, deps.clock.now());
      return { token, expiresAt: expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/support/conversations/:id/typing',
    routeDocs(['support'])(
      'Tell the visitor (and other agents) that you are typing; repeat every few seconds while typing',
      { params: idParams(), body: typingInput, response: { 204: noContent } },
      deps.guard('support.handle'),
    ),
    async (request, reply) => {
      const me = principal(request);
      const conv = await deps.conversations.get(deps.database.db, request.params.id);
      const name = (await staffNamesByIds(deps.database.db, [me.id])).get(me.id) ?? null;
      await notifyConversation(deps.database.db, {
        conversationId: conv.id,
        kind: 'typing',
        by: { kind: 'agent', name, staffId: me.id },
        typing: request.body.typing,
      });
      return reply.status(204).send();
    },
  );
}
