import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, RequestMeta } from '../../../core/http.js';
import type { IdentityDeps } from '../index.js';
import { clearCookie, metaOf, principal, routeDocs, setCookie } from '../../../core/http.js';
import { CHALLENGE_COOKIE, SESSION_COOKIE } from '../staff-guard.js';
import { codeInput, loginInput } from '../contracts.js';
import type { LoginOutcome } from '../auth-service.js';
import { noContent } from '../../../shared/contracts/common.js';
import {
  enrolledAnswer,
  loginAnswer,
  signedInAnswer,
  userAnswer,
} from '../../../shared/contracts/identity.js';

const doc = routeDocs(['auth']);
/** Before a session exists: the only credential is what the body carries (and the challenge cookie). */
const security: [] = [];

/** Sign-in, second factor, sign-out: the only staff routes reachable without a session. */
export function authRoutes(app: App, ctx: Pick<IdentityDeps, 'auth' | 'guard' | 'cookies' | 'config'>): void {
  const sessionCookieAge = ctx.config.SESSION_ABSOLUTE_HOURS * 3600;

  const finish = (reply: FastifyReply, outcome: Extract<LoginOutcome, { status: 'ok' }>) => {
    setCookie(reply, SESSION_COOKIE, outcome.session.token, ctx.cookies, sessionCookieAge);
    clearCookie(reply, CHALLENGE_COOKIE, ctx.cookies);
  };
  /** A second sign-in step: the challenge cookie and the code go to `step`; its success signs in. */
  const secondStep = async <O extends Extract<LoginOutcome, { status: 'ok' }>>(
    request: FastifyRequest & { body: { code: string } },
    reply: FastifyReply,
    step: (challenge: string | undefined, code: string, meta: RequestMeta) => Promise<O>,
  ) => {
    const outcome = await step(request.cookies[CHALLENGE_COOKIE], request.body.code, metaOf(request));
    finish(reply, outcome);
    return outcome;
  };

  app.post(
    '/api/auth/login',
    doc('Sign in with email and password', { security, body: loginInput, response: { 200: loginAnswer } }),
    async (request, reply) => {
      const outcome = await ctx.auth.login(request.body.email, request.body.password, metaOf(request));
      if (outcome.status === 'ok') {
        finish(reply, outcome);
        return { status: 'ok' as const, user: outcome.user };
      }
      setCookie(reply, CHALLENGE_COOKIE, outcome.challenge, ctx.cookies, 300);
      return outcome.status === 'mfa_required'
        ? { status: outcome.status }
        : { status: outcome.status, enrolment: outcome.enrolment };
    },
  );

  app.post(
    '/api/auth/mfa/verify',
    doc('Second sign-in step: TOTP or recovery code', {
      security,
      body: codeInput,
      response: { 200: signedInAnswer },
    }),
    async (request, reply) => {
      const { user } = await secondStep(request, reply, (...args) => ctx.auth.verifyMfa(...args));
      return { status: 'ok' as const, user };
    },
  );

  app.post(
    '/api/auth/mfa/enrol',
    doc('Confirm two-factor enrolment required at sign-in', {
      security,
      body: codeInput,
      response: { 200: enrolledAnswer },
    }),
    async (request, reply) => {
      const { user, recoveryCodes } = await secondStep(request, reply, (...args) =>
        ctx.auth.enrolMfa(...args),
      );
      return { status: 'ok' as const, user, recoveryCodes };
    },
  );

  app.post(
    '/api/auth/logout',
    doc('End this session on the server', { response: { 204: noContent } }, ctx.guard()),
    async (request, reply) => {
      const me = principal(request);
      await ctx.auth.logout(me.sessionId, me.id, metaOf(request));
      clearCookie(reply, SESSION_COOKIE, ctx.cookies);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    doc('The signed-in staff member', { response: { 200: userAnswer } }, ctx.guard()),
    async (request) => ({ user: await ctx.auth.me(principal(request).id) }),
  );
}
