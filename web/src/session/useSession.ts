import { useQuery } from '@tanstack/react-query';
import { authApi } from '../api/auth';
import { queryKeys } from '../api/queryKeys';
import type { User } from '../api/types';

/** "Who am I" query. `data` is null when signed out (401 is not an error here). */
export function useSessionQuery() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: authApi.me,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useCurrentUser(): User | null {
  return useSessionQuery().data ?? null;
}

/** For components rendered behind <RequireAuth>, where a user always exists. */
export function useUser(): User {
  const user = useCurrentUser();
  if (!user) throw new Error('useUser() used outside of an authenticated route');
  return user;
}

export function can(user: User | null, permission: string): boolean {
  return user?.permissions.includes(permission) ?? false;
}

export function usePermission(permission: string): boolean {
  return can(useCurrentUser(), permission);
}
