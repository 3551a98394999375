import type { NotificationGroupKey } from '../../../src/shared/notifications';
import { http } from './client';
import type { NotificationsPage } from './types';

export const notificationsApi = {
  list: (page = 1, pageSize = 30) =>
    http.get<NotificationsPage>('/api/notifications', { query: { page, pageSize } }),
  markRead: (ids: string[]) => http.post<{ unread: number }>('/api/notifications/read', { ids }),
  markAllRead: () => http.post<{ unread: number }>('/api/notifications/read', { all: true }),
  /** Every notification of the group (type, client, kind), loaded here or not. */
  markGroupRead: (group: NotificationGroupKey) =>
    http.post<{ unread: number }>('/api/notifications/read', { group }),
};
