import { http } from './client';
import type { AuditEvent, AuditQuery, Page } from './types';

export const auditApi = {
  list: (query: AuditQuery) =>
    http.get<Page<AuditEvent>>('/api/audit', {
      query: {
        type: query.type?.trim(),
        actorId: query.actorId,
        from: query.from,
        to: query.to,
        page: query.page,
        pageSize: query.pageSize,
      },
    }),
};
