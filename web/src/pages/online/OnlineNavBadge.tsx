import { Badge } from '@mantine/core';
import { useOnlineCount } from '../../api/trading';

/** How many of my clients are in the terminal right now, beside "Online now" in the navigation. */
export function OnlineNavBadge() {
  const online = useOnlineCount();
  const count = online.data ?? 0;
  if (count === 0) return null;
  return (
    <Badge size="sm" circle={count < 10} color="green" variant="filled" data-testid="nav-online-count">
      {count > 99 ? '99+' : count}
    </Badge>
  );
}
