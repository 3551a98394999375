import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import { invalidate, useApiMutation, type MutationCallbacks } from './mutation';
import { queryKeys } from './queryKeys';
import type { Team, TeamInput } from '../../../src/shared/contracts/identity';

export const teamsApi = {
  list: () => http.get<{ items: Team[] }>('/api/teams'),
  create: (input: TeamInput) => http.post<Team>('/api/teams', input),
  update: (id: string, patch: Partial<TeamInput>) =>
    http.patch<Team>(`/api/teams/${encodeURIComponent(id)}`, patch),
  remove: (id: string) => http.delete<void>(`/api/teams/${encodeURIComponent(id)}`),
};

/** All teams (a brokerage has tens, not thousands, so one request is enough). */
export function useTeams() {
  return useQuery({ queryKey: queryKeys.teams, queryFn: teamsApi.list, select: (data) => data.items });
}

/** The teams as options of a team picker or filter (value = id), empty while they load. */
export function useTeamOptions() {
  const teams = useTeams();
  return (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
}

/** Creates a team (`id` null) or updates one; a new lead changes the staff list too. */
export function useSaveTeam(callbacks?: MutationCallbacks<Team, { id: string | null; input: TeamInput }>) {
  return useApiMutation(
    ({ id, input }) => (id ? teamsApi.update(id, input) : teamsApi.create(input)),
    callbacks,
    invalidate(queryKeys.teams, queryKeys.staff),
  );
}

/** A team with members is refused by the API (409 team_not_empty). */
export function useDeleteTeam(callbacks?: MutationCallbacks<void, string>) {
  return useApiMutation(teamsApi.remove, callbacks, invalidate(queryKeys.teams));
}
