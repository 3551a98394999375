import { buildUrl, http } from './client';
import type {
  AssignmentRuleInput,
  AssignmentRules,
  Client,
  ClientFilters,
  ClientListQuery,
  ClientListResponse,
  ClientPatch,
  ClientTask,
  DuplicateMatch,
  ImportDuplicates,
  ImportInspection,
  ImportMapping,
  ImportReport,
  LeadInput,
  SalesStatus,
  SavedView,
  TimelineKind,
  TimelinePage,
} from './clientTypes';

const clientPath = (id: string) => `/api/clients/${encodeURIComponent(id)}`;

export const clientsApi = {
  list: (query: ClientListQuery, signal?: AbortSignal) =>
    http.get<ClientListResponse>('/api/clients', { query: { ...query }, signal }),

  /** Same filters and order as the list; a plain link so the browser streams the download. */
  exportUrl: (filters: ClientFilters, sort?: { sort: string; order: string }) =>
    buildUrl('/api/clients/export.csv', { ...filters, ...sort }),

  create: (input: LeadInput) => http.post<Client>('/api/clients', input),
  duplicates: (email: string | null, phone: string | null, signal?: AbortSignal) =>
    http.get<{ matches: DuplicateMatch[] }>('/api/clients/duplicates', {
      query: { email: email ?? undefined, phone: phone ?? undefined },
      signal,
    }),

  get: (id: string) => http.get<Client>(clientPath(id)),
  update: (id: string, patch: ClientPatch) => http.patch<Client>(clientPath(id), patch),

  salesStatuses: () => http.get<{ items: SalesStatus[] }>('/api/clients/sales-statuses'),
  setSalesStatuses: (statuses: SalesStatus[]) =>
    http.put<{ items: SalesStatus[] }>('/api/settings/sales-statuses', { statuses }),

  reassign: (clientIds: string[], managerId: string, reason: string) =>
    http.post<{ reassigned: number }>('/api/clients/reassign', { clientIds, managerId, reason }),
  retag: (clientIds: string[], add: string[], remove: string[]) =>
    http.post<{ updated: number }>('/api/clients/tags', { clientIds, add, remove }),

  /** `kinds` empty = every kind. */
  timeline: (id: string, page: number, pageSize: number, kinds: readonly TimelineKind[] = []) =>
    http.get<TimelinePage>(`${clientPath(id)}/timeline`, {
      query: { page, pageSize, kinds: kinds.length ? kinds.join(',') : undefined },
    }),
  comment: (id: string, body: string, mentions: string[]) =>
    http.post<{ id: number }>(`${clientPath(id)}/comments`, { body, mentions }),

  tasks: (id: string) => http.get<{ items: ClientTask[] }>(`${clientPath(id)}/tasks`),
  addTask: (id: string, input: { title: string; dueAt: string; assigneeId?: string }) =>
    http.post<ClientTask>(`${clientPath(id)}/tasks`, input),
  completeTask: (id: string, taskId: string) =>
    http.post<void>(`${clientPath(id)}/tasks/${encodeURIComponent(taskId)}/done`),

  registerInCabinet: (id: string, login?: string) =>
    http.post<{ login?: string; status?: string; emailedTo?: string; client?: Client }>(
      `${clientPath(id)}/cabinet`,
      login ? { login } : {},
    ),

  views: () => http.get<{ items: SavedView[] }>('/api/clients/views'),
  saveView: (name: string, filters: Record<string, string>) =>
    http.post<SavedView>('/api/clients/views', { name, filters }),
  deleteView: (id: string) => http.delete<void>(`/api/clients/views/${encodeURIComponent(id)}`),

  inspectImport: (csv: string) => http.post<ImportInspection>('/api/clients/import/inspect', { csv }),
  runImport: (input: {
    csv: string;
    mapping: ImportMapping;
    duplicates: ImportDuplicates;
    dryRun: boolean;
    defaultSource?: string;
  }) => http.post<ImportReport>('/api/clients/import', input),
};

export const assignmentRulesApi = {
  list: () => http.get<AssignmentRules>('/api/assignment-rules'),
  create: (input: AssignmentRuleInput) => http.post<AssignmentRules>('/api/assignment-rules', input),
  update: (id: string, input: AssignmentRuleInput) =>
    http.put<AssignmentRules>(`/api/assignment-rules/${encodeURIComponent(id)}`, input),
  remove: (id: string) => http.delete<AssignmentRules>(`/api/assignment-rules/${encodeURIComponent(id)}`),
  reorder: (ids: string[]) => http.post<AssignmentRules>('/api/assignment-rules/order', { ids }),
  setFallback: (teamId: string | null) =>
    http.put<AssignmentRules>('/api/assignment-rules/fallback', { teamId }),
};
