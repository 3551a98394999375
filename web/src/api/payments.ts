import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import { http } from './client';
import { invalidate, useApiMutation, type CacheUpdate, type MutationCallbacks } from './mutation';
import type {
  BulkInput,
  BulkPaymentResult,
  ClientPayments,
  FxRateInput,
  FxRateView,
  PaymentListQuery,
  PaymentRequestDetail,
  PaymentRequestPage,
  PaymentRequestView,
  PaymentSettingsView,
  PaymentSystemInput,
  PaymentSystemView,
  ReconciliationReport,
  RejectInput,
} from './paymentTypes';

const enc = encodeURIComponent;
const requestPath = (id: string) => `/api/payments/requests/${enc(id)}`;

/** A fresh key per user action; `crypto.randomUUID` needs a secure context, so plain HTTP gets a v4 of its own. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const idempotent = (key: string) => ({ headers: { 'Idempotency-Key': key } });

/**
 * One `Idempotency-Key` per user action: the same action sent again after a failure (a timeout, a
 * network error, the user pressing Retry) carries the same key, so the server replays the first answer
 * instead of moving money twice; a different action, or the same one after it succeeded, gets a new key.
 */
export function useIdempotencyKeys() {
  // Keyed by the action itself, so retrying row A after trying row B still reuses A's key.
  const pending = useRef(new Map<string, string>());
  return {
    keyFor(vars: unknown): string {
      const action = JSON.stringify(vars);
      let key = pending.current.get(action);
      if (!key) pending.current.set(action, (key = newIdempotencyKey()));
      return key;
    },
    done(vars: unknown) {
      pending.current.delete(JSON.stringify(vars));
    },
  };
}

/** Plain fetchers for the staff payments endpoints (the hooks below wrap them). */
export const paymentsApi = {
  requests: (query: PaymentListQuery, signal?: AbortSignal) =>
    http.get<PaymentRequestPage>('/api/payments/requests', { query: { ...query }, signal }),
  request: (id: string, signal?: AbortSignal) => http.get<PaymentRequestDetail>(requestPath(id), { signal }),
  /** A deposit step: execute (manual), confirm (amount differs), reject. */
  deposit: (id: string, step: 'execute' | 'confirm' | 'reject', body: object, key: string) =>
    http.post<PaymentRequestView>(`${requestPath(id)}/${step}`, body, idempotent(key)),
  /** A withdrawal step: approve, paid (manual payout), payout (to the provider, again), reject. */
  withdrawal: (id: string, step: 'approve' | 'paid' | 'payout' | 'reject', body: object, key: string) =>
    http.post<PaymentRequestView>(`/api/payments/withdrawals/${enc(id)}/${step}`, body, idempotent(key)),
  bulk: (input: BulkInput, key: string) =>
    http.post<BulkPaymentResult>('/api/payments/requests/bulk', input, idempotent(key)),
  clientPayments: (clientId: string, signal?: AbortSignal) =>
    http.get<ClientPayments>(`/api/clients/${enc(clientId)}/payments`, { signal }),

  systems: async (signal?: AbortSignal) =>
    (await http.get<{ items: PaymentSystemView[] }>('/api/payments/systems', { signal })).items,
  createSystem: (input: PaymentSystemInput) => http.post<PaymentSystemView>('/api/payments/systems', input),
  updateSystem: (id: string, input: PaymentSystemInput) =>
    http.patch<PaymentSystemView>(`/api/payments/systems/${enc(id)}`, input),

  settings: (signal?: AbortSignal) => http.get<PaymentSettingsView>('/api/payments/settings', { signal }),
  saveSettings: (input: PaymentSettingsView) =>
    http.put<PaymentSettingsView>('/api/payments/settings', input),
  rates: async (signal?: AbortSignal) =>
    (await http.get<{ items: FxRateView[] }>('/api/payments/rates', { signal })).items,
  saveRates: (rates: FxRateInput[]) => http.put<{ items: FxRateView[] }>('/api/payments/rates', { rates }),

  reconciliation: (signal?: AbortSignal) =>
    http.get<ReconciliationReport>('/api/payments/reconciliation', { signal }),
  runReconciliation: () => http.post<ReconciliationReport>('/api/payments/reconciliation/run', {}),
};

/**
 * Every payments query lives under ['payments', …]: the payment and withdrawal events refresh the
 * whole prefix (realtime/invalidation.ts), and the card's tab sits under the client's prefix too.
 */
export const paymentKeys = {
  all: ['payments'] as const,
  lists: ['payments', 'requests'] as const,
  list: (query: PaymentListQuery) => ['payments', 'requests', query] as const,
  request: (id: string) => ['payments', 'request', id] as const,
  client: (clientId: string) => ['payments', 'client', clientId] as const,
  systems: ['payments', 'systems'] as const,
  settings: ['payments', 'settings'] as const,
  rates: ['payments', 'rates'] as const,
  reconciliation: ['payments', 'reconciliation'] as const,
};

// ---- Queries.

