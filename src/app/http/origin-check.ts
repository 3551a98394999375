import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';

/** Origins allowed to make state-changing requests and open sockets: our public URL and the host itself. */
export function isAllowedOrigin(
  origin: string | undefined,
  request: FastifyRequest,
  allowed: readonly string[],
): boolean {
  if (!origin) return true; // non-browser clients send no Origin; cookies are SameSite=Lax anyway
  if (allowed.includes(origin)) return true;
  const host = request.headers.host;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

export function registerOriginCheck(
  app: FastifyInstance,
  allowed: readonly string[],
  opts: { exempt?: (url: string) => boolean } = {},
): void {
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    // Routes that check their own origins and take no cookie (the support widget's visitor token).
    if (opts.exempt?.(request.url)) return;
    if (!isAllowedOrigin(request.headers.origin, request, allowed))
      throw new AppError(403, 'origin_forbidden', 'Cross-site requests are not accepted');
  });
}
