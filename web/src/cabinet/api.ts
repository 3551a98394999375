import { http, isApiError, type RequestOptions } from '../api/client';
import type { AccountView, OpenAccountInput, OpenedAccountView } from '../api/tradingTypes';

/** The trader's own record, as `/api/portal/me` returns it. */
export interface Trader {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  country: string | null;
  language: string | null;
  login: string | null;
  status: 'lead' | 'demo' | 'live';
  emailConfirmed: boolean;
  /** When the confirmation link that still works was sent; null when there is none. */
  confirmationLinkSentAt: string | null;
  createdAt: string;
}

export interface Attribution {
  utm?: { source?: string; medium?: string; campaign?: string; term?: string; content?: string };
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
