import type { InvalidateQueryFilters, QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { LiveMessage } from './messages';

interface LiveGroup {
  /** Pushes with the same key share one throttle. */
  throttleKey: string;
  /** At most one refresh per this many milliseconds. */
  intervalMs: number;
  filters: InvalidateQueryFilters[];
}

const SECOND = 1000;
/** The equity chart has one point per minute: refetching it every second would only move the last point. */
const EQUITY_INTERVAL = 5 * SECOND;

/**
 * Which cached queries a live push makes stale, grouped by what to throttle them under. The server
 * sends `trading.accounts` with `data.accounts` = [[accountId, clientId], …] (one message for many).
 */
export function groupsForLive(message: LiveMessage): LiveGroup[] {
  // `trading.alerts` with `data.clients` = [clientId, …]: an open alert's figures moved (no new event).
  if (message.topic === 'trading.alerts' && Array.isArray(message.data.clients))
    return (message.data.clients as unknown[]).flatMap((clientId) =>
      typeof clientId === 'string'
        ? [
            {
              throttleKey: `alerts:${clientId}`,
              intervalMs: SECOND,
              filters: [{ queryKey: queryKeys.clientAlerts(clientId) }],
            },
          ]
        : [],
    );
  if (message.topic !== 'trading.accounts' || !Array.isArray(message.data.accounts)) return [];
  return (message.data.accounts as unknown[]).flatMap((pair) =>
    Array.isArray(pair) && typeof pair[0] === 'string' ? groupsForAccount(pair[0], pair[1]) : [],
  );
}

function groupsForAccount(accountId: string, clientId: unknown): LiveGroup[] {
  const account = queryKeys.tradingAccount(accountId);
  const groups: LiveGroup[] = [
    // The account, its positions, deals and balance operations…
    {
      throttleKey: `account:${accountId}`,
      intervalMs: SECOND,
      filters: [{ queryKey: account, predicate: (query) => query.queryKey[3] !== 'equity' }],
    },
    // …and, less often, its equity chart.
    {
      throttleKey: `equity:${accountId}`,
      intervalMs: EQUITY_INTERVAL,
      filters: [{ queryKey: [...account, 'equity'] }],
    },
    // "Online now" shows equity and margin level of online accounts.
    { throttleKey: 'online', intervalMs: SECOND, filters: [{ queryKey: queryKeys.onlineClients }] },
  ];
  // The card's account strip: once per client, however many of its accounts moved.
  if (typeof clientId === 'string')
    groups.push({
      throttleKey: `client:${clientId}`,
      intervalMs: SECOND,
      filters: [{ queryKey: queryKeys.clientAccounts(clientId) }],
    });
  return groups;
}

/**
 * A busy account pushes several updates a second; the browser refetches at most once per second per
 * account (and per client for its account list): the first push refreshes at once, later ones within
 * the interval collapse into one trailing refresh, so the screen never stays behind the last push.
 */
export function createLiveInvalidator(queryClient: QueryClient) {
  const lastRun = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const run = (group: LiveGroup) => {
    timers.delete(group.throttleKey);
    lastRun.set(group.throttleKey, Date.now());
    for (const filters of group.filters) void queryClient.invalidateQueries(filters);
  };

  return {
    add(message: LiveMessage) {
      for (const group of groupsForLive(message)) {
        // A group's filters depend only on its key, so a pending refresh already covers this push.
        if (timers.has(group.throttleKey)) continue;
        const wait = (lastRun.get(group.throttleKey) ?? 0) + group.intervalMs - Date.now();
        if (wait <= 0) run(group);
        else
          timers.set(
            group.throttleKey,
            setTimeout(() => run(group), wait),
          );
      }
    },
    cancel() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      lastRun.clear();
    },
  };
}
