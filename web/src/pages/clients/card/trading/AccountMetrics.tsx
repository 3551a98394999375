import { Paper, SimpleGrid, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../../../src/shared/contracts/trading';
import { useFormatters } from '../../../../i18n/format';
import { Figure, marginLevelColor, profitColor } from './figures';

function Tile({
  label,
  value,
  color,
  hint,
  testId,
}: {
  label: string;
  value: ReactNode;
  color?: string;
  hint?: string | null;
  testId: string;
}) {
  const tile = (
    <Paper withBorder radius="sm" px="sm" py={6} data-testid={testId}>
      <Text fz={11} c="dimmed" tt="uppercase" fw={600} lh={1.3} truncate="end">
        {label}
      </Text>
      <Text fz="md" fw={600} ta="end" c={color} lh={1.4}>
        <Figure>{value}</Figure>
      </Text>
    </Paper>
  );
  return hint ? (
    <Tooltip label={hint} withArrow openDelay={200}>
      {tile}
    </Tooltip>
  ) : (
    tile
  );
}

/** The account's state at a glance: the figures a manager checks before calling. */
export function AccountMetrics({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { money, signedMoney, percent } = useFormatters();
  const cur = account.currency;
  const levelColor = marginLevelColor(account.marginLevel);
  const levelHint =
    levelColor === 'red'
      ? t('trading.metrics.marginCall')
      : levelColor === 'orange'
        ? t('trading.metrics.marginWarning')
        : account.marginLevel === null
          ? t('trading.metrics.noPositions')
          : null;

  return (
    <SimpleGrid
      cols={{ base: 2, xs: 4, lg: 7 }}
      spacing={6}
      verticalSpacing={6}
      data-testid="trading-metrics"
    >
      <Tile
        label={t('trading.metrics.balance')}
        value={money(account.balance, cur)}
        hint={account.credit ? t('trading.metrics.credit', { amount: money(account.credit, cur) }) : null}
        testId="trading-balance"
      />
      <Tile label={t('trading.metrics.equity')} value={money(account.equity, cur)} testId="trading-equity" />
      <Tile label={t('trading.metrics.margin')} value={money(account.margin, cur)} testId="trading-margin" />
      <Tile
        label={t('trading.metrics.freeMargin')}
        value={money(account.freeMargin, cur)}
        color={account.freeMargin < 0 ? 'red' : undefined}
        testId="trading-free-margin"
      />
      <Tile
        label={t('trading.metrics.marginLevel')}
        value={percent(account.marginLevel) ?? '—'}
        color={levelColor}
        hint={levelHint}
        testId="trading-margin-level"
      />
      <Tile
        label={t('trading.metrics.floatingProfit')}
        value={signedMoney(account.floatingProfit, cur)}
        color={profitColor(account.floatingProfit)}
        testId="trading-floating"
      />
      <Tile
        label={t('trading.metrics.netDeposits')}
        value={money(account.netDeposits, cur)}
        testId="trading-net-deposits"
      />
    </SimpleGrid>
  );
}
