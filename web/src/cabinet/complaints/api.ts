import { useQuery } from '@tanstack/react-query';
import { http } from '../../api/client';
import { invalidate, useApiMutation, type MutationCallbacks } from '../../api/mutation';
import type { ComplaintFieldsInput } from '../../api/complaints';
import type { PortalComplaint, PortalComplaintList } from '../../../../src/shared/contracts/complaints';
import { quiet, signedIn } from '../api';

/** The trader's complaints: own only, trader cookie, never the staff API. */
export const cabinetComplaintsApi = {
  list: async (signal?: AbortSignal) =>
    (await signedIn(http.get<PortalComplaintList>('/api/portal/complaints', { ...quiet, signal }))).items,
  file: (input: ComplaintFieldsInput) =>
    signedIn(http.post<PortalComplaint>('/api/portal/complaints', input, quiet)),
};

/** Under the cabinet's prefix, so signing out drops them with the rest of the trader's data. */
export const cabinetComplaintKeys = { list: ['cabinet', 'complaints'] as const };

/** Own complaints; polled while visible (the cabinet has no live socket), so an answer shows up. */
export function useCabinetComplaints() {
  return useQuery({
    queryKey: cabinetComplaintKeys.list,
    queryFn: ({ signal }) => cabinetComplaintsApi.list(signal),
    refetchInterval: 15_000,
  });
}

export function useFileComplaint(callbacks?: MutationCallbacks<PortalComplaint, ComplaintFieldsInput>) {
  return useApiMutation(cabinetComplaintsApi.file, callbacks, invalidate(cabinetComplaintKeys.list));
}
