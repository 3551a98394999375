import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * The widget runs on the broker's own sites, so its requests come from origins other than ours: our
 * public URL, the host itself and SUPPORT_WIDGET_ORIGINS may open the socket and call the widget's
 * routes (CORS answers name the origin; no cookies are involved — the visitor token is a header).
 */
export function widgetOrigins(baseUrl: string, extra: readonly string[]) {
  const allowed = new Set([new URL(baseUrl).origin, ...extra]);
  return (origin: string | undefined, request: FastifyRequest): boolean => {
    if (!origin) return true; // not a browser (a browser always sends Origin on a socket or a CORS call)
    if (allowed.has(origin)) return true;
    const host = request.headers.host;
    return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  };
}

export const WIDGET_PREFIX = '/api/support/widget/';

/** CORS for the widget's routes: allowed origins get their answers; preflights are answered here. */
export function registerWidgetCors(
  app: FastifyInstance,
  allowed: (origin: string | undefined, request: FastifyRequest) => boolean,
): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(WIDGET_PREFIX)) return;
    const origin = request.headers.origin;
    if (!origin || !allowed(origin, request)) return;
    void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    if (request.method === 'OPTIONS') {
      void reply
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'authorization, content-type')
        .header('access-control-max-age', '600');
      return reply.status(204).send();
    }
  });
}
