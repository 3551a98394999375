import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { User } from '../../../src/shared/contracts/identity';

/**
 * Forgets everything cached for the previous session and stores the new
 * "who am I" answer. The `me` query itself is kept (only its data changes) so
 * components observing it, like the route guards, re-render immediately.
 */
export function resetSessionCache(queryClient: QueryClient, user: User | null): void {
  void queryClient.cancelQueries();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
  queryClient.setQueryData(queryKeys.me, user);
}
