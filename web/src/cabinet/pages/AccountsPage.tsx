import { Alert, Button, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconChartCandle, IconInfoCircle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountKind } from '../../../../src/shared/trading';
import { EmptyBlock } from '../../components/EmptyBlock';
import { AccountCard } from '../accounts/AccountCard';
import { OpenAccountModal } from '../accounts/OpenAccountModal';
import { useCabinetAccounts } from '../api';
import { useTrader } from '../session';
import { useCabinetError } from '../useCabinetError';
import { Notice } from '../../components/Notice';
import { PageHeader } from '../../components/PageHeader';

/** /cabinet/accounts: the trader's demo and live accounts, and opening new ones. */
export function AccountsPage() {
  const { t } = useTranslation();
  const trader = useTrader();
  const toMessage = useCabinetError();
  const accounts = useCabinetAccounts();
  const [opening, setOpening] = useState<AccountKind | null>(null);
  // Live accounts come first: they are the ones with real money.
  const items = [...(accounts.data ?? [])].sort(
    (a, b) => Number(b.kind === 'live') - Number(a.kind === 'live') || a.createdAt.localeCompare(b.createdAt),
  );

  const actions = (
    <Group gap="xs">
      <Button
        variant="default"
        leftSection={<IconPlus size={16} />}
        onClick={() => setOpening('demo')}
        data-testid="cab-open-demo"
      >
        {t('cabinet.accounts.openDemo')}
      </Button>
      <Button
        leftSection={<IconPlus size={16} />}
        onClick={() => setOpening('live')}
        data-testid="cab-open-live"
      >
        {t('cabinet.accounts.openLive')}
      </Button>
    </Group>
  );

  return (
    <Stack gap="lg" data-testid="cab-accounts">
      <PageHeader
        main
        title={t('cabinet.accounts.title')}
        description={t('cabinet.accounts.subtitle')}
        actions={actions}
      />

      {!trader.emailConfirmed && (
        <Notice color="yellow" icon={IconInfoCircle} data-testid="cab-accounts-confirm">
          {t('cabinet.accounts.confirmEmailForLive')}
        </Notice>
      )}

      {accounts.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {[0, 1].map((index) => (
            <Skeleton key={index} height={210} radius="md" />
          ))}
        </SimpleGrid>
      ) : accounts.isError ? (
        <Alert color="red" variant="light" title={t('common.loadFailed')}>
          <Group justify="space-between" gap="sm">
            <Text size="sm">{toMessage(accounts.error)}</Text>
            <Button size="xs" variant="white" color="red" onClick={() => void accounts.refetch()}>
              {t('common.retry')}
            </Button>
          </Group>
        </Alert>
      ) : items.length === 0 ? (
        <EmptyBlock
          icon={<IconChartCandle size={22} />}
          title={t('cabinet.accounts.empty')}
          description={t('cabinet.accounts.emptyHint')}
          action={actions}
        />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {items.map((account) => (
            <AccountCard key={account.id} account={account} />
          ))}
        </SimpleGrid>
      )}

      <OpenAccountModal kind={opening} onClose={() => setOpening(null)} />
    </Stack>
  );
}
