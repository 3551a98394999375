import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { buildUrl, http, isApiError } from './client';
import { invalidate, useApiMutation, type MutationCallbacks } from './mutation';
import { queryKeys } from './queryKeys';
import type {
  CabinetOpened,
  Client,
  ClientFilters,
  ClientListQuery,
  ClientListResponse,
  ClientPatch,
  ClientTask,
  CommentAnswer,
  DuplicatesAnswer,
  ImportInspection,
  ImportReport,
  ImportRun,
  LeadInput,
  ReassignAnswer,
  RetagAnswer,
  SalesStatus,
  SavedView,
  TimelinePage,
} from '../../../src/shared/contracts/clients';
import type { TimelineKind } from '../../../src/shared/timeline';

/** Normalised count of a list response: `estimate` says whether to show "≈". */
export function readTotal(response: ClientListResponse): { count: number; estimate: boolean } {
  return { count: response.total, estimate: response.totalIsEstimate };
}

const clientPath = (id: string) => `/api/clients/${encodeURIComponent(id)}`;

export const clientsApi = {
  list: (query: ClientListQuery, signal?: AbortSignal) =>
    http.get<ClientListResponse>('/api/clients', { query: { ...query }, signal }),

  /** Same filters and order as the list; a plain link so the browser streams the download. */
  exportUrl: (filters: ClientFilters, sort?: { sort: string; order: string }) =>
    buildUrl('/api/clients/export.csv', { ...filters, ...sort }),

  create: (input: LeadInput) => http.post<Client>('/api/clients', input),
  duplicates: (email: string | null, phone: string | null, signal?: AbortSignal) =>
    http.get<DuplicatesAnswer>('/api/clients/duplicates', {
      query: { email: email ?? undefined, phone: phone ?? undefined },
      signal,
    }),

  get: (id: string) => http.get<Client>(clientPath(id)),
  update: (id: string, patch: ClientPatch) => http.patch<Client>(clientPath(id), patch),

  salesStatuses: () => http.get<{ items: SalesStatus[] }>('/api/clients/sales-statuses'),
  setSalesStatuses: (statuses: SalesStatus[]) =>
    http.put<{ items: SalesStatus[] }>('/api/settings/sales-statuses', { statuses }),

  reassign: (clientIds: string[], managerId: string, reason: string) =>
    http.post<ReassignAnswer>('/api/clients/reassign', { clientIds, managerId, reason }),
  retag: (clientIds: string[], add: string[], remove: string[]) =>
    http.post<RetagAnswer>('/api/clients/tags', { clientIds, add, remove }),

  /** `kinds` empty = every kind. */
  timeline: (id: string, page: number, pageSize: number, kinds: readonly TimelineKind[] = []) =>
    http.get<TimelinePage>(`${clientPath(id)}/timeline`, {
      query: { page, pageSize, kinds: kinds.length ? kinds.join(',') : undefined },
    }),
  comment: (id: string, body: string, mentions: string[]) =>
    http.post<CommentAnswer>(`${clientPath(id)}/comments`, { body, mentions }),

  tasks: (id: string) => http.get<{ items: ClientTask[] }>(`${clientPath(id)}/tasks`),
  addTask: (id: string, input: { title: string; dueAt: string; assigneeId?: string }) =>
    http.post<ClientTask>(`${clientPath(id)}/tasks`, input),
  completeTask: (id: string, taskId: string) =>
    http.post<void>(`${clientPath(id)}/tasks/${encodeURIComponent(taskId)}/done`),

  registerInCabinet: (id: string, login?: string) =>
    http.post<CabinetOpened>(`${clientPath(id)}/cabinet`, login ? { login } : {}),

  views: () => http.get<{ items: SavedView[] }>('/api/clients/views'),
  saveView: (name: string, filters: Record<string, string>) =>
    http.post<SavedView>('/api/clients/views', { name, filters }),
  deleteView: (id: string) => http.delete<void>(`/api/clients/views/${encodeURIComponent(id)}`),

  inspectImport: (csv: string) => http.post<ImportInspection>('/api/clients/import/inspect', { csv }),
  runImport: (input: ImportRun) => http.post<ImportReport>('/api/clients/import', input),
};

