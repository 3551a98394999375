import { notifications } from '@mantine/notifications';
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** How one kind of session (staff, trader) learns that the API has stopped accepting it. */
export interface SessionExpiry {
  /** Where the API client reports a 401 (one handler at a time; null removes it). */
  setUnauthorizedHandler: (handler: (() => void) | null) => void;
  /** The query that holds the signed-in user: a 401 with nothing there is not an expiry. */
  meKey: QueryKey;
  /** Drops the session's cached data and marks it signed out. */
  forget: (queryClient: QueryClient) => void;
  noticeId: string;
  messageKey: string;
}

/**
 * Any 401 means the session is gone: forget it (the route guard then shows the sign-in page) and say
 * so once. Pass a module-level `expiry` (it is an effect dependency).
 */
export function useSessionExpiry(expiry: SessionExpiry) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  useEffect(() => {
    expiry.setUnauthorizedHandler(() => {
      const wasSignedIn = Boolean(queryClient.getQueryData(expiry.meKey));
      expiry.forget(queryClient);
      // Several requests can fail at once; tell the user only once.
      if (wasSignedIn) {
        notifications.show({ id: expiry.noticeId, color: 'yellow', message: t(expiry.messageKey) });
      }
    });
    return () => expiry.setUnauthorizedHandler(null);
  }, [expiry, queryClient, t]);
}
