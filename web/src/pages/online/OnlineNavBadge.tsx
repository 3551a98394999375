import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/queryKeys';
import { tradingApi } from '../../api/trading';

/** How many of my clients are in the terminal right now, beside "Online now" in the navigation. */
export function OnlineNavBadge() {
  // One row is enough: only `total` is read. Refreshed by client_online/offline events (invalidation.ts).
  const online = useQuery({
    queryKey: queryKeys.onlineCount,
    queryFn: ({ signal }) => tradingApi.online({ page: 1, pageSize: 1 }, signal),
    select: (page) => page.total,
  });
  const count = online.data ?? 0;
  if (count === 0) return null;
  return (
    <Badge size="sm" circle={count < 10} color="green" variant="filled" data-testid="nav-online-count">
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
