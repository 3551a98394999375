import type { FastifyReply } from 'fastify';
import type { App } from '../../../core/http.js';
import type { CabinetDeps } from '../index.js';
import { clearCookie, metaOf, routeDocs, setCookie } from '../../../core/http.js';
import {
  cabinetAnswer,
  registerInput,
  RESET_ACCEPTED,
  resetAcceptedAnswer,
  resetConfirmInput,
  resetRequestInput,
  tokenInput,
  traderLoginInput,
} from '../contracts.js';
import { TRADER_COOKIE } from '../trader-guard.js';
import { noContent, okAnswer as ok } from '../../../shared/contracts/common.js';

/** Before a trader session exists: nothing to show but what the body carries. */
const security: [] = [];
const doc = routeDocs(['cabinet'], { security });
/** Works with the trader cookie or without it. */
const traderIfAny: Record<string, string[]>[] = [{ trader: [] }, {}];

/** The cabinet's routes reachable without a trader session: register, confirm, sign in and out, reset. */
export function cabinetSessionRoutes(
  app: App,
  ctx: Pick<CabinetDeps, 'cabinet' | 'cookies' | 'config'>,
): void {
  const cookieAge = ctx.config.SESSION_ABSOLUTE_HOURS * 3600;
  const startSession = (reply: FastifyReply, token: string) =>
    setCookie(reply, TRADER_COOKIE, token, ctx.cookies, cookieAge);

  app.post(
    '/api/portal/register',
    doc('Register a cabinet (creates the client, status Demo, signs in)', {
      body: registerInput,
      response: { 201: cabinetAnswer },
    }),
    async (request, reply) => {
      const { session, client } = await ctx.cabinet.register(request.body, metaOf(request));
      startSession(reply, session.token);
      return reply.status(201).send({ client });
    },
  );

  app.post(
    '/api/portal/confirm-email',
    doc('Confirm the email address with the emailed token (single use)', {
      body: tokenInput,
      response: { 200: ok },
    }),
    async (request) => {
      await ctx.cabinet.confirmEmail(request.body.token, metaOf(request));
      return { status: 'ok' as const };
    },
  );

  app.post(
    '/api/portal/login',
    doc('Sign in to the cabinet', { body: traderLoginInput, response: { 200: cabinetAnswer } }),
    async (request, reply) => {
      const { session, client } = await ctx.cabinet.login(
        request.body.email,
        request.body.password,
        metaOf(request),
      );
      startSession(reply, session.token);
      return { client };
    },
  );

  app.post(
    '/api/portal/logout',
    doc('End the cabinet session', { security: traderIfAny, response: { 204: noContent } }),
    async (request, reply) => {
      const token = request.cookies[TRADER_COOKIE];
      if (token) {
        const session = await ctx.cabinet.resolveSession(token);
        if (session && session !== 'expired') await ctx.cabinet.logout(session.sessionId);
      }
      clearCookie(reply, TRADER_COOKIE, ctx.cookies);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/portal/password-reset',
    doc('Ask for a password reset link (same answer whether the email is known or not)', {
      body: resetRequestInput,
      response: { 202: resetAcceptedAnswer },
    }),
    async (request, reply) => {
      await ctx.cabinet.requestReset(request.body.email, metaOf(request));
      return reply.status(202).send(RESET_ACCEPTED);
    },
  );

  app.post(
    '/api/portal/password-reset/confirm',
    doc('Set a new password with the emailed token (ends every cabinet session)', {
      body: resetConfirmInput,
      response: { 200: ok },
    }),
    async (request) => {
      await ctx.cabinet.confirmReset(request.body.token, request.body.password, metaOf(request));
      return { status: 'ok' as const };
    },
  );
}