export function usePaymentRequests(query: PaymentListQuery) {
  return useQuery({
    queryKey: paymentKeys.list(query),
    queryFn: ({ signal }) => paymentsApi.requests(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePaymentRequest(id: string | null) {
  return useQuery({
    queryKey: paymentKeys.request(id ?? ''),
    queryFn: ({ signal }) => paymentsApi.request(id ?? '', signal),
    enabled: !!id,
  });
}

export function useClientPayments(clientId: string) {
  return useQuery({
    queryKey: paymentKeys.client(clientId),
    queryFn: ({ signal }) => paymentsApi.clientPayments(clientId, signal),
    enabled: clientId !== '',
  });
}

/** The systems list is an admin read (settings.write): others pass `enabled` false. */
export function usePaymentSystems(enabled = true) {
  return useQuery({
    queryKey: paymentKeys.systems,
    queryFn: ({ signal }) => paymentsApi.systems(signal),
    enabled,
  });
}

export function usePaymentSettings() {
  return useQuery({ queryKey: paymentKeys.settings, queryFn: ({ signal }) => paymentsApi.settings(signal) });
}

export function useFxRates() {
  return useQuery({ queryKey: paymentKeys.rates, queryFn: ({ signal }) => paymentsApi.rates(signal) });
}

export function useReconciliation() {
  return useQuery({
    queryKey: paymentKeys.reconciliation,
    queryFn: ({ signal }) => paymentsApi.reconciliation(signal),
  });
}

// ---- Money actions: each carries an Idempotency-Key, the same one when the same action is retried.

/** One finance action on one request; the row says which endpoint takes it. */
export type RequestAction = {
  row: Pick<PaymentRequestView, 'id' | 'direction' | 'systemKind'>;
} & ({ action: 'execute' | 'approve' | 'confirm' } | { action: 'reject'; input: RejectInput });

const runAction = (vars: RequestAction, key: string) => {
  const { row } = vars;
  const body = vars.action === 'reject' ? vars.input : {};
  if (row.direction === 'deposit')
    return paymentsApi.deposit(row.id, vars.action === 'approve' ? 'execute' : vars.action, body, key);
  // "Execute" a withdrawal: paid by hand on a manual system, (re)sent to the provider on an automatic one.
  const step = vars.action === 'execute' ? (row.systemKind === 'automatic' ? 'payout' : 'paid') : vars.action;
  return paymentsApi.withdrawal(row.id, step === 'confirm' ? 'approve' : step, body, key);
};

/**
 * A mutation that moves money: `call` gets the action's Idempotency-Key (kept until the action
 * succeeds, so a retry of the same action replays the server's first answer).
 */
export function useIdempotentMutation<TData, TVars>(
  call: (vars: TVars, key: string) => Promise<TData>,
  callbacks: MutationCallbacks<TData, TVars>,
  cache: CacheUpdate<TData, TVars>,
) {
  const keys = useIdempotencyKeys();
  return useApiMutation(
    (vars: TVars) => call(vars, keys.keyFor(vars)),
    {
      ...callbacks,
      onSuccess: (data, vars) => {
        keys.done(vars);
        callbacks.onSuccess?.(data, vars);
      },
    },
    cache,
  );
}

/** Execute, approve, confirm or reject one request. */
export function usePaymentAction(callbacks: MutationCallbacks<PaymentRequestView, RequestAction> = {}) {
  return useIdempotentMutation(runAction, callbacks, invalidate(paymentKeys.all));
}

/** Execute or reject many requests at once; the answer says which ones went through. */
export function useBulkPaymentAction(callbacks: MutationCallbacks<BulkPaymentResult, BulkInput> = {}) {
  return useIdempotentMutation(paymentsApi.bulk, callbacks, invalidate(paymentKeys.all));
}

// ---- Configuration.

export function useSavePaymentSystem(
  callbacks?: MutationCallbacks<PaymentSystemView, { id: string | null; input: PaymentSystemInput }>,
) {
  return useApiMutation(
    ({ id, input }) => (id ? paymentsApi.updateSystem(id, input) : paymentsApi.createSystem(input)),
    callbacks,
    invalidate(paymentKeys.systems),
  );
}

/** PATCH takes the whole system (the server's schema has defaults), so the switch sends it all back. */
export function useToggleSystem(
  callbacks?: MutationCallbacks<PaymentSystemView, { system: PaymentSystemView; enabled: boolean }>,
) {
  return useApiMutation(
    ({ system: { id, createdAt: _c, updatedAt: _u, ...input }, enabled }) =>
      paymentsApi.updateSystem(id, { ...input, enabled }),
    callbacks,
    invalidate(paymentKeys.systems),
  );
}

export function useSavePaymentSettings(
  callbacks?: MutationCallbacks<PaymentSettingsView, PaymentSettingsView>,
) {
  return useApiMutation(paymentsApi.saveSettings, callbacks, invalidate(paymentKeys.settings));
}

export function useSaveFxRates(callbacks?: MutationCallbacks<{ items: FxRateView[] }, FxRateInput[]>) {
  return useApiMutation(paymentsApi.saveRates, callbacks, invalidate(paymentKeys.rates));
}

export function useRunReconciliation(callbacks?: MutationCallbacks<ReconciliationReport, void>) {
  return useApiMutation(
    () => paymentsApi.runReconciliation(),
    callbacks,
    invalidate(paymentKeys.reconciliation),
  );
}