// ---- Queries. Everything lives under ['clients', …] so live events can refresh it (realtime/invalidation.ts).

export function useClientList(query: ClientListQuery) {
  return useQuery({
    queryKey: queryKeys.clientList(query),
    queryFn: ({ signal }) => clientsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The client is not there, or not for this viewer (out of scope, reassigned away). */
export const isClientNotFound = (error: unknown) =>
  isApiError(error) && (error.status === 404 || error.status === 400);

export function useClient(id: string) {
  return useQuery({
    queryKey: queryKeys.client(id),
    queryFn: () => clientsApi.get(id),
    // Out of scope (or reassigned away) is a 404: no point retrying.
    retry: (count, error) => !isClientNotFound(error) && count < 2,
  });
}

/** Clients that already have this email or phone (checked while a new lead is typed). */
export function useClientDuplicates(email: string | null, phone: string | null, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.clientDuplicates(email, phone),
    queryFn: ({ signal }) => clientsApi.duplicates(email, phone, signal),
    enabled: enabled && (email !== null || phone !== null),
    retry: false,
    staleTime: 10_000,
    select: (data) => data.matches,
  });
}

export function useSalesStatusesQuery() {
  return useQuery({
    queryKey: queryKeys.salesStatuses,
    queryFn: clientsApi.salesStatuses,
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

/** The client's history, newest first, a page at a time, of the chosen kinds (empty = all). */
export function useClientTimeline(clientId: string, kinds: TimelineKind[], pageSize: number) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.clientTimeline(clientId), { kinds }],
    queryFn: ({ pageParam }) => clientsApi.timeline(clientId, pageParam, pageSize, kinds),
    placeholderData: keepPreviousData,
    initialPageParam: 1,
    getNextPageParam: (last, pages) =>
      pages.reduce((count, page) => count + page.items.length, 0) < last.total && last.items.length > 0
        ? pages.length + 1
        : undefined,
  });
}

export function useClientTasks(clientId: string) {
  return useQuery({
    queryKey: queryKeys.clientTasks(clientId),
    queryFn: () => clientsApi.tasks(clientId),
    select: (data) => data.items,
  });
}

export function useSavedViews() {
  return useQuery({ queryKey: queryKeys.clientViews, queryFn: clientsApi.views, select: (d) => d.items });
}

// ---- Mutations.

/**
 * PATCH one client. The card shows the change at once (a tag appears as it is
 * typed), is put back if the server refuses, and ends with the server's copy.
 */
export function useClientUpdate(clientId: string) {
  const queryClient = useQueryClient();
  const key = queryKeys.client(clientId);
  return useMutation({
    mutationFn: (patch: ClientPatch) => clientsApi.update(clientId, patch),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: key, exact: true });
      const before = queryClient.getQueryData<Client>(key);
      if (before) queryClient.setQueryData<Client>(key, { ...before, ...patch } as Client);
      return { before };
    },
    onError: (_error, _patch, context) => {
      if (context?.before) queryClient.setQueryData<Client>(key, context.before);
    },
    onSuccess: (client) => {
      queryClient.setQueryData<Client>(key, client);
      // The timeline gained an entry and the list shows these fields too.
      void queryClient.invalidateQueries({ queryKey: queryKeys.clientTimeline(clientId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.clientLists });
    },
  });
}

/** A new lead; a 404 answer means it was saved but assigned outside what this person may see. */
export function useCreateLead(callbacks?: MutationCallbacks<Client, LeadInput>) {
  const refreshLists = invalidate(queryKeys.clientLists);
  const queryClient = useQueryClient();
  return useApiMutation(
    clientsApi.create,
    {
      ...callbacks,
      onError: (error, input) => {
        if (isApiError(error) && error.status === 404) refreshLists(queryClient);
        callbacks?.onError?.(error, input);
      },
    },
    refreshLists,
  );
}

export function useSetSalesStatuses(callbacks?: MutationCallbacks<{ items: SalesStatus[] }, SalesStatus[]>) {
  return useApiMutation(clientsApi.setSalesStatuses, callbacks, (queryClient, data) =>
    queryClient.setQueryData(queryKeys.salesStatuses, data),
  );
}

