import { setUnauthorizedHandler } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { resetSessionCache } from './resetSessionCache';
import { useSessionExpiry, type SessionExpiry } from './useSessionExpiry';

const STAFF_SESSION: SessionExpiry = {
  setUnauthorizedHandler,
  meKey: queryKeys.me,
  forget: (queryClient) => resetSessionCache(queryClient, null),
  noticeId: 'session-expired',
  messageKey: 'errors.sessionExpired',
};

/**
 * Any 401 from the API means the session is gone: drop every cached query
 * and mark the user as signed out. <RequireAuth> then redirects to /login.
 */
export function SessionExpiryHandler() {
  useSessionExpiry(STAFF_SESSION);
  return null;
}
