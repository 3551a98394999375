import { useSessionQuery } from '../api/auth';
import type { User } from '../../../src/shared/contracts/identity';

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
