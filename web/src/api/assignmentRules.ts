import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from './client';
import type {
  AssignmentRule,
  AssignmentRuleInput,
  AssignmentRules,
} from '../../../src/shared/contracts/clients';
import { useApiMutation, type MutationCallbacks } from './mutation';
import { queryKeys } from './queryKeys';

const rulePath = (id: string) => `/api/assignment-rules/${encodeURIComponent(id)}`;

export const assignmentRulesApi = {
  list: () => http.get<AssignmentRules>('/api/assignment-rules'),
  create: (input: AssignmentRuleInput) => http.post<AssignmentRules>('/api/assignment-rules', input),
  update: (id: string, input: AssignmentRuleInput) => http.put<AssignmentRules>(rulePath(id), input),
  remove: (id: string) => http.delete<AssignmentRules>(rulePath(id)),
  reorder: (ids: string[]) => http.post<AssignmentRules>('/api/assignment-rules/order', { ids }),
  setFallback: (teamId: string | null) =>
    http.put<AssignmentRules>('/api/assignment-rules/fallback', { teamId }),
};

/** Every change answers with the whole list, which replaces the cached one. */
const store = (queryClient: ReturnType<typeof useQueryClient>, data: AssignmentRules) =>
  queryClient.setQueryData(queryKeys.assignmentRules, data);

type RulesCallbacks<TVars> = MutationCallbacks<AssignmentRules, TVars>;

export function useAssignmentRules() {
  return useQuery({ queryKey: queryKeys.assignmentRules, queryFn: assignmentRulesApi.list });
}

/** Creates a rule (`id` null) or replaces one. */
export function useSaveAssignmentRule(
  callbacks?: RulesCallbacks<{ id: string | null; input: AssignmentRuleInput }>,
) {
  return useApiMutation(
    ({ id, input }) => (id ? assignmentRulesApi.update(id, input) : assignmentRulesApi.create(input)),
    callbacks,
    store,
  );
}

/** Switches a rule on or off. */
export function useToggleAssignmentRule(callbacks?: RulesCallbacks<AssignmentRule>) {
  return useApiMutation(
    (rule: AssignmentRule) =>
      assignmentRulesApi.update(rule.id, {
        name: rule.name,
        countries: rule.countries,
        languages: rule.languages,
        sources: rule.sources,
        teamId: rule.teamId,
        active: !rule.active,
      }),
    callbacks,
    store,
  );
}

export function useDeleteAssignmentRule(callbacks?: RulesCallbacks<string>) {
  return useApiMutation(assignmentRulesApi.remove, callbacks, store);
}

export function useSetFallbackTeam(callbacks?: RulesCallbacks<string | null>) {
  return useApiMutation(assignmentRulesApi.setFallback, callbacks, store);
}

/** New order of the rules: the rows move at once; the server's answer (or a refetch on error) settles it. */
export function useReorderAssignmentRules(onError: (error: Error) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => assignmentRulesApi.reorder(ids),
    onMutate: (ids) => {
      const current = queryClient.getQueryData<AssignmentRules>(queryKeys.assignmentRules);
      if (current) {
        const byId = new Map(current.items.map((rule) => [rule.id, rule]));
        store(queryClient, {
          ...current,
          items: ids.map((id, index) => ({ ...byId.get(id)!, position: index + 1 })),
        });
      }
    },
    onSuccess: (data) => store(queryClient, data),
    onError: (error) => {
      onError(error);
      void queryClient.invalidateQueries({ queryKey: queryKeys.assignmentRules });
    },
  });
}
