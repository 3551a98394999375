import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OpenAccountInput } from '../../api/tradingTypes';
import { cabinetApi } from '../api';
import { cabinetKeys } from '../session';

/** Under the cabinet's prefix, so signing out (or in as someone else) drops it with the rest. */
export const cabinetAccountsKey = [...cabinetKeys.root, 'accounts'] as const;

/**
 * The trader's accounts. The cabinet has no live socket, so balances and equity are polled while the
 * page is visible (TanStack Query pauses the interval in a background tab).
 */
export function useCabinetAccounts() {
  return useQuery({
    queryKey: cabinetAccountsKey,
    queryFn: cabinetApi.accounts,
    refetchInterval: 10_000,
  });
}

/** Opens an account; a live one turns the client Live, so "who am I" is refreshed too. */
export function useOpenCabinetAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OpenAccountInput) => cabinetApi.openAccount(input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: cabinetAccountsKey });
      void queryClient.invalidateQueries({ queryKey: cabinetKeys.me });
    },
  });
}
