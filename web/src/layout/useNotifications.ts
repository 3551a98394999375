import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notificationsApi } from '../api/notifications';
import { queryKeys } from '../api/queryKeys';
import type { NotificationsPage } from '../api/types';

/** Latest notifications plus the unread count shown on the bell. */
export function useNotifications() {
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: () => notificationsApi.list(1, 30),
    staleTime: 60_000,
  });
}

/** Marks some (or all) notifications read and mirrors that in the cache immediately. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[] | 'all') =>
      ids === 'all' ? notificationsApi.markAllRead() : notificationsApi.markRead(ids),
    onSuccess: ({ unread }, ids) => {
      const readAt = new Date().toISOString();
      queryClient.setQueryData<NotificationsPage>(
        queryKeys.notifications,
        (page) =>
          page && {
            ...page,
            unread,
            items: page.items.map((item) =>
              item.readAt === null && (ids === 'all' || ids.includes(item.id)) ? { ...item, readAt } : item,
            ),
          },
      );
    },
  });
}
