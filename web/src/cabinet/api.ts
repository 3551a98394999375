import { useQuery, type QueryClient } from '@tanstack/react-query';
import { http, isApiError, type RequestOptions } from '../api/client';
import { invalidate, useApiMutation, type MutationCallbacks } from '../api/mutation';
import type {
  CabinetAnswer,
  CabinetSessionAnswer,
  ProfilePatch,
  RegistrationInput,
  ResetAcceptedAnswer,
  Trader,
} from '../../../src/shared/contracts/cabinet';
import type { OkAnswer } from '../../../src/shared/contracts/common';
import type { AccountView, OpenAccountInput, OpenedAccountView } from '../../../src/shared/contracts/trading';

// Every cabinet call opts out of the workspace's global 401 handler (that one sends staff to /login);
// the cabinet handles a lost trader session itself (see setTraderUnauthorizedHandler).
export const quiet: RequestOptions = { allowUnauthorized: true };

let onTraderUnauthorized: (() => void) | null = null;
export function setTraderUnauthorizedHandler(handler: (() => void) | null): void {
  onTraderUnauthorized = handler;
}

/** Calls that need a trader session: a 401 means it is gone, so the cabinet goes back to its sign-in. */
export async function signedIn<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (isApiError(error) && error.status === 401) onTraderUnauthorized?.();
    throw error;
  }
}

export const cabinetApi = {
  register: (input: RegistrationInput) => http.post<CabinetAnswer>('/api/portal/register', input, quiet),
  login: (email: string, password: string) =>
    http.post<CabinetAnswer>('/api/portal/login', { email, password }, quiet),
  logout: () => http.post<void>('/api/portal/logout', undefined, quiet),
  confirmEmail: (token: string) => http.post<OkAnswer>('/api/portal/confirm-email', { token }, quiet),
  requestReset: (email: string) =>
    http.post<ResetAcceptedAnswer>('/api/portal/password-reset', { email }, quiet),
  confirmReset: (token: string, password: string) =>
    http.post<OkAnswer>('/api/portal/password-reset/confirm', { token, password }, quiet),

  /** null when nobody is signed in to the cabinet: asked without a 401, so visitors' pages log no error. */
  me: async (): Promise<Trader | null> =>
    (await http.get<CabinetSessionAnswer>('/api/portal/session', quiet)).client,
  updateProfile: (patch: ProfilePatch) => signedIn(http.patch<CabinetAnswer>('/api/portal/me', patch, quiet)),
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
/** Where the cabinet's chat keeps its visitor token (its own key: the site's widget stays separate). */
export const CABINET_CHAT_STORAGE_KEY = 'bdw.cabinet.token';

export function setTraderSession(queryClient: QueryClient, trader: Trader | null): void {
  // Signed out (logout or an ended session): the chat's visitor token must not outlive the session.
  if (!trader) {
    try {
      localStorage.removeItem(CABINET_CHAT_STORAGE_KEY);
    } catch {
      // storage blocked: nothing was kept either
    }
  }
  queryClient.removeQueries({
    predicate: (q) => q.queryKey[0] === cabinetKeys.root[0] && q.queryKey[1] !== cabinetKeys.me[1],
  });
  queryClient.setQueryData(cabinetKeys.me, trader);
}

const storeTrader = (queryClient: QueryClient, { client }: CabinetAnswer) =>
  setTraderSession(queryClient, client);

/** "Who is signed in to the cabinet": `data` is null when nobody is. */
export function useTraderQuery() {
  return useQuery({ queryKey: cabinetKeys.me, queryFn: cabinetApi.me, staleTime: 60_000, retry: false });
}

export function useCabinetRegister(callbacks?: MutationCallbacks<CabinetAnswer, RegistrationInput>) {
  return useApiMutation(cabinetApi.register, callbacks, storeTrader);
}

export function useCabinetLogin(
  callbacks?: MutationCallbacks<CabinetAnswer, { email: string; password: string }>,
) {
  return useApiMutation(({ email, password }) => cabinetApi.login(email, password), callbacks, storeTrader);
}

/** The screen signs out locally in `onSettled`, even if the server could not be reached. */
export function useCabinetLogout(callbacks?: MutationCallbacks<void, void>) {
  return useApiMutation(cabinetApi.logout, callbacks);
}

export function useConfirmEmail(callbacks?: MutationCallbacks<OkAnswer, string>) {
  return useApiMutation(cabinetApi.confirmEmail, callbacks, invalidate(cabinetKeys.me));
}

export function useResendConfirmation(callbacks?: MutationCallbacks<void, void>) {
  return useApiMutation(cabinetApi.resendConfirmation, callbacks, invalidate(cabinetKeys.me));
}

export function useRequestPasswordReset(callbacks?: MutationCallbacks<ResetAcceptedAnswer, string>) {
  return useApiMutation(cabinetApi.requestReset, callbacks);
}

/** A new password ends every session of the trader, this one included. */
export function useConfirmPasswordReset(
  callbacks?: MutationCallbacks<OkAnswer, { token: string; password: string }>,
) {
  return useApiMutation(
    ({ token, password }) => cabinetApi.confirmReset(token, password),
    callbacks,
    (queryClient) => setTraderSession(queryClient, null),
  );
}

export function useUpdateCabinetProfile(callbacks?: MutationCallbacks<CabinetAnswer, ProfilePatch>) {
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
