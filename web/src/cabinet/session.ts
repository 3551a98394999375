import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { cabinetApi, type Trader } from './api';

/** Cabinet query keys all start with 'cabinet', apart from the workspace's keys. */
export const cabinetKeys = {
  root: ['cabinet'] as const,
  me: ['cabinet', 'me'] as const,
};

/** "Who is signed in to the cabinet": `data` is null when nobody is. */
export function useTraderQuery() {
  return useQuery({ queryKey: cabinetKeys.me, queryFn: cabinetApi.me, staleTime: 60_000, retry: false });
}

export function useTrader(): Trader {
  const trader = useTraderQuery().data;
  if (!trader) throw new Error('useTrader() used outside a signed-in cabinet route');
  return trader;
}

/** Forgets the previous trader's cached data and stores the new "who am I" answer (or null). */
export function setTraderSession(queryClient: QueryClient, trader: Trader | null): void {
  queryClient.removeQueries({
    predicate: (q) => q.queryKey[0] === cabinetKeys.root[0] && q.queryKey[1] !== cabinetKeys.me[1],
  });
  queryClient.setQueryData(cabinetKeys.me, trader);
}

export function useSetTraderSession(): (trader: Trader | null) => void {
  const queryClient = useQueryClient();
  return useCallback((trader: Trader | null) => setTraderSession(queryClient, trader), [queryClient]);
}
