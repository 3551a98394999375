/**
 * The notification centre: each member's notifications (the bell), marking them read, and copies by
 * email for those who opted in. Notifications are written with the events that raise them
 * (core/events.ts); this module reads and marks them.
 */
import type { App } from '../../core/http.js';
import type { ModuleJobs } from '../../core/jobs.js';
import type { Guard } from '../identity/index.js';
import type { NotificationMailer } from './notification-mailer.js';
import type { NotificationService } from './service.js';
import { notificationRoutes } from './routes.js';

export { NotificationService } from './service.js';
export { NotificationMailer } from './notification-mailer.js';

export interface NotificationsDeps {
  notifications: NotificationService;
  notificationMailer: NotificationMailer;
  /** Raises the notifications that fell due since the last tick (clients' task reminders). */
  raiseDue: () => Promise<unknown>;
  guard: Guard;
  jobs: ModuleJobs;
}

export function registerNotifications(app: App, deps: NotificationsDeps): void {
  notificationRoutes(app, deps);
  // Due reminders are checked often: a call-back at 14:00 should ring at 14:00, not 14:01.
  // Copies by email follow right after, so a due reminder reaches an opted-in inbox in the same tick.
  deps.jobs.every('reminders', 15_000, async () => {
    await deps.raiseDue();
    await deps.notificationMailer.run();
  });
}
