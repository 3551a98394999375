import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query';
import { http } from './client';
import { queryKeys } from './queryKeys';
import type {
  AccountView,
  AlertRuleInput,
  AlertRuleView,
  AlertView,
  BalanceOpsQuery,
  BalanceOpView,
  DealsQuery,
  DealView,
  EquityPoint,
  OnlineClientView,
  OnlineQuery,
  OpenAccountInput,
  OpenedAccountView,
  Page,
  PositionView,
} from '../../../src/shared/contracts/trading';
import type { EquityRange } from '../../../src/shared/trading';

const enc = encodeURIComponent;
const clientPath = (clientId: string) => `/api/clients/${enc(clientId)}`;
const accountPath = (accountId: string) => `/api/trading/accounts/${enc(accountId)}`;
const rulePath = (ruleId: string) => `/api/trading/alert-rules/${enc(ruleId)}`;

/** Plain fetchers for the staff trading endpoints (the hooks below wrap them). */
export const tradingApi = {
  clientAccounts: (clientId: string, signal?: AbortSignal) =>
    http.get<AccountView[]>(`${clientPath(clientId)}/accounts`, { signal }),
  openAccount: (clientId: string, input: OpenAccountInput) =>
    http.post<OpenedAccountView>(`${clientPath(clientId)}/accounts`, input),
  clientAlerts: (clientId: string, signal?: AbortSignal) =>
    http.get<AlertView[]>(`${clientPath(clientId)}/alerts`, { query: { open: true }, signal }),

  account: (accountId: string, signal?: AbortSignal) =>
    http.get<AccountView>(accountPath(accountId), { signal }),
  positions: (accountId: string, signal?: AbortSignal) =>
    http.get<PositionView[]>(`${accountPath(accountId)}/positions`, { signal }),
  deals: (accountId: string, query: DealsQuery, signal?: AbortSignal) =>
    http.get<Page<DealView>>(`${accountPath(accountId)}/deals`, { query: { ...query }, signal }),
  balanceOps: (accountId: string, query: BalanceOpsQuery, signal?: AbortSignal) =>
    http.get<Page<BalanceOpView>>(`${accountPath(accountId)}/balance-ops`, { query: { ...query }, signal }),
  equity: (accountId: string, range: EquityRange, signal?: AbortSignal) =>
    http.get<EquityPoint[]>(`${accountPath(accountId)}/equity`, { query: { range }, signal }),

  online: (query: OnlineQuery, signal?: AbortSignal) =>
    http.get<Page<OnlineClientView>>('/api/trading/online', { query: { ...query }, signal }),

  alertRules: (signal?: AbortSignal) => http.get<AlertRuleView[]>('/api/trading/alert-rules', { signal }),
  createAlertRule: (input: AlertRuleInput) => http.post<AlertRuleView>('/api/trading/alert-rules', input),
  updateAlertRule: (ruleId: string, patch: Partial<AlertRuleInput>) =>
    http.patch<AlertRuleView>(rulePath(ruleId), patch),
  replaceAlertRule: (ruleId: string, input: AlertRuleInput) =>
    http.put<AlertRuleView>(rulePath(ruleId), input),
  deleteAlertRule: (ruleId: string) => http.delete<void>(rulePath(ruleId)),
};

// ---- Queries. Everything lives under ['trading', …] so live pushes can refresh it (realtime/liveUpdates.ts).

export function useClientAccounts(clientId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.clientAccounts(clientId),
    queryFn: ({ signal }) => tradingApi.clientAccounts(clientId, signal),
    enabled: enabled && clientId !== '',
  });
}

export function useClientAlerts(clientId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.clientAlerts(clientId),
    queryFn: ({ signal }) => tradingApi.clientAlerts(clientId, signal),
    enabled: enabled && clientId !== '',
  });
}

export function useTradingAccount(accountId: string | null) {
  return useQuery({
    queryKey: queryKeys.tradingAccount(accountId ?? ''),
    queryFn: ({ signal }) => tradingApi.account(accountId ?? '', signal),
    enabled: !!accountId,
  });
}

export function usePositions(accountId: string | null) {
  return useQuery({
    queryKey: queryKeys.accountPositions(accountId ?? ''),
    queryFn: ({ signal }) => tradingApi.positions(accountId ?? '', signal),
    enabled: !!accountId,
  });
}

/**
 * One of the selected account's paged or ranged reads (no account selected: nothing is fetched); the
 * rows stay on screen while the next page or range loads.
 */
function useAccountRead<Q, T>(
  accountId: string | null,
  query: Q,
  key: (accountId: string, query: Q) => QueryKey,
  read: (accountId: string, query: Q, signal: AbortSignal) => Promise<T>,
) {
  return useQuery({
    queryKey: key(accountId ?? '', query),
    queryFn: ({ signal }) => read(accountId ?? '', query, signal),
    enabled: !!accountId,
    placeholderData: keepPreviousData,
  });
}

export const useDeals = (accountId: string | null, query: DealsQuery) =>
  useAccountRead(accountId, query, queryKeys.accountDeals, tradingApi.deals);

export const useBalanceOps = (accountId: string | null, query: BalanceOpsQuery) =>
  useAccountRead(accountId, query, queryKeys.accountBalanceOps, tradingApi.balanceOps);

export const useEquity = (accountId: string | null, range: EquityRange) =>
  useAccountRead(accountId, range, queryKeys.accountEquity, tradingApi.equity);

export function useOnlineClients(query: OnlineQuery) {
  return useQuery({
    queryKey: queryKeys.onlineList(query),
    queryFn: ({ signal }) => tradingApi.online(query, signal),
    placeholderData: keepPreviousData,
  });
}

/** How many of my clients are in the terminal now. Refreshed by client_online/offline events (invalidation.ts). */
export function useOnlineCount() {
  return useQuery({
    queryKey: queryKeys.onlineCount,
    // One row is enough: only `total` is read.
    queryFn: ({ signal }) => tradingApi.online({ page: 1, pageSize: 1 }, signal),
    select: (page) => page.total,
  });
}

export function useAlertRules() {
  return useQuery({
    queryKey: queryKeys.alertRules,
    queryFn: ({ signal }) => tradingApi.alertRules(signal),
  });
}

// ---- Mutations.

/** Staff opens an account for a client; the credentials in the answer are shown once. */
export function useOpenAccount(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OpenAccountInput) => tradingApi.openAccount(clientId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clientAccounts(clientId) }),
  });
}

function useAlertRulesMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    // Rule changes can raise or clear alerts anywhere: refresh rules and every client's alerts.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.trading }),
  });
}

export function useCreateAlertRule() {
  return useAlertRulesMutation((input: AlertRuleInput) => tradingApi.createAlertRule(input));
}

export function useUpdateAlertRule() {
  return useAlertRulesMutation(({ id, patch }: { id: string; patch: Partial<AlertRuleInput> }) =>
    tradingApi.updateAlertRule(id, patch),
  );
}

export function useDeleteAlertRule() {
  return useAlertRulesMutation((id: string) => tradingApi.deleteAlertRule(id));
}
