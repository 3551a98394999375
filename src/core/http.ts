import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  preHandlerHookHandler,
  RawServerDefault,
} from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';
import type { Viewer } from './events.js';

/** The Fastify instance every module registers its routes on (Zod schemas as the type provider). */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * A route's options in one line: `doc('Summary', { params, body, response }, guard)` is
 * `{ schema: { tags, summary: 'Summary', params, body, response }, preHandler: guard }`. A route file
 * binds its OpenAPI tags once (`const doc = routeDocs(['clients'])`), and may bind the guard and the
 * security scheme most of its routes share (`routeDocs(['me'], { guard: ctx.guard() })`): a route then
 * names its guard only when it differs, or `null` for none. The guard is left out on routes that need
 * none.
 */
export function routeDocs(
  tags: string[],
  shared: { guard?: preHandlerHookHandler; security?: FastifySchema['security'] } = {},
) {
  return <S extends FastifySchema>(
    summary: string,
    schema: S,
    preHandler: preHandlerHookHandler | null | undefined = shared.guard,
  ) => ({
    schema: { tags, summary, ...(shared.security && { security: shared.security }), ...schema },
    ...(preHandler && { preHandler }),
  });
}

/**
 * The end of a route that has nothing to answer once `work` is done: 204 No Content
 * (`async (request, reply) => noContentAfter(reply, service.remove(…))`).
 */
export async function noContentAfter(
  reply: { status(code: 204): { send(): unknown } },
  work: Promise<unknown>,
) {
  await work;
  return reply.status(204).send();
}

/** A signed-in staff member, as the guard resolved them for this request. */
export interface StaffPrincipal extends Viewer {
  role: string;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffPrincipal | null;
  }
}

/**
 * The guard every staff route uses: `guard()` = any signed-in staff, `guard('staff.write')` = that
 * permission too. Identity builds it (it owns the sessions); modules receive it as a dependency.
 */
export type StaffGuard<P extends string = string> = (permission?: P) => preHandlerHookHandler;

/** The principal a guarded handler runs as (the guard has already refused anonymous requests). */
export function principal(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw new AppError(500, 'internal_error', 'route is missing its guard');
  return request.staff;
}

/** The signed-in staff member as the actor of what the request changes (an `Actor` with an id). */
export const actorOf = (request: FastifyRequest) => ({
  id: principal(request).id,
  ip: request.ip ?? null,
});

/** Where a request came from, as recorded on events and sessions. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export const metaOf = (request: FastifyRequest): RequestMeta => ({
  ip: request.ip ?? null,
  userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
});

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
