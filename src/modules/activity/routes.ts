import { z } from 'zod';
import type { App, AppContext } from '../../app/context.js';
import { actorOf, principal } from '../../app/http/staff-auth.js';
import { auditQuery, securitySettings } from '../identity/contracts.js';
import { idParams, pagingQuery, text, uuid } from '../../core/primitives.js';
import {
  auditPage,
  notificationsPage,
  outboxMessageView,
  outboxPage,
  securitySettingsView,
  unreadAnswer,
} from '../../shared/contracts/activity.js';

const page = z.strictObject(pagingQuery);

/** Audit trail, notification centre, security settings and the mail outbox. */
export function activityRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit trail (newest first)',
        querystring: auditQuery,
        response: { 200: auditPage },
      },
      preHandler: ctx.guard('audit.read'),
    },
    async (request) => ctx.activity.audit(request.query),
  );

  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Own notifications with the unread count',
        querystring: page,
        response: { 200: notificationsPage },
      },
      preHandler: ctx.guard(),
    },
    async (request) =>
      ctx.activity.notificationsOf(principal(request).id, request.query.page, request.query.pageSize),
  );

  app.post(
    '/api/notifications/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark own notifications read: by id, all, or a group (type, client, kind)',
        body: z.strictObject({
          ids: z.array(uuid()).max(500).optional(),
          all: z.boolean().optional(),
          group: z
            .strictObject({
              type: text({ min: 1, max: 100 }),
              clientId: text({ max: 100 }).nullable(),
              kind: text({ max: 100 }).nullable(),
            })
            .optional(),
        }),
        response: { 200: unreadAnswer },
      },
      preHandler: ctx.guard(),
    },
    async (request) => ({
      unread: await ctx.activity.markRead(
        principal(request).id,
        request.body.all
          ? 'all'
          : request.body.group
            ? { group: request.body.group }
            : (request.body.ids ?? []),
      ),
    }),
  );

  app.get(
    '/api/settings/security',
    {
      schema: { tags: ['settings'], summary: 'Security policy', response: { 200: securitySettingsView } },
      preHandler: ctx.guard('settings.write'),
    },
    async () => ctx.auth.securitySettings(),
  );

  app.patch(
    '/api/settings/security',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change the security policy',
        body: securitySettings,
        response: { 200: securitySettingsView },
      },
      preHandler: ctx.guard('settings.write'),
    },
    async (request) => ctx.auth.updateSecuritySettings(actorOf(request), request.body),
  );

  app.get(
    '/api/outbox',
    {
      schema: {
        tags: ['settings'],
        summary: 'Outgoing mail (kept here when no SMTP server is set)',
        querystring: page,
        response: { 200: outboxPage },
      },
      preHandler: ctx.guard('outbox.read'),
    },
    async (request) => ctx.activity.outbox(request.query.page, request.query.pageSize),
  );

  app.get(
    '/api/outbox/:id',
    {
      schema: {
        tags: ['settings'],
        summary: 'One outgoing mail with its body (opening a password or one-time link is audited)',
        params: idParams(),
        response: { 200: outboxMessageView },
      },
      preHandler: ctx.guard('outbox.read'),
    },
    async (request) => ctx.activity.outboxMessage(actorOf(request), request.params.id),
  );
}
