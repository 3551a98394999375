import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Trader } from '../../../src/shared/contracts/cabinet';

const COLORS: Record<Trader['status'], string> = { lead: 'gray', demo: 'blue', live: 'teal' };

export function StatusBadge({ status }: { status: Trader['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" size="lg" data-testid="cab-status" data-status={status}>
      {t(`cabinet.status.${status}`)}
    </Badge>
  );
}
