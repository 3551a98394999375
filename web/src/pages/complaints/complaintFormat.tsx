import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import type { ComplaintStatus } from '../../../../src/shared/complaints';

const STATUS_COLOR: Record<ComplaintStatus, string> = { open: 'yellow', responded: 'teal' };

export function ComplaintStatusBadge({ status }: { status: ComplaintStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-testid="complaint-status">
      {t(`complaints.status.${status}`)}
    </Badge>
  );
}

/**
 * A deadline is stored as the instant its last day ends (the next local midnight); shown as the last
 * minute of that day, so "Feb 1, 11:59 PM" rather than "Feb 2, 12:00 AM".
 */
export const lastMinute = (dueAt: string) => new Date(new Date(dueAt).getTime() - 60_000).toISOString();

/** The complaint marker on a conversation (inbox row, conversation header). */
export function ComplaintBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="light" size="sm" data-testid="complaint-badge">
      {t('complaints.badge')}
    </Badge>
  );
}

/** A deadline: when it is due, when it was met, whether it was missed. */
export function DeadlineLine({
  label,
  dueAt,
  metAt,
  warned,
}: {
  label: string;
  dueAt: string;
  metAt: string | null;
  warned?: number;
}) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const late = (metAt ? new Date(metAt).getTime() : Date.now()) > new Date(dueAt).getTime();
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text size="sm">{t('complaints.dueAt', { date: fmt.dateTime(lastMinute(dueAt)) })}</Text>
      {metAt && (
        <Text size="sm" c="teal">
          {t('complaints.metAt', { date: fmt.dateTime(metAt) })}
        </Text>
      )}
      {late && (
        <Badge color="red" variant="light" size="sm">
          {t('complaints.late')}
        </Badge>
      )}
      {!metAt && !!warned && (
        <Text size="sm" c="orange">
          {t('complaints.warned', { level: warned })}
        </Text>
      )}
    </Group>
  );
}
