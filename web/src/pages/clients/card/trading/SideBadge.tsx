import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TradeSide } from '../../../../../../src/shared/trading';

export function SideBadge({ side }: { side: TradeSide }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" radius="sm" variant="light" color={side === 'buy' ? 'blue' : 'orange'}>
      {t(`trading.side.${side}`)}
    </Badge>
  );
}
