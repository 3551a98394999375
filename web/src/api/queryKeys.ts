import type { AuditQuery, StaffQuery } from './types';

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
};
