import { Badge, Box, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppNotification } from '../../../src/shared/contracts/activity';
import { useFormatters } from '../i18n/format';
import { describeNotification } from '../realtime/describeNotification';

export function NotificationItem({
  notification,
  onOpen,
  count,
  unread: unreadOverride,
}: {
  notification: AppNotification;
  onOpen: () => void;
  /** Shown as "×7" when the item stands for a group of the same notification. */
  count?: number;
  /** A group is unread while any of its members is. */
  unread?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { relative, dateTime } = useFormatters();
  const { title, body } = describeNotification(t, i18n, notification.type, notification.payload);
  const unread = unreadOverride ?? notification.readAt === null;

  return (
    <UnstyledButton
      onClick={onOpen}
      px="sm"
      py={8}
      w="100%"
      data-testid="notification-item"
      data-unread={unread || undefined}
      style={{
        flex: 1,
        minWidth: 0,
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
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={unread ? 600 : 500}>
              {title}
            </Text>
            {count !== undefined && count > 1 && (
              <Badge size="sm" variant="light" color="gray" data-testid="notification-group-count">
                ×{count}
              </Badge>
            )}
          </Group>
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
