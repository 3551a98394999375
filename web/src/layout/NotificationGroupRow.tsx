import { ActionIcon, Box, Group } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationGroup } from '../../../src/shared/notifications';
import type { AppNotification } from '../../../src/shared/contracts/activity';
import { NotificationItem } from './NotificationItem';

/**
 * One group of the bell ("Margin call ×7 — Client X"): the newest stands for all; opening it marks the
 * whole group read. The toggle beside it (never inside the button) lists the earlier ones.
 */
export function NotificationGroupRow({
  group,
  onOpenGroup,
  onOpenItem,
}: {
  group: NotificationGroup<AppNotification>;
  onOpenGroup: () => void;
  onOpenItem: (notification: AppNotification) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [newest, ...earlier] = group.items;
  const toggleLabel = open
    ? t('workview.notifications.hideGroup')
    : t('workview.notifications.showGroup', { count: group.items.length });

  return (
    <Box data-testid="notification-group" data-count={group.items.length}>
      <Group gap={0} wrap="nowrap" align="stretch">
        <NotificationItem
          notification={newest!}
          count={group.items.length}
          unread={group.unread > 0}
          onOpen={onOpenGroup}
        />
        <ActionIcon
          variant="subtle"
          color="gray"
          h="auto"
          radius={0}
          aria-expanded={open}
          aria-label={toggleLabel}
          title={toggleLabel}
          onClick={() => setOpen((current) => !current)}
          data-testid="notification-group-toggle"
          style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
        >
          {open ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
        </ActionIcon>
      </Group>
      {open && (
        <Box ps="md">
          {earlier.map((item) => (
            <NotificationItem key={item.id} notification={item} onOpen={() => onOpenItem(item)} />
          ))}
        </Box>
      )}
    </Box>
  );
}
