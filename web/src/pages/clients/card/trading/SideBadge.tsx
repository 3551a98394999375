import { Badge, Table } from '@mantine/core';
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

/** The symbol and side cells a deal row and a position row share. */
export function SymbolSideCells({ symbol, side }: { symbol: string; side: TradeSide }) {
  return (
    <>
      <Table.Td fw={600} dir="ltr" ta="start">
        {symbol}
      </Table.Td>
      <Table.Td>
        <SideBadge side={side} />
      </Table.Td>
    </>
  );
}
