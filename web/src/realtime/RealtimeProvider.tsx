import { notifications } from '@mantine/notifications';
import { IconBell } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { authApi } from '../api/auth';
import { reportUnauthorized } from '../api/client';
import { useUser } from '../session/useSession';
import { describeNotification, notificationLink } from './describeNotification';
import { createInvalidationBatcher, keysForEvent } from './invalidation';
import { eventBus } from './eventBus';
import { liveBus } from './liveBus';
import { createLiveInvalidator } from './liveUpdates';
import { addPushedNotification } from './notificationCache';
import { RealtimeClient, type ConnectionState } from './RealtimeClient';
import type { EventMessage } from './messages';

const ConnectionContext = createContext<ConnectionState>('closed');

export function useConnectionState(): ConnectionState {
  return useContext(ConnectionContext);
}

/**
 * Owns the realtime connection while a user is signed in: keeps TanStack
 * Query caches fresh from server events and turns notifications into toasts.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const user = useUser();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [state, setState] = useState<ConnectionState>('connecting');

  // Handlers read the latest translator/user through a ref, so a language
  // switch does not tear down and reopen the socket.
  const latest = useRef({ t, i18n, userId: user.id, navigate });
  latest.current = { t, i18n, userId: user.id, navigate };

  useEffect(() => {
    const batcher = createInvalidationBatcher(queryClient);
    const live = createLiveInvalidator(queryClient);

    const onEvent = ({ event, notification }: EventMessage) => {
      batcher.add(keysForEvent(event, latest.current.userId));
      eventBus.publish(event);
      if (!notification) return;
      addPushedNotification(queryClient, notification);
      if (notification.muted) return;
      const { title, body } = describeNotification(
        latest.current.t,
        latest.current.i18n,
        notification.type,
        notification.payload,
      );
      const link = notificationLink(notification.type, notification.payload);
      const id = `notification-${notification.id}`;
      notifications.show({
        id,
        title,
        message: body,
        icon: <IconBell size={16} />,
        autoClose: 6000,
        // A client notification opens the client's card.
        ...(link && {
          style: { cursor: 'pointer' },
          onClick: () => {
            notifications.hide(id);
            latest.current.navigate(link);
          },
        }),
      });
    };

    // If "who am I" now says signed out, treat it like any other expired session.
    const onSessionSuspect = () => {
      authApi
        .me()
        .then((me) => me === null && reportUnauthorized())
        .catch(() => undefined); // server unreachable: keep retrying the socket
    };

    const client = new RealtimeClient({
      onEvent,
      onLive: (message) => {
        live.add(message);
        liveBus.publish(message);
      },
      onReset: () => void queryClient.invalidateQueries(),
      onStateChange: setState,
      onSessionSuspect,
    });
    client.start();
    return () => {
      client.stop();
      batcher.cancel();
      live.cancel();
    };
  }, [queryClient, user.id]);

  return <ConnectionContext.Provider value={state}>{children}</ConnectionContext.Provider>;
}
