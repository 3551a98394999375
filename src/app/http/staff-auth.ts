import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { AppError, forbidden, unauthorized } from '../../core/errors.js';
import type { Viewer } from '../../core/events.js';
import type { Permission, Role } from '../../modules/identity/permissions.js';
import type { SessionStore } from '../../modules/identity/sessions.js';
import type { StaffService } from '../../modules/identity/staff-service.js';

export const SESSION_COOKIE = 'bd_sid';
export const CHALLENGE_COOKIE = 'bd_mfa';

export interface StaffPrincipal extends Viewer {
  role: Role;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffPrincipal | null;
  }
}

export interface CookiePolicy {
  secure: boolean;
}

export function setCookie(
  reply: FastifyReply,
  name: string,
  value: string,
  policy: CookiePolicy,
  maxAgeSec: number,
) {
  void reply.setCookie(name, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: policy.secure,
    path: '/',
    maxAge: maxAgeSec,
  });
}

export function clearCookie(reply: FastifyReply, name: string, policy: CookiePolicy) {
  void reply.clearCookie(name, { httpOnly: true, sameSite: 'lax', secure: policy.secure, path: '/' });
}

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
export function staffGuard(app: FastifyInstance, sessions: SessionStore, staff: StaffService) {
  app.decorateRequest('staff', null);
  return (permission?: Permission): preHandlerHookHandler =>
    async function requireStaff(request) {
      const principal = await authenticate(request, sessions, staff);
      if (permission && !principal.permissions.has(permission)) throw forbidden();
      request.staff = principal;
    };
}

/** The principal a guarded handler runs as (the guard has already refused anonymous requests). */
export function principal(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new AppError(500, 'internal_error', 'route is missing its guard');
  return request.staff;
}

export const actorOf = (request: FastifyRequest) => ({ id: principal(request).id, ip: request.ip ?? null });
export const metaOf = (request: FastifyRequest) => ({
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
});

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

export function registerOriginCheck(app: FastifyInstance, allowed: readonly string[]): void {
  app.addHook('onRequest', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    if (!isAllowedOrigin(request.headers.origin, request, allowed))
      throw new AppError(403, 'origin_forbidden', 'Cross-site requests are not accepted');
  });
}
