import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../../core/errors.js';
import type { StaffGuard, StaffPrincipal } from '../../core/http.js';
import type { Permission } from './permissions.js';
import type { SessionStore } from './sessions.js';
import type { StaffService } from './staff-service.js';

export const SESSION_COOKIE = 'bd_sid';
export const CHALLENGE_COOKIE = 'bd_mfa';

/**
 * Resolves the staff session behind the cookie. Expired or ended sessions answer 401 with a code the
 * web app uses to send the person back to the login page.
 */
export async function authenticate(
  request: FastifyRequest,
  sessions: SessionStore,
  staff: StaffService,
): Promise<StaffPrincipal> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) throw unauthorized();
  const session = await sessions.resolve(token);
  if (session === 'expired') throw unauthorized('session_expired', 'Your session has expired; sign in again');
  if (!session) throw unauthorized('session_ended', 'Your session has ended; sign in again');
  const viewer = await staff.viewerOf(session.userId);
  if (!viewer) throw unauthorized('session_ended', 'Your session has ended; sign in again');
  return { ...viewer, sessionId: session.id };
}

/** The guard factory every staff route uses: signed in, and holding `permission` when one is named. */
export function staffGuard(
  app: FastifyInstance,
  sessions: SessionStore,
  staff: StaffService,
): StaffGuard<Permission> {
  app.decorateRequest('staff', null);
  return (permission) =>
    async function requireStaff(request) {
      const principal = await authenticate(request, sessions, staff);
      if (permission && !principal.permissions.has(permission)) throw forbidden();
      request.staff = principal;
    };
}
