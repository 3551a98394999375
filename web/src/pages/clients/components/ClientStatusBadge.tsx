import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClientStatus } from '../../../../../src/shared/contracts/clients';

export const STATUS_COLORS: Record<ClientStatus, string> = {
  lead: 'blue',
  demo: 'orange',
  live: 'teal',
};

/** Lead / Demo / Live. Status is derived by the server and is never edited by hand. */
export function ClientStatusBadge({
  status,
  ...props
}: { status: ClientStatus } & BadgeProps & { 'data-testid'?: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="sm"
      variant="light"
      radius="sm"
      tt="none"
      color={STATUS_COLORS[status] ?? 'gray'}
      data-status={status}
      {...props}
    >
      {t(`clients.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}
