import { z } from 'zod';
import type { App } from '../../../core/http.js';
import type { IdentityDeps } from '../index.js';
import { actorOf, principal, routeDocs, noContentAfter } from '../../../core/http.js';
import { codeInput, passwordChangeInput, profileUpdateInput } from '../contracts.js';
import { text } from '../../../core/primitives.js';
import { itemsOf, noContent } from '../../../shared/contracts/common.js';
import {
  enrolmentView,
  recoveryCodesAnswer,
  sessionView,
  userAnswer,
} from '../../../shared/contracts/identity.js';

/** Each staff member's own profile, password, second factor and sessions. */
export function meRoutes(app: App, ctx: Pick<IdentityDeps, 'auth' | 'sessions' | 'guard'>): void {
  const doc = routeDocs(['me'], { guard: ctx.guard() });

  app.patch(
    '/api/me',
    doc('Update own name or interface language', { body: profileUpdateInput, response: { 200: userAnswer } }),
    async (request) => ({ user: await ctx.auth.updateProfile(actorOf(request), request.body) }),
  );

  app.post(
    '/api/me/password',
    doc('Change own password (ends other sessions)', {
      body: passwordChangeInput,
      response: { 204: noContent },
    }),
    async (request, reply) => {
      await ctx.auth.changePassword(
        actorOf(request),
        principal(request).sessionId,
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/me/mfa/setup',
    doc('Start two-factor enrolment', { response: { 200: enrolmentView } }),
    async (request) => ctx.auth.startMfaSetup(actorOf(request)),
  );

  app.post(
    '/api/me/mfa/confirm',
    doc('Confirm enrolment with a first code', { body: codeInput, response: { 200: recoveryCodesAnswer } }),
    async (request) => ({
      recoveryCodes: await ctx.auth.confirmMfaSetup(actorOf(request), request.body.code),
    }),
  );

  app.post(
    '/api/me/mfa/recovery-codes',
    doc('Replace recovery codes', { body: codeInput, response: { 200: recoveryCodesAnswer } }),
    async (request) => ({
      recoveryCodes: await ctx.auth.regenerateRecoveryCodes(actorOf(request), request.body.code),
    }),
  );

  app.delete(
    '/api/me/mfa',
    doc('Turn two-factor off (when policy allows)', { body: codeInput, response: { 204: noContent } }),
    async (request, reply) => noContentAfter(reply, ctx.auth.disableMfa(actorOf(request), request.body.code)),
  );

  app.get(
    '/api/me/sessions',
    doc('Own active sessions', { response: { 200: itemsOf(sessionView) } }),
    async (request) => {
      const me = principal(request);
      const rows = await ctx.sessions.list(me.id);
      return {
        items: rows.map((s) => ({
          id: s.id.slice(0, 16),
          current: s.id === me.sessionId,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          ip: s.ip,
          userAgent: s.userAgent,
        })),
      };
    },
  );

  app.delete(
    '/api/me/sessions/:id',
    doc('End one of own sessions', {
      params: z.object({ id: text().regex(/^[0-9a-f]{16}$/, 'Not a session id') }),
      response: { 204: noContent },
    }),
    async (request, reply) =>
      noContentAfter(reply, ctx.auth.endOwnSession(actorOf(request), request.params.id)),
  );
}
