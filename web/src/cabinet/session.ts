import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Trader } from '../../../src/shared/contracts/cabinet';
import { setTraderSession, useTraderQuery } from './api';

export function useTrader(): Trader {
  const trader = useTraderQuery().data;
  if (!trader) throw new Error('useTrader() used outside a signed-in cabinet route');
  return trader;
}

export function useSetTraderSession(): (trader: Trader | null) => void {
  const queryClient = useQueryClient();
  return useCallback((trader: Trader | null) => setTraderSession(queryClient, trader), [queryClient]);
}
