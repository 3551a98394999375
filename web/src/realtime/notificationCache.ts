import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { NotificationsPage } from '../../../src/shared/contracts/activity';
import type { PushedNotification } from './messages';

/**
 * Puts a pushed notification at the top of the cached list and bumps the
 * unread count right away, then lets a refetch confirm it from the server.
 */
export function addPushedNotification(queryClient: QueryClient, pushed: PushedNotification): void {
  const { muted: _muted, ...notification } = pushed;
  queryClient.setQueryData<NotificationsPage>(queryKeys.notifications, (page) => {
    if (!page || page.items.some((item) => item.id === notification.id)) return page;
    return {
      items: [{ ...notification, readAt: null }, ...page.items],
      total: page.total + 1,
      unread: page.unread + 1,
    };
  });
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
}
