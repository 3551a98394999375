import { http } from './client';
import type { NewStaffInput, Page, Staff, StaffInput, StaffQuery } from './types';

export const staffApi = {
  list: (query: StaffQuery) =>
    http.get<Page<Staff>>('/api/staff', {
      query: {
        search: query.search?.trim(),
        role: query.role,
        teamId: query.teamId,
        active: query.active === null || query.active === undefined ? undefined : String(query.active),
        sort: query.sort,
        order: query.order,
        page: query.page,
        pageSize: query.pageSize,
      },
    }),

  create: (input: NewStaffInput) => http.post<Staff>('/api/staff', input),
  update: (id: string, patch: Partial<StaffInput>) =>
    http.patch<Staff>(`/api/staff/${encodeURIComponent(id)}`, patch),
  resetPassword: (id: string, password: string) =>
    http.post<void>(`/api/staff/${encodeURIComponent(id)}/password`, { password }),
  resetMfa: (id: string) => http.post<void>(`/api/staff/${encodeURIComponent(id)}/mfa/reset`),
};
