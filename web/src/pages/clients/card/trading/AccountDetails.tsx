import { Badge, Group, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../../../src/shared/contracts/trading';
import { useFormatters } from '../../../../i18n/format';
import { AccountMetrics } from './AccountMetrics';
import { BalanceOpsTable } from './BalanceOpsTable';
import { DealsTable } from './DealsTable';
import { PanelBoundary } from './PanelBoundary';
import { PositionsTable } from './PositionsTable';

// The chart library is large; it loads on its own while the figures and tables are already on screen.
const EquityChart = lazy(() => import('./EquityChart').then((m) => ({ default: m.EquityChart })));

type Tab = 'positions' | 'deals' | 'balanceOps';

/** Everything about one account: figures, equity chart, positions, history, balance operations. */
export function AccountDetails({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { relative, dateTime } = useFormatters();
  const [tab, setTab] = useState<Tab>('positions');

  return (
    <Stack gap="sm" data-testid="trading-account" data-account-id={account.id}>
      <Group gap="md" wrap="wrap">
        <Text fz="xs" c={account.online ? 'green' : 'dimmed'}>
          {account.online
            ? account.onlineSince
              ? t('trading.account.onlineSince', { when: dateTime(account.onlineSince) })
              : t('trading.account.online')
            : t('trading.account.offline')}
        </Text>
        <Text fz="xs" c="dimmed" title={dateTime(account.lastTradeAt) ?? undefined}>
          {account.lastTradeAt
            ? t('trading.account.lastTrade', { when: relative(account.lastTradeAt) })
            : t('trading.account.noTrades')}
        </Text>
        {account.stateAt && (
          <Text fz="xs" c="dimmed" title={dateTime(account.stateAt) ?? undefined}>
            {t('trading.account.updated', { when: relative(account.stateAt) })}
          </Text>
        )}
      </Group>
      <AccountMetrics account={account} />
      <PanelBoundary>
        <Suspense fallback={<Skeleton height={232} />}>
          <EquityChart account={account} />
        </Suspense>
      </PanelBoundary>
      <Tabs value={tab} onChange={(value) => value && setTab(value as Tab)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab
            value="positions"
            rightSection={
              account.openPositions > 0 ? (
                <Badge size="xs" variant="light" circle>
                  {account.openPositions}
                </Badge>
              ) : undefined
            }
            data-testid="trading-tab-positions"
          >
            {t('trading.tabs.positions')}
          </Tabs.Tab>
          <Tabs.Tab value="deals" data-testid="trading-tab-deals">
            {t('trading.tabs.deals')}
          </Tabs.Tab>
          <Tabs.Tab value="balanceOps" data-testid="trading-tab-balance-ops">
            {t('trading.tabs.balanceOps')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="positions" pt="xs">
          <PositionsTable account={account} />
        </Tabs.Panel>
        <Tabs.Panel value="deals" pt="xs">
          <DealsTable account={account} />
        </Tabs.Panel>
        <Tabs.Panel value="balanceOps" pt="xs">
          <BalanceOpsTable account={account} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
