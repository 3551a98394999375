import { useQuery } from '@tanstack/react-query';
import { http } from './client';
import { invalidate, useApiMutation, type CacheUpdate, type MutationCallbacks } from './mutation';
import { queryKeys } from './queryKeys';
import type {
  MePatch,
  MfaEnrolment,
  RecoveryCodesAnswer,
  Session,
  UserAnswer,
} from '../../../src/shared/contracts/identity';

export const meApi = {
  update: (patch: MePatch) => http.patch<UserAnswer>('/api/me', patch),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<void>('/api/me/password', { currentPassword, newPassword }),
  startMfaSetup: () => http.post<MfaEnrolment>('/api/me/mfa/setup'),
  confirmMfa: (code: string) => http.post<RecoveryCodesAnswer>('/api/me/mfa/confirm', { code }),
  regenerateRecoveryCodes: (code: string) =>
    http.post<RecoveryCodesAnswer>('/api/me/mfa/recovery-codes', { code }),
  disableMfa: (code: string) => http.delete<void>('/api/me/mfa', { code }),
  sessions: () => http.get<{ items: Session[] }>('/api/me/sessions'),
  endSession: (id: string) => http.delete<void>(`/api/me/sessions/${encodeURIComponent(id)}`),
};

/** Saves my own settings; the answer is the new "who am I". */
export function useUpdateMe(callbacks?: MutationCallbacks<UserAnswer, MePatch>) {
  return useApiMutation(meApi.update, callbacks, (queryClient, { user }) =>
    queryClient.setQueryData(queryKeys.me, user),
  );
}

export function useChangeMyPassword(
  callbacks?: MutationCallbacks<void, { currentPassword: string; newPassword: string }>,
) {
  return useApiMutation(
    ({ currentPassword, newPassword }) => meApi.changePassword(currentPassword, newPassword),
    callbacks,
  );
}

// ---- Two-factor authentication: enabling or disabling it changes "who am I".
const refreshMe: CacheUpdate<unknown, unknown> = invalidate(queryKeys.me);

export function useStartMfaSetup(callbacks?: MutationCallbacks<MfaEnrolment, void>) {
  return useApiMutation(meApi.startMfaSetup, callbacks);
}

export function useConfirmMfa(callbacks?: MutationCallbacks<RecoveryCodesAnswer, string>) {
  return useApiMutation(meApi.confirmMfa, callbacks, refreshMe);
}

export function useRegenerateRecoveryCodes(callbacks?: MutationCallbacks<RecoveryCodesAnswer, string>) {
  return useApiMutation(meApi.regenerateRecoveryCodes, callbacks);
}

export function useDisableMfa(callbacks?: MutationCallbacks<void, string>) {
  return useApiMutation(meApi.disableMfa, callbacks, refreshMe);
}

// ---- My sessions.

export function useMySessions() {
  return useQuery({ queryKey: queryKeys.sessions, queryFn: meApi.sessions, select: (data) => data.items });
}

export function useEndSession(callbacks?: MutationCallbacks<void, string>) {
  return useApiMutation(meApi.endSession, callbacks, invalidate(queryKeys.sessions));
}
