/**
 * Notification-centre kinds and grouping, shared by the server (the mute preference, marking a group
 * read) and the web app (the bell, toasts, the profile). Types come from the event catalogue
 * (shared/events.ts): a notification's type is its event's or one of the notification-only types.
 */
import type { AnyNotificationType } from './events.js';

/** The notification types a person may mute (no toast, no email copy; the bell still lists them). */
export const NOTIFICATION_TYPES = [
  'client.assigned',
  'clients.assigned',
  'client.reassigned',
  'client.status_changed',
  'client.mentioned',
  'client.task_due',
  'trading.account_opened',
  'trading.client_online',
  'trading.alert_raised',
  'trading.margin_call',
  'trading.stop_out',
  'staff.joined_team',
  'staff.role_changed',
  'team.lead_assigned',
] as const satisfies readonly AnyNotificationType[];
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/**
 * What makes notifications "the same thing again": the type, the client and, where the payload has
 * one, its kind (an alert's kind, an account's kind). The bell shows each group once with a count.
 */
export interface NotificationGroupKey {
  type: string;
  clientId: string | null;
  kind: string | null;
}

export function notificationGroupKey(n: {
  type: string;
  payload: Record<string, unknown>;
}): NotificationGroupKey {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return { type: n.type, clientId: text(n.payload.clientId), kind: text(n.payload.kind) };
}

export interface NotificationGroup<T> {
  key: NotificationGroupKey;
  /** Newest first; the first one stands for the group. */
  items: T[];
  unread: number;
}

/** Groups a newest-first list, each group where its newest member was. */
export function groupNotifications<
  T extends { type: string; payload: Record<string, unknown>; readAt: string | null },
>(items: readonly T[]): NotificationGroup<T>[] {
  const groups = new Map<string, NotificationGroup<T>>();
  for (const item of items) {
    const key = notificationGroupKey(item);
    const id = JSON.stringify([key.type, key.clientId, key.kind]);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, items: [], unread: 0 }));
    group.items.push(item);
    if (item.readAt === null) group.unread++;
  }
  return [...groups.values()];
}
