import { useQuery, type QueryClient } from '@tanstack/react-query';
import { http, isApiError, type RequestOptions } from '../api/client';
import { invalidate, useApiMutation, type MutationCallbacks } from '../api/mutation';
import type { Trader } from '../../../src/shared/contracts/cabinet';
import type { Utm } from '../../../src/shared/contracts/clients';
import type { AccountView, OpenAccountInput, OpenedAccountView } from '../../../src/shared/contracts/trading';

export interface Attribution {
  utm?: Utm;
  referralCode?: string;
}

export interface RegistrationInput extends Attribution {
  name: string;
  email: string;
  phone: string;
  /** null when the visitor left it empty: the server stores it as unknown. */
  country: string | null;
  language: string | null;
  password: string;
  acceptTerms: boolean;
  acceptRisk: boolean;
}

export interface ProfilePatch {
  phone?: string;
  language?: string;
  country?: string;
}

// Every cabinet call opts out of the workspace's global 401 handler (that one sends staff to /login);
// the cabinet handles a lost trader session itself (see setTraderUnauthorizedHandler).
const quiet: RequestOptions = { allowUnauthorized: true };

let onTraderUnauthorized: (() => void) | null = null;
export function setTraderUnauthorizedHandler(handler: (() => void) | null): void {
  onTraderUnauthorized = handler;
}

/** Calls that need a trader session: a 401 means it is gone, so the cabinet goes back to its sign-in. */
async function signedIn<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (isApiError(error) && error.status === 401) onTraderUnauthorized?.();
    throw error;
  }
}

export const cabinetApi = {
  register: (input: RegistrationInput) => http.post<{ client: Trader }>('/api/portal/register', input, quiet),
  login: (email: string, password: string) =>
    http.post<{ client: Trader }>('/api/portal/login', { email, password }, quiet),
  logout: () => http.post<void>('/api/portal/logout', undefined, quiet),
  confirmEmail: (token: string) => http.post<{ status: 'ok' }>('/api/portal/confirm-email', { token }, quiet),
  requestReset: (email: string) =>
    http.post<{ status: 'accepted' }>('/api/portal/password-reset', { email }, quiet),
  confirmReset: (token: string, password: string) =>
    http.post<{ status: 'ok' }>('/api/portal/password-reset/confirm', { token, password }, quiet),

  /** null when nobody is signed in to the cabinet: asked without a 401, so visitors' pages log no error. */
  me: async (): Promise<Trader | null> =>
    (await http.get<{ client: Trader | null }>('/api/portal/session', quiet)).client,
  updateProfile: (patch: ProfilePatch) =>
    signedIn(http.patch<{ client: Trader }>('/api/portal/me', patch, quiet)),
  changePassword: (currentPassword: string, newPassword: string) =>
    signedIn(http.post<void>('/api/portal/password', { currentPassword, newPassword }, quiet)),
  resendConfirmation: () => signedIn(http.post<void>('/api/portal/confirm-email/resend', undefined, quiet)),

  /** The trader's own trading accounts. */
  accounts: () => signedIn(http.get<AccountView[]>('/api/cabinet/accounts', quiet)),
  /** Opens a demo or live account; the answer carries the terminal credentials, shown once. */
  openAccount: (input: OpenAccountInput) =>
    signedIn(http.post<OpenedAccountView>('/api/cabinet/accounts', input, quiet)),
};

// ---- Queries and mutations: the cabinet's pages call these hooks, never useQuery/useMutation.

/** Cabinet query keys all start with 'cabinet', apart from the workspace's keys. */
export const cabinetKeys = {
  root: ['cabinet'] as const,
  me: ['cabinet', 'me'] as const,
  /** Under the cabinet's prefix, so signing out (or in as someone else) drops it with the rest. */
  accounts: ['cabinet', 'accounts'] as const,
};

/** Forgets the previous trader's cached data and stores the new "who am I" answer (or null). */
export function setTraderSession(queryClient: QueryClient, trader: Trader | null): void {
  queryClient.removeQueries({
    predicate: (q) => q.queryKey[0] === cabinetKeys.root[0] && q.queryKey[1] !== cabinetKeys.me[1],
  });
  queryClient.setQueryData(cabinetKeys.me, trader);
}

const storeTrader = (queryClient: QueryClient, { client }: { client: Trader }) =>
  setTraderSession(queryClient, client);

/** "Who is signed in to the cabinet": `data` is null when nobody is. */
export function useTraderQuery() {
  return useQuery({ queryKey: cabinetKeys.me, queryFn: cabinetApi.me, staleTime: 60_000, retry: false });
}

export function useCabinetRegister(callbacks?: MutationCallbacks<{ client: Trader }, RegistrationInput>) {
  return useApiMutation(cabinetApi.register, callbacks, storeTrader);
}

export function useCabinetLogin(
  callbacks?: MutationCallbacks<{ client: Trader }, { email: string; password: string }>,
) {
  return useApiMutation(({ email, password }) => cabinetApi.login(email, password), callbacks, storeTrader);
}

/** The screen signs out locally in `onSettled`, even if the server could not be reached. */
export function useCabinetLogout(callbacks?: MutationCallbacks<void, void>) {
  return useApiMutation(cabinetApi.logout, callbacks);
}

export function useConfirmEmail(callbacks?: MutationCallbacks<{ status: 'ok' }, string>) {
  return useApiMutation(cabinetApi.confirmEmail, callbacks, invalidate(cabinetKeys.me));
}

export function useResendConfirmation(callbacks?: MutationCallbacks<void, void>) {
  return useApiMutation(cabinetApi.resendConfirmation, callbacks, invalidate(cabinetKeys.me));
}

export function useRequestPasswordReset(callbacks?: MutationCallbacks<{ status: 'accepted' }, string>) {
  return useApiMutation(cabinetApi.requestReset, callbacks);
}

/** A new password ends every session of the trader, this one included. */
export function useConfirmPasswordReset(
  callbacks?: MutationCallbacks<{ status: 'ok' }, { token: string; password: string }>,
) {
  return useApiMutation(
    ({ token, password }) => cabinetApi.confirmReset(token, password),
    callbacks,
    (queryClient) => setTraderSession(queryClient, null),
  );
}

export function useUpdateCabinetProfile(callbacks?: MutationCallbacks<{ client: Trader }, ProfilePatch>) {
  return useApiMutation(cabinetApi.updateProfile, callbacks, storeTrader);
}

export function useChangeCabinetPassword(
  callbacks?: MutationCallbacks<void, { currentPassword: string; newPassword: string }>,
) {
  return useApiMutation(
    ({ currentPassword, newPassword }) => cabinetApi.changePassword(currentPassword, newPassword),
    callbacks,
  );
}

/**
 * The trader's accounts. The cabinet has no live socket, so balances and equity are polled while the
 * page is visible (TanStack Query pauses the interval in a background tab).
 */
export function useCabinetAccounts() {
  return useQuery({ queryKey: cabinetKeys.accounts, queryFn: cabinetApi.accounts, refetchInterval: 10_000 });
}

/** Opens an account; a live one turns the client Live, so "who am I" is refreshed too. */
export function useOpenCabinetAccount(callbacks?: MutationCallbacks<OpenedAccountView, OpenAccountInput>) {
  return useApiMutation(cabinetApi.openAccount, callbacks, invalidate(cabinetKeys.accounts, cabinetKeys.me));
}
