import { z } from 'zod';
import type { App } from '../../core/http.js';
import type { AppContext } from '../context.js';
import type { RealtimeClient } from '../../core/realtime.js';
import { authenticate } from '../../modules/identity/index.js';
import { isAllowedOrigin } from './origin-check.js';
import { mapError } from './errors.js';
import { queryInt, SAFE_BIGINT } from '../../core/primitives.js';

const HEARTBEAT_MS = 25_000;
/** Unread bytes a staff socket may hold before it is cut (bursts of events stay far below). */
const STAFF_SEND_BUFFER_BYTES = 8 * 1024 * 1024;

/**
 * Staff WebSocket: authenticated by the session cookie, refused from foreign origins, kept alive by
 * pings. `?since=<last event id>` replays what the client missed while away.
 */
export function realtimeRoute(app: App, ctx: AppContext): void {
  app.get(
    '/api/ws',
    {
      websocket: true,
      schema: {
        tags: ['realtime'],
        summary: 'Live events for staff (WebSocket)',
        querystring: z.object({ since: queryInt({ min: 0, max: SAFE_BIGINT }).optional() }),
      },
      preValidation: async (request, reply) => {
        // Checked before the upgrade so a refused socket gets a plain HTTP error, not an open connection.
        // Browsers always send Origin on a WebSocket upgrade; a foreign one is a cross-site hijack attempt.
        if (!isAllowedOrigin(request.headers.origin, request, ctx.config.ALLOWED_ORIGINS))
          return reply
            .status(403)
            .send({ code: 'origin_forbidden', message: 'Cross-site sockets are not accepted' });
        try {
          request.staff = await authenticate(request, ctx.sessions, ctx.staff);
        } catch (err) {
          const { status, body } = mapError(err);
          return reply.status(status).send(body);
        }
      },
    },
    (socket, request) => {
      const staff = request.staff!;
      let alive = true;
      // The hub pushes a burst of events to every socket in one synchronous pass; corking the TCP socket
      // until the event loop's I/O callbacks are done (setImmediate) turns the bursts of one loop turn
      // into one write instead of a syscall per event (measured: ~7 µs → <1 µs per message, the
      // difference between keeping up and falling behind). With 70 agents each hearing every chat's
      // change, the writes were most of the fan-out's cost; a turn's NOTIFYs now share one.
      const tcp = request.raw.socket;
      let corked = false;
      const client: RealtimeClient = {
        viewer: staff,
        sessionId: staff.sessionId,
        send: (message) => {
          if (socket.readyState !== socket.OPEN) return;
          // A socket that does not read (a stalled tab, a script) is cut rather than buffered without
          // bound; the workspace reconnects and resumes from its last event id.
          if (socket.bufferedAmount > STAFF_SEND_BUFFER_BYTES) return socket.terminate();
          if (!corked) {
            corked = true;
            tcp.cork();
            setImmediate(() => {
              corked = false;
              tcp.uncork();
            });
          }
          socket.send(message);
        },
        close: (code, reason) => socket.close(code, reason),
      };
      ctx.metrics.websocketClients.inc();
      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
        client.send('{"type":"ping"}');
      }, HEARTBEAT_MS);
      socket.on('pong', () => (alive = true));
      socket.on('message', (data) => {
        alive = true;
        if (data.toString() === '{"type":"pong"}') return;
      });
      socket.on('close', () => {
        clearInterval(heartbeat);
        ctx.hub.detach(client);
        ctx.metrics.websocketClients.dec();
      });
      void ctx.hub.attach(client, request.query.since);
    },
  );
}
