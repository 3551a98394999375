import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { buildUrl, http } from './client';
import { invalidate, useApiMutation, type MutationCallbacks } from './mutation';
import type {
  ComplaintDetail,
  ComplaintList,
  ComplaintReport,
  ComplaintSettings,
} from '../../../src/shared/contracts/complaints';
import type {
  ComplaintCategory,
  ComplaintOutcome,
  ComplaintProduct,
  ComplaintStatus,
} from '../../../src/shared/complaints';

const enc = encodeURIComponent;
const one = (id: string) => `/api/complaints/${enc(id)}`;

export interface RegisterQuery {
  status?: ComplaintStatus | null;
  category?: ComplaintCategory | null;
  overdue?: boolean | null;
  q?: string | null;
  clientId?: string | null;
  sort?: 'receivedAt' | 'finalResponseDueAt' | 'reference' | 'amountAtStake' | 'status' | 'clientName';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface ComplaintFieldsInput {
  category: ComplaintCategory;
  product: ComplaintProduct;
  account: string;
  amountAtStake: number;
  currency: string;
  desiredOutcome: string;
  description: string;
}

export interface ComplaintPolicyInput {
  firmCode: string;
  jurisdiction: ComplaintSettings['jurisdiction'];
  timeZone?: string;
  holidays: string[];
}

export interface FinalResponseInput {
  outcome: ComplaintOutcome;
  redressAmount: number | null;
  redressCurrency: string | null;
  body: string;
}

const query = (q: RegisterQuery) => ({ ...q, overdue: q.overdue ? 'true' : null });

/** Fetchers for the staff complaint endpoints (the hooks below wrap them). */
export const complaintsApi = {
  list: (q: RegisterQuery, signal?: AbortSignal) =>
    http.get<ComplaintList>('/api/complaints', { query: query(q), signal }),
  exportUrl: (q: RegisterQuery) => {
    const { page: _page, pageSize: _size, ...filters } = q;
    return buildUrl('/api/complaints/export.csv', query(filters));
  },
  get: (id: string, signal?: AbortSignal) => http.get<ComplaintDetail>(one(id), { signal }),
  report: (month: string, signal?: AbortSignal) =>
    http.get<ComplaintReport>('/api/complaints/report', { query: { month }, signal }),
  settings: (signal?: AbortSignal) => http.get<ComplaintSettings>('/api/complaints/settings', { signal }),
  saveSettings: (input: ComplaintPolicyInput) =>
    http.put<ComplaintSettings>('/api/complaints/settings', input),
  raise: (input: ComplaintFieldsInput & { conversationId: string }) =>
    http.post<ComplaintDetail>('/api/complaints', input),
  note: (id: string, body: string) => http.post<void>(`${one(id)}/notes`, { body }),
  escalate: (id: string, reason: string) => http.post<void>(`${one(id)}/escalate`, { reason }),
  acknowledge: (id: string) => http.post<void>(`${one(id)}/acknowledge`, {}),
  finalResponse: (id: string, input: FinalResponseInput) =>
    http.post<void>(`${one(id)}/final-response`, input),
};

export const complaintKeys = {
  all: ['complaints'] as const,
  list: (q: RegisterQuery) => ['complaints', 'list', q] as const,
  one: (id: string) => ['complaints', 'one', id] as const,
  report: (month: string) => ['complaints', 'report', month] as const,
  settings: ['complaints', 'settings'] as const,
};

export function useComplaintList(q: RegisterQuery) {
  return useQuery({
    queryKey: complaintKeys.list(q),
    queryFn: ({ signal }) => complaintsApi.list(q, signal),
    placeholderData: keepPreviousData,
  });
}

export function useComplaint(id: string) {
  return useQuery({
    queryKey: complaintKeys.one(id),
    queryFn: ({ signal }) => complaintsApi.get(id, signal),
  });
}

export function useComplaintReport(month: string) {
  return useQuery({
    queryKey: complaintKeys.report(month),
    queryFn: ({ signal }) => complaintsApi.report(month, signal),
  });
}

export function useComplaintSettings() {
  return useQuery({
    queryKey: complaintKeys.settings,
    queryFn: ({ signal }) => complaintsApi.settings(signal),
  });
}

const refresh = invalidate(complaintKeys.all, ['support']);

export function useRaiseComplaint(
  callbacks?: MutationCallbacks<ComplaintDetail, ComplaintFieldsInput & { conversationId: string }>,
) {
  return useApiMutation(complaintsApi.raise, callbacks, refresh);
}

export function useComplaintNote(id: string, callbacks?: MutationCallbacks<void, string>) {
  return useApiMutation((body: string) => complaintsApi.note(id, body), callbacks, refresh);
}

export function useEscalateComplaint(id: string, callbacks?: MutationCallbacks<void, string>) {
  return useApiMutation((reason: string) => complaintsApi.escalate(id, reason), callbacks, refresh);
}

export function useAcknowledgeComplaint(id: string, callbacks?: MutationCallbacks<void, void>) {
  return useApiMutation(() => complaintsApi.acknowledge(id), callbacks, refresh);
}

export function useFinalResponse(id: string, callbacks?: MutationCallbacks<void, FinalResponseInput>) {
  return useApiMutation(
    (input: FinalResponseInput) => complaintsApi.finalResponse(id, input),
    callbacks,
    refresh,
  );
}

export function useSaveComplaintSettings(
  callbacks?: MutationCallbacks<ComplaintSettings, ComplaintPolicyInput>,
) {
  return useApiMutation(complaintsApi.saveSettings, callbacks, refresh);
}
