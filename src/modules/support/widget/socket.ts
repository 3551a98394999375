import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../core/errors.js';
import type { App } from '../../../core/http.js';
import { addressKey, RateLimiter } from '../../../core/rate-limit.js';
import { text } from '../../../core/primitives.js';
import type { Database } from '../../../db/connection.js';
import { isRetryableConflict } from '../../../db/retry.js';
import { isDatabaseUnavailable } from '../../../db/unavailable.js';
import { notifyConversation } from '../notify.js';
import type { WidgetChat } from './chat.js';
import { clientFrame, type ClientFrame } from './contracts.js';
import type { ServerFrame, WidgetClient, WidgetHub } from './hub.js';
import type { VisitorRow, Visitors } from './visitors.js';

const HEARTBEAT_MS = 25_000;
/**
 * What one socket may ask of the server. A widget says hello once per connection; more is a script
 * making the server replay the chat again and again. Frames waiting for their turn are bounded, and a
 * socket that does not read what it is sent (its send buffer past the cap) is cut: the widget
 * reconnects and resumes from its last seq, so nothing is lost, and the server holds no backlog.
 */
export const WIDGET_SOCKET_LIMITS = {
  hellosPerSocket: 3,
  queuedFrames: 50,
  sendBufferBytes: 1024 * 1024,
  /** A socket that has not said who it is by then is closed. */
  helloWithinMs: 10_000,
  /**
   * Upgrades one address (an IPv6 /64) may ask for per minute: a widget reconnecting after drops needs
   * a few; a script opening sockets to hold the server's memory gets 429 before any socket exists.
   */
  connectsPerMinute: 120,
};
/** A visitor's "typing" is passed on at most this often (the inbox clears it after ~5 s without one). */
const TYPING_EVERY_MS = 2_000;

export interface WidgetSocketDeps {
  database: Database;
  visitors: Visitors;
  chat: WidgetChat;
  hub: WidgetHub;
  /** Our own origin and SUPPORT_WIDGET_ORIGINS (the broker's sites); see widget/origins.ts. */
  originAllowed(origin: string | undefined, request: FastifyRequest): boolean;
}

/**
 * The visitor's WebSocket. Refused before the upgrade from an origin not allowed. The token comes in
 * `?token=` or the first `hello`; `hello { conversationId?, lastSeq }` joins the visitor's own
 * conversation (another's is `error { code: 'not_found' }`, nothing sent) and replays what came after
 * lastSeq; `start` / `message` send, `typing` tells the agent. Frames from one socket are handled one
 * after another, so an ack never overtakes the hello before it.
 */
