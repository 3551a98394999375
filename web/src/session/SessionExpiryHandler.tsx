import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { setUnauthorizedHandler } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { resetSessionCache } from './resetSessionCache';

/**
 * Any 401 from the API means the session is gone: drop every cached query
 * and mark the user as signed out. <RequireAuth> then redirects to /login.
 */
export function SessionExpiryHandler() {
  const queryClient = useQueryClient();
  const { t } = useTranslation();

  useEffect(() => {
    setUnauthorizedHandler(() => {
      const wasSignedIn = Boolean(queryClient.getQueryData(queryKeys.me));
      resetSessionCache(queryClient, null);
      // Several requests can fail at once; tell the user only once.
      if (wasSignedIn) {
        notifications.show({ id: 'session-expired', color: 'yellow', message: t('errors.sessionExpired') });
      }
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient, t]);

  return null;
}
