/**
 * The mail outbox as admins read it (mail is kept there when no SMTP server is set, so the demo shows
 * the emailed password). The mailer (integrations/mail) writes and sends it; the table stays in
 * core/schema.ts beside it for now.
 */
import type { App } from '../../core/http.js';
import type { Guard } from '../identity/index.js';
import type { OutboxService } from './service.js';
import { outboxRoutes } from './routes.js';

export { OutboxService } from './service.js';

export interface OutboxDeps {
  outbox: OutboxService;
  guard: Guard;
}

export function registerOutbox(app: App, deps: OutboxDeps): void {
  outboxRoutes(app, deps);
}
