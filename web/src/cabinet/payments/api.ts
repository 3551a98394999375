import { useQuery } from '@tanstack/react-query';
import { http } from '../../api/client';
import { invalidate, type MutationCallbacks } from '../../api/mutation';
import { idempotent, useIdempotentMutation } from '../../api/payments';
import type {
  DepositInput,
  PortalDepositCreated,
  PortalPaymentSystem,
  PortalPaymentView,
  PortalWithdrawalCreated,
  WithdrawalInput,
} from '../../api/paymentTypes';
import type { PaymentDirection } from '../../api/paymentValues';
import { cabinetKeys, quiet, signedIn } from '../api';

/** The trader's payments endpoints: own requests only, trader cookie, never the staff API. */
export const cabinetPaymentsApi = {
  systems: async (direction: PaymentDirection, login: string, signal?: AbortSignal) =>
    (
      await signedIn(
        http.get<{ items: PortalPaymentSystem[] }>('/api/portal/payments/systems', {
          ...quiet,
          query: { direction, login },
          signal,
        }),
      )
    ).items,
  history: async (signal?: AbortSignal) =>
    (await signedIn(http.get<{ items: PortalPaymentView[] }>('/api/portal/payments', { ...quiet, signal })))
      .items,
  deposit: (input: DepositInput, key: string) =>
    signedIn(
      http.post<PortalDepositCreated>('/api/portal/payments/deposits', input, {
        ...quiet,
        ...idempotent(key),
      }),
    ),
  withdraw: (input: WithdrawalInput, key: string) =>
    signedIn(
      http.post<PortalWithdrawalCreated>('/api/portal/payments/withdrawals', input, {
        ...quiet,
        ...idempotent(key),
      }),
    ),
};

/** Under the cabinet's prefix, so signing out drops them with the rest of the trader's data. */
export const cabinetPaymentKeys = {
  all: ['cabinet', 'payments'] as const,
  history: ['cabinet', 'payments', 'history'] as const,
  systems: (direction: PaymentDirection, login: string) =>
    ['cabinet', 'payments', 'systems', direction, login] as const,
};

/** Systems the trader may use for this account: its currency, their country, in the broker's order. */
export function useCabinetPaymentSystems(direction: PaymentDirection, login: string | null) {
  return useQuery({
    queryKey: cabinetPaymentKeys.systems(direction, login ?? ''),
    queryFn: ({ signal }) => cabinetPaymentsApi.systems(direction, login ?? '', signal),
    enabled: !!login,
  });
}

/**
 * Own requests, pending first. The cabinet has no live socket, so the history is polled while visible:
 * a finance decision shows up without a reload.
 */
export function useCabinetPayments() {
  return useQuery({
    queryKey: cabinetPaymentKeys.history,
    queryFn: ({ signal }) => cabinetPaymentsApi.history(signal),
    refetchInterval: 10_000,
  });
}

/** A new request changes the history and (a withdrawal's hold, an executed deposit) the accounts. */
const refresh = invalidate(cabinetPaymentKeys.history, cabinetKeys.accounts);

/** A deposit; pressing the button again after a failure sends the same Idempotency-Key. */
export function useCabinetDeposit(callbacks: MutationCallbacks<PortalDepositCreated, DepositInput> = {}) {
  return useIdempotentMutation(cabinetPaymentsApi.deposit, callbacks, refresh);
}

export function useCabinetWithdrawal(
  callbacks: MutationCallbacks<PortalWithdrawalCreated, WithdrawalInput> = {},
) {
  return useIdempotentMutation(cabinetPaymentsApi.withdraw, callbacks, refresh);
}
