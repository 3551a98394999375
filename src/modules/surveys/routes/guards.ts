import type { preHandlerHookHandler } from 'fastify';
import { unauthorized } from '../../../core/errors.js';
import { TRADER_COOKIE, type CabinetService } from '../../cabinet/index.js';

/** Resolves the trader session (cabinet) onto the request, or 401 (as payments' cabinet routes do). */
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
