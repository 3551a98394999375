import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { DomainEvent } from './messages';

/**
 * Which cached queries an event makes stale, by event type prefix.
 * Staff and teams reference each other (team name on a staff row, member
 * count and lead on a team row), so changes to either refresh both.
 */
const RULES: { prefix: string; keys: QueryKey[] }[] = [
  { prefix: 'staff.', keys: [queryKeys.staff, queryKeys.teams] },
  { prefix: 'team.', keys: [queryKeys.teams, queryKeys.staff] },
  { prefix: 'settings.', keys: [queryKeys.securitySettings, queryKeys.salesStatuses] },
  { prefix: 'notification.', keys: [queryKeys.notifications] },
  { prefix: 'outbox.', keys: [queryKeys.outbox] },
  { prefix: 'email.', keys: [queryKeys.outbox] },
  { prefix: 'auth.', keys: [queryKeys.sessions] },
  { prefix: 'session.', keys: [queryKeys.sessions] },
  { prefix: 'mfa.', keys: [queryKeys.sessions] },
  { prefix: 'assignment.', keys: [queryKeys.assignmentRules] },
];

const LIST_VISIBLE_TRADING = ['trading.client_online', 'trading.client_offline', 'trading.account_opened'];

export function keysForEvent(event: DomainEvent, currentUserId: string | null): QueryKey[] {
  const keys: QueryKey[] = [queryKeys.audit]; // every event is an audit row
  for (const rule of RULES) {
    if (event.type.startsWith(rule.prefix)) keys.push(...rule.keys);
  }
  // A client changed: the list, and that client's card, timeline and tasks.
  if (event.type.startsWith('client.')) {
    keys.push(queryKeys.clientLists);
    if (event.subjectId) keys.push(queryKeys.client(event.subjectId));
  }
  // Trading on a client's accounts (opened, online, alerts, margin call…): that client's accounts and
  // alerts, its card (Online flag, Live status) and "Online now"; the client list only when its Online
  // icon or status can change.
  if (event.type.startsWith('trading.')) {
    keys.push(queryKeys.onlineClients);
    if (LIST_VISIBLE_TRADING.includes(event.type)) keys.push(queryKeys.clientLists);
    if (event.subjectType === 'client' && event.subjectId)
      keys.push(queryKeys.tradingClient(event.subjectId), queryKeys.client(event.subjectId));
    if (event.type.startsWith('trading.alert_rule')) keys.push(queryKeys.alertRules);
    if (event.type === 'trading.client_online' || event.type === 'trading.client_offline')
      keys.push(queryKeys.onlineCount);
  }
  // Something happened to me (role, team, 2FA reset…): refresh my profile and permissions.
  if (currentUserId && event.subjectType === 'staff' && event.subjectId === currentUserId)
    keys.push(queryKeys.me);
  return keys;
}

/**
 * Collects keys for a short moment before invalidating, so a burst of
 * replayed events after a reconnect causes one refetch per list, not hundreds.
 */
export function createInvalidationBatcher(queryClient: QueryClient, delayMs = 150) {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  };

  return {
    add(keys: QueryKey[]) {
      for (const key of keys) pending.set(JSON.stringify(key), key);
      timer ??= setTimeout(flush, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}