export function useReassignClients(
  callbacks?: MutationCallbacks<ReassignAnswer, { clientIds: string[]; managerId: string; reason: string }>,
) {
  return useApiMutation(
    ({ clientIds, managerId, reason }) => clientsApi.reassign(clientIds, managerId, reason),
    callbacks,
    invalidate(queryKeys.clients),
  );
}

export function useRetagClients(
  callbacks?: MutationCallbacks<RetagAnswer, { clientIds: string[]; add: string[]; remove: string[] }>,
) {
  return useApiMutation(
    ({ clientIds, add, remove }) => clientsApi.retag(clientIds, add, remove),
    callbacks,
    invalidate(queryKeys.clients),
  );
}

export function useAddComment(
  clientId: string,
  callbacks?: MutationCallbacks<CommentAnswer, { body: string; mentions: string[] }>,
) {
  return useApiMutation(
    ({ body, mentions }) => clientsApi.comment(clientId, body, mentions),
    callbacks,
    invalidate(queryKeys.clientTimeline(clientId)),
  );
}

/** Adding or completing a task changes the task list and the timeline. */
export function useAddTask(
  clientId: string,
  callbacks?: MutationCallbacks<ClientTask, { title: string; dueAt: string }>,
) {
  return useApiMutation(
    (input) => clientsApi.addTask(clientId, input),
    callbacks,
    invalidate(queryKeys.clientTasks(clientId), queryKeys.clientTimeline(clientId)),
  );
}

export function useCompleteTask(clientId: string) {
  return useApiMutation(
    (taskId: string) => clientsApi.completeTask(clientId, taskId),
    {},
    invalidate(queryKeys.clientTasks(clientId), queryKeys.clientTimeline(clientId)),
  );
}

type CabinetRegistration = Awaited<ReturnType<typeof clientsApi.registerInCabinet>>;

/** Registers the client in the trader cabinet; `login` undefined lets the server use the email. */
export function useRegisterInCabinet(
  clientId: string,
  callbacks?: MutationCallbacks<CabinetRegistration, string | undefined>,
) {
  const queryClient = useQueryClient();
  const refreshCard = invalidate(queryKeys.client(clientId));
  return useApiMutation(
    (login: string | undefined) => clientsApi.registerInCabinet(clientId, login),
    {
      ...callbacks,
      onError: (error, login) => {
        // Someone else registered them meanwhile: refresh the card so the button goes away.
        if (isApiError(error) && error.code === 'already_registered') refreshCard(queryClient);
        callbacks?.onError?.(error, login);
      },
    },
    (client, result) => {
      if (result?.client) client.setQueryData(queryKeys.client(clientId), result.client);
      invalidate(queryKeys.client(clientId), queryKeys.clientLists)(client);
    },
  );
}

export function useSaveView(
  callbacks?: MutationCallbacks<SavedView, { name: string; filters: Record<string, string> }>,
) {
  return useApiMutation(
    ({ name, filters }) => clientsApi.saveView(name, filters),
    callbacks,
    (queryClient, view) =>
      queryClient.setQueryData<{ items: SavedView[] }>(queryKeys.clientViews, (data) => ({
        items: [...(data?.items ?? []), view].sort((a, b) => a.name.localeCompare(b.name)),
      })),
  );
}

export function useDeleteView(callbacks?: MutationCallbacks<void, string>) {
  return useApiMutation(clientsApi.deleteView, callbacks, (queryClient, _, id) =>
    queryClient.setQueryData<{ items: SavedView[] }>(queryKeys.clientViews, (data) => ({
      items: (data?.items ?? []).filter((view) => view.id !== id),
    })),
  );
}

export function useInspectImport(callbacks?: MutationCallbacks<ImportInspection, string>) {
  return useApiMutation(clientsApi.inspectImport, callbacks);
}

/** A dry run checks the file; a real run changes the lists. */
export function useRunImport(callbacks?: MutationCallbacks<ImportReport, ImportRun>) {
  return useApiMutation(clientsApi.runImport, callbacks, (queryClient, _, input) => {
    if (!input.dryRun) invalidate(queryKeys.clientLists)(queryClient);
  });
}
