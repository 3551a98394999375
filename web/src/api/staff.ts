import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { http } from './client';
import { invalidate, useApiMutation, type MutationCallbacks } from './mutation';
import { queryKeys } from './queryKeys';
import type { NewStaffInput, Staff, StaffInput, StaffQuery } from '../../../src/shared/contracts/identity';
import type { Page } from '../../../src/shared/contracts/common';

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

// ---- Queries.

/** A page of the staff table. */
export function useStaffPage(query: StaffQuery) {
  return useQuery({
    queryKey: queryKeys.staffList(query),
    queryFn: () => staffApi.list(query),
    placeholderData: keepPreviousData, // keep rows on screen while the next page loads
  });
}

/** Staff as select options (team lead picker, audit actor filter). */
export function useStaffOptions() {
  return useQuery({
    queryKey: queryKeys.staffOptions,
    queryFn: () => staffApi.list({ sort: 'name', order: 'asc', page: 1, pageSize: 100 }),
    select: (data) =>
      data.items.map((staff) => ({ value: staff.id, label: `${staff.name} · ${staff.email}` })),
    staleTime: 60_000,
  });
}

/** Active staff, optionally of one team, for "manager" pickers. */
export function useActiveStaff(teamId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.staffPicker(teamId),
    queryFn: () =>
      staffApi.list({ active: true, teamId, sort: 'name', order: 'asc', page: 1, pageSize: 200 }),
    enabled,
    staleTime: 60_000,
    select: (data) => data.items,
  });
}

/** Up to eight active staff matching `search`, for @mentions. */
export function useStaffSearch(search: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.staffSearch(search),
    queryFn: () => staffApi.list({ search, active: true, sort: 'name', order: 'asc', page: 1, pageSize: 8 }),
    enabled,
    staleTime: 30_000,
    retry: false,
    select: (data) => data.items,
  });
}

// ---- Mutations. A staff change can move people between teams, so both lists refresh.

export function useCreateStaff(callbacks?: MutationCallbacks<Staff, NewStaffInput>) {
  return useApiMutation(staffApi.create, callbacks, invalidate(queryKeys.staff, queryKeys.teams));
}

export function useUpdateStaff(
  callbacks?: MutationCallbacks<Staff, { id: string; patch: Partial<StaffInput> }>,
) {
  return useApiMutation(
    ({ id, patch }) => staffApi.update(id, patch),
    callbacks,
    invalidate(queryKeys.staff, queryKeys.teams),
  );
}

/** Activates or deactivates an account. */
export function useSetStaffActive(staffId: string, callbacks?: MutationCallbacks<Staff, boolean>) {
  return useApiMutation(
    (active: boolean) => staffApi.update(staffId, { active }),
    callbacks,
    invalidate(queryKeys.staff),
  );
}

export function useResetStaffPassword(staffId: string, callbacks?: MutationCallbacks<void, string>) {
  return useApiMutation((password: string) => staffApi.resetPassword(staffId, password), callbacks);
}

export function useResetStaffMfa(staffId: string, callbacks?: MutationCallbacks<void, void>) {
  return useApiMutation(() => staffApi.resetMfa(staffId), callbacks, invalidate(queryKeys.staff));
}
