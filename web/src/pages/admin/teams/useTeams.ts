import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/queryKeys';
import { teamsApi } from '../../../api/teams';

/** All teams (a brokerage has tens, not thousands, so one request is enough). */
export function useTeams() {
  return useQuery({ queryKey: queryKeys.teams, queryFn: teamsApi.list, select: (data) => data.items });
}
