import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { AppError, unauthorized } from '../../core/errors.js';
import type { CabinetService } from './cabinet-service.js';

/** The trader's session cookie; the staff one is `bd_sid`. Each resolves only in its own session store. */
export const TRADER_COOKIE = 'bd_tsid';

export interface TraderPrincipal {
  clientId: string;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    trader: TraderPrincipal | null;
  }
}

/** The guard of every signed-in cabinet route: a live trader session, never a staff one. */
export function traderGuard(app: FastifyInstance, cabinet: CabinetService): preHandlerHookHandler {
  app.decorateRequest('trader', null);
  return traderSession(cabinet);
}

/**
 * The same check for another module's cabinet routes (the request is decorated once, by the
 * cabinet's registration): the trader's session onto `request.trader`, or 401.
 */
export function traderSession(cabinet: Pick<CabinetService, 'resolveSession'>): preHandlerHookHandler {
  return async function requireTrader(request) {
    const token = request.cookies[TRADER_COOKIE];
    if (!token) throw unauthorized();
    const session = await cabinet.resolveSession(token);
    if (session === 'expired')
      throw unauthorized('session_expired', 'Your session has expired; sign in again');
    if (!session) throw unauthorized('session_ended', 'Your session has ended; sign in again');
    request.trader = session;
  };
}

/** The trader a guarded handler runs as. */
export function trader(request: FastifyRequest): TraderPrincipal {
  if (!request.trader) throw new AppError(500, 'internal_error', 'route is missing its trader guard');
  return request.trader;
}
