import { z } from 'zod';
import type { App } from '../../core/http.js';
import type { NotificationsDeps } from './index.js';
import { principal } from '../../core/http.js';
import { pagingQuery, text, uuid } from '../../core/primitives.js';
import { notificationsPage, unreadAnswer } from '../../shared/contracts/activity.js';

const page = z.strictObject(pagingQuery);

/** The notification centre: own notifications, and marking them read. */
export function notificationRoutes(app: App, ctx: Pick<NotificationsDeps, 'notifications' | 'guard'>): void {
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
    async (request) => ctx.notifications.listOf(principal(request).id, request.query),
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
      unread: await ctx.notifications.markRead(
        principal(request).id,
        request.body.all
          ? 'all'
          : request.body.group
            ? { group: request.body.group }
            : (request.body.ids ?? []),
      ),
    }),
  );
}
