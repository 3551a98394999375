import type { preHandlerHookHandler } from 'fastify';
import type { App } from '../../../core/http.js';
import type { CabinetDeps } from '../index.js';
import { metaOf, routeDocs } from '../../../core/http.js';
import { cabinetAnswer, cabinetSessionAnswer, passwordChangeInput, profilePatchInput } from '../contracts.js';
import { trader, TRADER_COOKIE } from '../trader-guard.js';
import { acceptedAnswer, noContent } from '../../../shared/contracts/common.js';

/** The trader's cookie (the `trader` scheme of the OpenAPI document), not a staff session. */
const security = [{ trader: [] }];

/** The signed-in trader's own record: read, contacts, password, confirmation resend. */
export function cabinetMeRoutes(
  app: App,
  ctx: Pick<CabinetDeps, 'cabinet'>,
  signedIn: preHandlerHookHandler,
): void {
  const doc = routeDocs(['cabinet'], { security, guard: signedIn });

  app.get(
    '/api/portal/me',
    doc('The signed-in trader', { response: { 200: cabinetAnswer } }),
    async (request) => ({ client: await ctx.cabinet.me(trader(request).clientId) }),
  );

  // The cabinet's public pages (sign-in, registration) ask this on every load: a visitor is an answer,
  // not an error, so the browser logs no failed request.
  app.get(
    '/api/portal/session',
    doc(
      'The signed-in trader, or null for a visitor (never 401)',
      { security: [...security, {}], response: { 200: cabinetSessionAnswer } },
      null,
    ),
    async (request) => {
      const token = request.cookies[TRADER_COOKIE];
      const session = token ? await ctx.cabinet.resolveSession(token) : null;
      return { client: session && session !== 'expired' ? await ctx.cabinet.me(session.clientId) : null };
    },
  );

  app.patch(
    '/api/portal/me',
    doc('Change own phone, language or country', {
      body: profilePatchInput,
      response: { 200: cabinetAnswer },
    }),
    async (request) => ({
      client: await ctx.cabinet.updateProfile(trader(request).clientId, request.body, metaOf(request)),
    }),
  );

  app.post(
    '/api/portal/password',
    doc('Change own password (ends other cabinet sessions)', {
      body: passwordChangeInput,
      response: { 204: noContent },
    }),
    async (request, reply) => {
      const me = trader(request);
      await ctx.cabinet.changePassword(
        me.clientId,
        me.sessionId,
        request.body.currentPassword,
        request.body.newPassword,
        metaOf(request),
      );
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/portal/confirm-email/resend',
    doc('Send the confirmation email again', { response: { 202: acceptedAnswer } }),
    async (request, reply) => {
      await ctx.cabinet.resendConfirmation(trader(request).clientId, metaOf(request));
      return reply.status(202).send({ status: 'accepted' });
    },
  );
}
