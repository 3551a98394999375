import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import { queryKeys } from './queryKeys';
import type { RolesMatrix } from '../../../src/shared/contracts/identity';

export const rolesApi = {
  matrix: () => http.get<RolesMatrix>('/api/roles'),
};

export function useRolesMatrix() {
  return useQuery({ queryKey: queryKeys.roles, queryFn: rolesApi.matrix, staleTime: 10 * 60_000 });
}
