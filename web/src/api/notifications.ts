import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationGroupKey, type NotificationGroupKey } from '../../../src/shared/notifications';
import { http } from './client';
import { queryKeys } from './queryKeys';
import type {
  AppNotification,
  NotificationsPage,
  UnreadAnswer,
} from '../../../src/shared/contracts/activity';

export const notificationsApi = {
  list: (page = 1, pageSize = 30) =>
    http.get<NotificationsPage>('/api/notifications', { query: { page, pageSize } }),
  markRead: (ids: string[]) => http.post<UnreadAnswer>('/api/notifications/read', { ids }),
  markAllRead: () => http.post<UnreadAnswer>('/api/notifications/read', { all: true }),
  /** Every notification of the group (type, client, kind), loaded here or not. */
  markGroupRead: (group: NotificationGroupKey) =>
    http.post<UnreadAnswer>('/api/notifications/read', { group }),
};

/** Latest notifications plus the unread count shown on the bell (enough of them to group well). */
export function useNotifications() {
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: () => notificationsApi.list(1, 50),
    staleTime: 60_000,
  });
}

export type MarkRead = string[] | 'all' | { group: NotificationGroupKey };

const sameGroup = (item: AppNotification, key: NotificationGroupKey) => {
  const mine = notificationGroupKey(item);
  return mine.type === key.type && mine.clientId === key.clientId && mine.kind === key.kind;
};

/** Marks some, all or a group of notifications read and mirrors that in the cache immediately. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (which: MarkRead) =>
      which === 'all'
        ? notificationsApi.markAllRead()
        : Array.isArray(which)
          ? notificationsApi.markRead(which)
          : notificationsApi.markGroupRead(which.group),
    onSuccess: ({ unread }, which) => {
      const readAt = new Date().toISOString();
      const hit = (item: AppNotification) =>
        which === 'all' || (Array.isArray(which) ? which.includes(item.id) : sameGroup(item, which.group));
      queryClient.setQueryData<NotificationsPage>(
        queryKeys.notifications,
        (page) =>
          page && {
            ...page,
            unread,
            items: page.items.map((item) => (item.readAt === null && hit(item) ? { ...item, readAt } : item)),
          },
      );
    },
  });
}
