import { z } from 'zod';
import type { App } from '../../core/http.js';
import type { OutboxDeps } from './index.js';
import { actorOf } from '../../core/http.js';
import { idParams, pagingQuery } from '../../core/primitives.js';
import { outboxMessageView, outboxPage } from '../../shared/contracts/activity.js';

const page = z.strictObject(pagingQuery);

/** The mail outbox, read by admins (mail is kept there when no SMTP server is set). */
export function outboxRoutes(app: App, ctx: OutboxDeps): void {
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
    async (request) => ctx.outbox.list(request.query),
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
    async (request) => ctx.outbox.message(actorOf(request), request.params.id),
  );
}
