import { useQuery } from '@tanstack/react-query';
import { http, isApiError } from './client';
import { useApiMutation, type MutationCallbacks } from './mutation';
import { queryKeys } from './queryKeys';
import type {
  EnrolledAnswer,
  LoginResult,
  SignedInAnswer,
  User,
  UserAnswer,
} from '../../../src/shared/contracts/identity';

// 401 is an expected answer on these calls (wrong password, wrong code),
// so they must not trigger the global "session expired" redirect.
const quiet = { allowUnauthorized: true };

export const authApi = {
  login: (email: string, password: string) =>
    http.post<LoginResult>('/api/auth/login', { email, password }, quiet),
  verifyMfa: (code: string) => http.post<SignedInAnswer>('/api/auth/mfa/verify', { code }, quiet),
  enrolMfa: (code: string) => http.post<EnrolledAnswer>('/api/auth/mfa/enrol', { code }, quiet),
  logout: () => http.post<void>('/api/auth/logout', undefined, quiet),
  /** Returns null when there is no session instead of throwing. */
  me: async (): Promise<User | null> => {
    try {
      const { user } = await http.get<UserAnswer>('/api/auth/me', quiet);
      return user;
    } catch (error) {
      if (isApiError(error) && error.status === 401) return null;
      throw error;
    }
  },
};

/** "Who am I" query. `data` is null when signed out (401 is not an error here). */
export function useSessionQuery() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: authApi.me,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useLogin(callbacks?: MutationCallbacks<LoginResult, { email: string; password: string }>) {
  return useApiMutation(({ email, password }) => authApi.login(email, password), callbacks);
}

export function useVerifyMfa(callbacks?: MutationCallbacks<SignedInAnswer, string>) {
  return useApiMutation(authApi.verifyMfa, callbacks);
}

export function useEnrolMfa(callbacks?: MutationCallbacks<EnrolledAnswer, string>) {
  return useApiMutation(authApi.enrolMfa, callbacks);
}
