import { http } from './client';
import type { MfaEnrolment, Session, User } from './types';

export const meApi = {
  update: (patch: {
    locale?: string;
    name?: string;
    absent?: boolean;
    emailNotifications?: boolean;
    mutedNotifications?: string[];
  }) => http.patch<{ user: User }>('/api/me', patch),

  changePassword: (currentPassword: string, newPassword: string) =>
    http.post<void>('/api/me/password', { currentPassword, newPassword }),

  startMfaSetup: () => http.post<MfaEnrolment>('/api/me/mfa/setup'),
  confirmMfa: (code: string) => http.post<{ recoveryCodes: string[] }>('/api/me/mfa/confirm', { code }),
  regenerateRecoveryCodes: (code: string) =>
    http.post<{ recoveryCodes: string[] }>('/api/me/mfa/recovery-codes', { code }),
  disableMfa: (code: string) => http.delete<void>('/api/me/mfa', { code }),

  sessions: () => http.get<{ items: Session[] }>('/api/me/sessions'),
  endSession: (id: string) => http.delete<void>(`/api/me/sessions/${encodeURIComponent(id)}`),
};
