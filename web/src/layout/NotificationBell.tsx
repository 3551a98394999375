import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Loader,
  Popover,
  ScrollArea,
  Text,
} from '@mantine/core';
import { IconBell, IconBellOff, IconChecks } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { notificationLink } from '../realtime/describeNotification';
import { EmptyBlock } from '../components/EmptyBlock';
import { ErrorState } from '../components/ErrorState';
import { groupNotifications } from '../../../src/shared/notifications';
import type { AppNotification } from '../../../src/shared/contracts/activity';
import { NotificationGroupRow } from './NotificationGroupRow';
import { NotificationItem } from './NotificationItem';
import { useMarkNotificationsRead, useNotifications } from '../api/notifications';

export function NotificationBell() {
  const { t } = useTranslation();
  const query = useNotifications();
  const markRead = useMarkNotificationsRead();
  const unread = query.data?.unread ?? 0;
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  // The same kind about the same client again and again shows once, with a count.
  const groups = useMemo(() => groupNotifications(query.data?.items ?? []), [query.data]);

  const follow = (notification: AppNotification) => {
    const link = notificationLink(notification.type, notification.payload);
    if (link) {
      setOpened(false);
      navigate(link);
    }
  };

  return (
    // withRoles off: the target is the positioning box (a div may not carry aria-expanded); the button
    // states it itself.
    <Popover
      width={360}
      position="bottom-end"
      shadow="md"
      withinPortal
      opened={opened}
      onChange={setOpened}
      withRoles={false}
    >
      <Popover.Target>
        <Box pos="relative">
          <ActionIcon
            variant="default"
            size="md"
            aria-label={t('header.notifications')}
            aria-haspopup="dialog"
            aria-expanded={opened}
            // Controlled popover: the target does not toggle it by itself.
            onClick={() => setOpened((current) => !current)}
            data-testid="notification-bell"
          >
            <IconBell size={16} />
          </ActionIcon>
          {unread > 0 && (
            <Badge
              size="xs"
              circle={unread < 10}
              color="red"
              pos="absolute"
              top={-6}
              style={{ insetInlineEnd: -6, pointerEvents: 'none' }}
              data-testid="notification-count"
            >
              {unread > 99 ? '99+' : unread}
            </Badge>
          )}
        </Box>
      </Popover.Target>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="sm" py={8}>
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconChecks size={14} />}
            disabled={unread === 0}
            loading={markRead.isPending && markRead.variables === 'all'}
            onClick={() => markRead.mutate('all')}
            data-testid="notifications-mark-all"
          >
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        <Divider />
        {query.isPending ? (
          <Center py="lg">
            <Loader size="sm" />
          </Center>
        ) : query.isError ? (
          <Box p="sm">
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          </Box>
        ) : query.data.items.length === 0 ? (
          <EmptyBlock
            icon={<IconBellOff size={20} />}
            title={t('notifications.emptyTitle')}
            description={t('notifications.emptyDescription')}
          />
        ) : (
          <ScrollArea.Autosize mah={420} type="auto">
            {groups.map((group) => {
              const newest = group.items[0]!;
              const openOne = (notification: AppNotification) => {
                if (notification.readAt === null) markRead.mutate([notification.id]);
                follow(notification);
              };
              return group.items.length === 1 ? (
                <NotificationItem key={newest.id} notification={newest} onOpen={() => openOne(newest)} />
              ) : (
                <NotificationGroupRow
                  key={newest.id}
                  group={group}
                  onOpenGroup={() => {
                    if (group.unread > 0) markRead.mutate({ group: group.key });
                    follow(newest);
                  }}
                  onOpenItem={openOne}
                />
              );
            })}
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
