/** The audit trail: the event log read newest first, for staff holding `audit.read`. Owns no table. */
import type { App } from '../../core/http.js';
import type { Guard } from '../identity/index.js';
import type { AuditService } from './service.js';
import { auditRoutes } from './routes.js';

export { AuditService } from './service.js';
export { auditQuery } from './contracts.js';

export interface AuditDeps {
  audit: AuditService;
  guard: Guard;
}

export function registerAudit(app: App, deps: AuditDeps): void {
  auditRoutes(app, deps);
}
