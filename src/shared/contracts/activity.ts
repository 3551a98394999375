import { z } from 'zod';
import { isoTime, jsonObject, listOf } from './common.js';

// The audit trail, the notification centre, the mail outbox and the security settings: their answers.

export const auditEventView = z.object({
  id: z.number(),
  type: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  ip: z.string().nullable(),
  payload: jsonObject,
  createdAt: isoTime,
});
export type AuditEvent = z.input<typeof auditEventView>;
export const auditPage = listOf(auditEventView);

export const notificationView = z.object({
  id: z.string(),
  type: z.string(),
  payload: jsonObject,
  createdAt: isoTime,
  readAt: isoTime.nullable(),
});
export type AppNotification = z.input<typeof notificationView>;
export const notificationsPage = z.object({
  items: z.array(notificationView),
  total: z.number(),
  unread: z.number(),
});
export type NotificationsPage = z.input<typeof notificationsPage>;
export const unreadAnswer = z.object({ unread: z.number() });
export type UnreadAnswer = z.input<typeof unreadAnswer>;

export const securitySettingsView = z.object({ mfaRequiredForAll: z.boolean() });
export type SecuritySettings = z.input<typeof securitySettingsView>;

const outboxFields = {
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  status: z.string(),
  sensitive: z.boolean(),
  createdAt: isoTime,
  sentAt: isoTime.nullable(),
};
export const outboxEmailView = z.object({
  ...outboxFields,
  /** Null in the list for a sensitive mail (password, one-time link): open the message to read it. */
  text: z.string().nullable(),
});
export type OutboxEmail = z.input<typeof outboxEmailView>;
export const outboxPage = listOf(outboxEmailView);
/** One message with its bodies (opening a sensitive one is audited). */
export const outboxMessageView = z.object({ ...outboxFields, text: z.string(), html: z.string().nullable() });
export type OutboxMessage = z.input<typeof outboxMessageView>;

/** GET /api/audit */
export interface AuditQuery {
  type?: string;
  actorId?: string | null;
  from?: string | null;
  to?: string | null;
  page: number;
  pageSize: number;
}
