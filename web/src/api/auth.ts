import { http, isApiError } from './client';
import type { LoginResult, User } from './types';

// 401 is an expected answer on these calls (wrong password, wrong code),
// so they must not trigger the global "session expired" redirect.
const quiet = { allowUnauthorized: true };

export const authApi = {
  login: (email: string, password: string) =>
    http.post<LoginResult>('/api/auth/login', { email, password }, quiet),

  verifyMfa: (code: string) =>
    http.post<{ status: 'ok'; user: User }>('/api/auth/mfa/verify', { code }, quiet),

  enrolMfa: (code: string) =>
    http.post<{ status: 'ok'; user: User; recoveryCodes: string[] }>('/api/auth/mfa/enrol', { code }, quiet),

  logout: () => http.post<void>('/api/auth/logout', undefined, quiet),

  /** Returns null when there is no session instead of throwing. */
  me: async (): Promise<User | null> => {
    try {
      const { user } = await http.get<{ user: User }>('/api/auth/me', quiet);
      return user;
    } catch (error) {
      if (isApiError(error) && error.status === 401) return null;
      throw error;
    }
  },
};
