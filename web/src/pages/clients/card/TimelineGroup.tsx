import { ActionIcon, Box, Group, Stack, Text, ThemeIcon, useDirection } from '@mantine/core';
import { IconChevronDown, IconChevronLeft, IconChevronRight, IconStack2 } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineItem } from '../../../../../src/shared/contracts/clients';
import { useFormatters } from '../../../i18n/format';
import { TimelineEntry } from './TimelineEntry';

/**
 * A run of automatic trading events (margin calls, presence, balance reports) shown as one line —
 * "Automatic trading events (12), 10:02 – 10:40" — that opens to the entries. Items are newest first.
 */
export function TimelineGroup({ items }: { items: TimelineItem[] }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const { dir } = useDirection();
  const [open, setOpen] = useState(false);
  const Closed = dir === 'rtl' ? IconChevronLeft : IconChevronRight;
  const newest = items[0]!;
  const oldest = items[items.length - 1]!;
  const toggleLabel = open ? t('workview.timeline.hideGroup') : t('workview.timeline.showGroup');

  return (
    <Box data-testid="timeline-group" data-count={items.length}>
      <Group gap="sm" wrap="nowrap" py={6}>
        <ThemeIcon size={26} radius="xl" variant="light" color="gray" style={{ flexShrink: 0 }}>
          <IconStack2 size={15} />
        </ThemeIcon>
        <Text size="sm" c="dimmed" style={{ flex: 1, minWidth: 0 }}>
          {t('workview.timeline.group', {
            count: items.length,
            from: dateTime(oldest.createdAt),
            to: dateTime(newest.createdAt),
          })}
        </Text>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-expanded={open}
          aria-label={toggleLabel}
          title={toggleLabel}
          onClick={() => setOpen((current) => !current)}
          data-testid="timeline-group-toggle"
        >
          {open ? <IconChevronDown size={16} /> : <Closed size={16} />}
        </ActionIcon>
      </Group>
      {open && (
        <Stack gap={0} ps="md" style={{ borderInlineStart: '2px solid var(--mantine-color-default-border)' }}>
          {items.map((item) => (
            <Fragment key={item.id}>
              <TimelineEntry item={item} />
            </Fragment>
          ))}
        </Stack>
      )}
    </Box>
  );
}