export function widgetSocketRoute(app: App, deps: WidgetSocketDeps): void {
  const connects = new RateLimiter(WIDGET_SOCKET_LIMITS.connectsPerMinute, 60_000);
  app.get(
    '/api/support/widget/ws',
    {
      websocket: true,
      schema: {
        tags: ['support widget'],
        summary: 'The visitor’s live chat (WebSocket; frames in docs/support.md)',
        security: [{ visitor: [] }],
        querystring: z.object({ token: text({ max: 400 }).optional() }),
      },
      preValidation: async (request, reply) => {
        if (!deps.originAllowed(request.headers.origin, request))
          return reply
            .status(403)
            .send({ code: 'origin_forbidden', message: 'This site may not open the chat' });
        connects.check(addressKey(request.ip), 'Too many connections from this network; try again shortly');
      },
    },
    (socket, request) => {
      let visitor: VisitorRow | null = null;
      let conversationId: string | null = null;
      let alive = true;
      let lastTypingAt = 0;
      let typingNow = false;
      let lastPassedAt = 0;
      let chain: Promise<void> = Promise.resolve();
      const client: WidgetClient = {
        lastSent: 0,
        send: (frame: ServerFrame) => {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount > WIDGET_SOCKET_LIMITS.sendBufferBytes) return socket.terminate();
          socket.send(JSON.stringify(frame));
        },
      };
      let closed = false;
      const fail = (
        code: string,
        extra: { clientMessageId?: string; field?: string; retry?: boolean } = {},
      ) => client.send({ type: 'error', code, ...extra });
      const join = async (id: string, lastSeq: number) => {
        // Closed while its hello was reading the database: joining now would leave a dead member
        // in the room (the close handler has run already and left nothing to leave).
        if (closed) return;
        if (conversationId && conversationId !== id) deps.hub.leave(client, conversationId);
        conversationId = id;
        await deps.hub.join(client, id, lastSeq);
      };

      const handle = async (frame: ClientFrame) => {
        if (frame.type === 'pong') return;
        if (frame.type === 'hello') {
          if (!visitor) {
            visitor = await deps.visitors.byToken(frame.token ?? request.query.token ?? '');
            if (!visitor) {
              fail('unauthorized');
              return socket.close(4401, 'unauthorized');
            }
          }
          const conv = frame.conversationId
            ? await deps.visitors.own(deps.database.db, visitor, frame.conversationId).catch(() => null)
            : await deps.visitors.active(deps.database.db, visitor);
          if (frame.conversationId && !conv) return fail('not_found', { field: 'conversationId' });
          if (conv) return join(conv.id, frame.conversationId ? frame.lastSeq : 0);
          return client.send({ type: 'state', ...(await deps.chat.state(deps.database.db, null)) });
        }
        if (!visitor) return fail('unauthorized');
        if (frame.type === 'typing') {
          const now = Date.now();
          // Passed on when the state changes, or as a refresh every TYPING_EVERY_MS while typing: a
          // stream of alternating frames is not a stream of NOTIFYs to every agent.
          if (!conversationId) return;
          const changed = frame.typing !== typingNow;
          if (!changed && (!frame.typing || now - lastTypingAt < TYPING_EVERY_MS)) return;
          if (now - lastPassedAt < 250) return; // at most four a second, whatever the frames
          typingNow = frame.typing;
          lastPassedAt = now;
          if (frame.typing) lastTypingAt = now;
          return notifyConversation(deps.database.db, {
            conversationId,
            kind: 'typing',
            by: { kind: 'customer', name: visitor.name },
            typing: frame.typing,
          });
        }
        const { clientMessageId } = frame;
        try {
          const sent = await deps.chat.send(
            visitor,
            { conversationId, body: frame.body, clientMessageId },
            request.ip,
          );
          client.send({
            type: 'ack',
            clientMessageId,
            seq: sent.message.seq,
            conversationId: sent.conversation.id,
            duplicate: sent.duplicate,
          });
          // A first message (or one after the last chat was closed) opened a conversation: follow it.
          if (sent.conversation.id !== conversationId) await join(sent.conversation.id, 0);
        } catch (err) {
          if (err instanceof AppError)
            return fail(err.code, { clientMessageId, ...(err.field ? { field: err.field } : {}) });
          // Not stored (the transaction rolled back): say which message, and that sending it again
          // under the same clientMessageId is safe — never a silent loss.
          request.log.error({ err, clientMessageId }, 'widget message not stored');
          const transient = isDatabaseUnavailable(err) || isRetryableConflict(err);
          return fail(transient ? 'unavailable' : 'internal_error', { clientMessageId, retry: true });
        }
      };

      let hellos = 0;
      let queued = 0;
      const helloDeadline = setTimeout(() => {
        if (!visitor) socket.close(4401, 'unauthorized');
      }, WIDGET_SOCKET_LIMITS.helloWithinMs);
      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, HEARTBEAT_MS);
      socket.on('pong', () => (alive = true));
      socket.on('message', (data) => {
        alive = true;
        let parsed: ReturnType<typeof clientFrame.safeParse>;
        try {
          parsed = clientFrame.safeParse(JSON.parse(data.toString()));
        } catch {
          return fail('bad_frame');
        }
        if (!parsed.success)
          return fail('bad_frame', { field: String(parsed.error.issues[0]?.path[0] ?? '') });
        const frame = parsed.data;
        if (frame.type === 'hello' && ++hellos > WIDGET_SOCKET_LIMITS.hellosPerSocket) {
          fail('rate_limited', { field: 'type' });
          return socket.close(1008, 'too many hellos');
        }
        if (++queued > WIDGET_SOCKET_LIMITS.queuedFrames) {
          fail('rate_limited');
          return socket.close(1008, 'too many frames at once');
        }
        chain = chain
          .then(() => handle(frame))
          .catch((err) => {
            request.log.error({ err }, 'widget socket frame');
            fail('internal_error');
          })
          .finally(() => void (queued -= 1));
      });
      socket.on('close', () => {
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(helloDeadline);
        if (conversationId) deps.hub.leave(client, conversationId);
      });
    },
  );
}
