import { Table } from '@mantine/core';
import { IconStack2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { usePositions } from '../../../../api/trading';
import type { AccountView } from '../../../../../../src/shared/contracts/trading';
import { useFormatters } from '../../../../i18n/format';
import { Figure, profitColor } from './figures';
import { SymbolSideCells } from './SideBadge';
import { TradingTable } from './TradingTable';
import { HintText } from '../../../../components/HintText';

/** What the client holds right now; refreshed by live pushes for the account. */
export function PositionsTable({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { number, signedMoney, money, dateTime, relative } = useFormatters();
  const positions = usePositions(account.id);
  const cur = account.currency;
  const price = (value: number | null) => number(value, 2, 5);

  return (
    <TradingTable
      query={positions}
      skeletonRows={4}
      empty={{ icon: <IconStack2 size={22} />, title: t('trading.empty.positions') }}
      minWidth={820}
      testId="trading-positions"
      columns={[
        'symbol',
        'side',
        'volume',
        'openPrice',
        'currentPrice',
        'stopLoss',
        'takeProfit',
        'swap',
        'profit',
        'openedAt',
      ]}
      row={(p) => (
        <Table.Tr key={p.positionId} data-testid="trading-position-row">
          <SymbolSideCells symbol={p.symbol} side={p.side} />
          <Table.Td ta="end">
            <Figure>{number(p.volume, 2, 2)}</Figure>
          </Table.Td>
          <Table.Td ta="end">
            <Figure>{price(p.openPrice)}</Figure>
          </Table.Td>
          <Table.Td ta="end">
            <Figure fw={500}>{price(p.currentPrice)}</Figure>
          </Table.Td>
          <Table.Td ta="end">
            <Figure c={p.stopLoss === null ? 'dimmed' : undefined}>{price(p.stopLoss) ?? '—'}</Figure>
          </Table.Td>
          <Table.Td ta="end">
            <Figure c={p.takeProfit === null ? 'dimmed' : undefined}>{price(p.takeProfit) ?? '—'}</Figure>
          </Table.Td>
          <Table.Td ta="end">
            <Figure>{money(p.swap, cur)}</Figure>
          </Table.Td>
          <Table.Td ta="end">
            <Figure fw={600} c={profitColor(p.profit)}>
              {signedMoney(p.profit, cur)}
            </Figure>
          </Table.Td>
          <Table.Td ta="end">
            <HintText hint={dateTime(p.openedAt)} span inherit c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {relative(p.openedAt)}
            </HintText>
          </Table.Td>
        </Table.Tr>
      )}
      foot={(rows) => {
        const total = rows.reduce((sum, p) => sum + p.profit, 0);
        return (
          <Table.Tr>
            <Table.Td colSpan={8} c="dimmed">
              {t('trading.account.openPositions', { count: rows.length })}
            </Table.Td>
            <Table.Td ta="end">
              <Figure fw={700} c={profitColor(total)}>
                {signedMoney(total, cur)}
              </Figure>
            </Table.Td>
            <Table.Td />
          </Table.Tr>
        );
      }}
    />
  );
}
