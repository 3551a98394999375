import { Anchor, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconChartCandle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyBlock } from '../../components/EmptyBlock';
import { useTradingFormat } from '../../pages/online/tradingFormat';
import { useCabinetAccounts } from '../api';

/** The dashboard's "Trading accounts" card: a short list with equity, and the way to the accounts page. */
export function AccountsSummary() {
  const { t } = useTranslation();
  const { money } = useTradingFormat();
  const accounts = useCabinetAccounts();
  if (accounts.isPending) return <Skeleton height={80} />;
  const items = accounts.data ?? [];
  if (items.length === 0)
    return (
      <EmptyBlock
        icon={<IconChartCandle size={20} />}
        title={t('cabinet.dashboard.accounts.empty')}
        description={t('cabinet.dashboard.accounts.emptyHint')}
        action={
          <Button component={Link} to="/cabinet/accounts" size="xs" data-testid="cab-dashboard-open-account">
            {t('cabinet.dashboard.accounts.openFirst')}
          </Button>
        }
      />
    );
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('cabinet.dashboard.accounts.summary', { count: items.length })}
      </Text>
      {items.slice(0, 4).map((account) => (
        <Group key={account.id} justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" ff="monospace" dir="ltr">
            {account.login}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`cabinet.accounts.kind.${account.kind}`)}
          </Text>
          <Text size="sm" fw={500} dir="ltr" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {money(account.equity, account.currency)}
          </Text>
        </Group>
      ))}
      <Anchor component={Link} to="/cabinet/accounts" size="sm" data-testid="cab-dashboard-accounts-link">
        {t('cabinet.dashboard.accounts.manage')}
      </Anchor>
    </Stack>
  );
}
