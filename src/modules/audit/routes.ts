import type { App } from '../../core/http.js';
import type { AuditDeps } from './index.js';
import { auditQuery } from './contracts.js';
import { auditPage } from '../../shared/contracts/activity.js';

/** The audit trail. */
export function auditRoutes(app: App, ctx: AuditDeps): void {
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
    async (request) => ctx.audit.list(request.query),
  );
}
