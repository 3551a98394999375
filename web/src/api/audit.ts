import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from './client';
import { queryKeys } from './queryKeys';
import type { AuditEvent, AuditQuery } from '../../../src/shared/contracts/activity';
import type { Page } from '../../../src/shared/contracts/common';

export const auditApi = {
  list: (query: AuditQuery) =>
    http.get<Page<AuditEvent>>('/api/audit', { query: { ...query, type: query.type?.trim() } }),
};

/** A page of the audit log. */
export function useAuditPage(query: AuditQuery) {
  return useQuery({
    queryKey: queryKeys.auditList(query),
    queryFn: () => auditApi.list(query),
    placeholderData: keepPreviousData,
  });
}
