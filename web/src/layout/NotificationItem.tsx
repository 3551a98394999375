import { Box, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppNotification } from '../api/types';
import { useFormatters } from '../i18n/format';
import { describeNotification } from '../realtime/describeNotification';

export function NotificationItem({
  notification,
  onOpen,
}: {
  notification: AppNotification;
  onOpen: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { relative, dateTime } = useFormatters();
  const { title, body } = describeNotification(t, i18n, notification.type, notification.payload);
  const unread = notification.readAt === null;

  return (
    <UnstyledButton
      onClick={onOpen}
      px="sm"
      py={8}
      w="100%"
      data-testid="notification-item"
      data-unread={unread || undefined}
      style={{
        borderBottom: '1px solid var(--mantine-color-default-border)',
        background: unread ? 'var(--mantine-primary-color-light)' : undefined,
      }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Box
          mt={6}
          w={7}
          h={7}
          style={{
            borderRadius: '50%',
            flexShrink: 0,
            background: unread ? 'var(--mantine-primary-color-filled)' : 'transparent',
          }}
        />
        <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={unread ? 600 : 500}>
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            {body}
          </Text>
          <Text size="xs" c="dimmed" title={dateTime(notification.createdAt) ?? undefined}>
            {relative(notification.createdAt)}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
