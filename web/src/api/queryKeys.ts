import type { ClientListQuery } from '../../../src/shared/contracts/clients';
import type { BalanceOpsQuery, DealsQuery, OnlineQuery } from '../../../src/shared/contracts/trading';
import type { EquityRange } from '../../../src/shared/trading';
import type { AuditQuery } from '../../../src/shared/contracts/activity';
import type { StaffQuery } from '../../../src/shared/contracts/identity';

/**
 * Every TanStack Query key in one place. The first segment is the "domain",
 * which is what realtime events invalidate (see realtime/invalidation.ts).
 */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  sessions: ['me', 'sessions'] as const,
  staff: ['staff'] as const,
  staffList: (query: StaffQuery) => ['staff', 'list', query] as const,
  staffOptions: ['staff', 'options'] as const,
  teams: ['teams'] as const,
  roles: ['roles'] as const,
  audit: ['audit'] as const,
  auditList: (query: AuditQuery) => ['audit', 'list', query] as const,
  notifications: ['notifications'] as const,
  securitySettings: ['settings', 'security'] as const,
  outbox: ['outbox'] as const,
  outboxPage: (page: number) => ['outbox', page] as const,
  clients: ['clients'] as const,
  clientLists: ['clients', 'list'] as const,
  clientList: (query: ClientListQuery) => ['clients', 'list', query] as const,
  /** The card and everything under it (timeline, tasks) share this prefix. */
  client: (id: string) => ['clients', 'detail', id] as const,
  clientTimeline: (id: string) => ['clients', 'detail', id, 'timeline'] as const,
  clientTasks: (id: string) => ['clients', 'detail', id, 'tasks'] as const,
  clientViews: ['clients', 'views'] as const,
  salesStatuses: ['settings', 'salesStatuses'] as const,
  assignmentRules: ['assignmentRules'] as const,
  staffSearch: (search: string) => ['staff', 'search', search] as const,
  staffPicker: (teamId: string | null) => ['staff', 'picker', teamId] as const,
  clientDuplicates: (email: string | null, phone: string | null) =>
    ['clients', 'duplicates', email, phone] as const,
  /** Trading: a client's accounts and alerts, one account and everything under it, online now, rules. */
  trading: ['trading'] as const,
  tradingClient: (clientId: string) => ['trading', 'client', clientId] as const,
  clientAccounts: (clientId: string) => ['trading', 'client', clientId, 'accounts'] as const,
  clientAlerts: (clientId: string) => ['trading', 'client', clientId, 'alerts'] as const,
  tradingAccount: (accountId: string) => ['trading', 'account', accountId] as const,
  accountPositions: (accountId: string) => ['trading', 'account', accountId, 'positions'] as const,
  accountDeals: (accountId: string, query: DealsQuery) =>
    ['trading', 'account', accountId, 'deals', query] as const,
  accountBalanceOps: (accountId: string, query: BalanceOpsQuery) =>
    ['trading', 'account', accountId, 'balanceOps', query] as const,
  accountEquity: (accountId: string, range: EquityRange) =>
    ['trading', 'account', accountId, 'equity', range] as const,
  onlineClients: ['trading', 'online'] as const,
  onlineList: (query: OnlineQuery) => ['trading', 'online', query] as const,
  /** The nav badge's count; apart from the list so live equity pushes do not refetch it every second. */
  onlineCount: ['trading', 'onlineCount'] as const,
  alertRules: ['trading', 'alertRules'] as const,
};
