import { Badge, Card, Group, Skeleton, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconWallet } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useClientAccounts } from '../../../../api/trading';
import { EmptyBlock } from '../../../../components/EmptyBlock';
import { ErrorState } from '../../../../components/ErrorState';
import { usePermission } from '../../../../session/useSession';
import { AccountDetails } from './AccountDetails';
import { AccountSwitcher } from './AccountSwitcher';
import { OpenAccountModal } from './OpenAccountModal';
import { PanelBoundary } from './PanelBoundary';
import { useSelectedAccount } from './useSelectedAccount';
import { ToolButton } from '../../../../components/ToolButton';

/** "Trading accounts" on the client card: what the client holds and does on the platform, live. */
export function TradingPanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const canWrite = usePermission('clients.write');
  const accounts = useClientAccounts(clientId);
  const { selected, select } = useSelectedAccount(accounts.data);
  const [openModal, modal] = useDisclosure(false);

  let body;
  if (accounts.isPending)
    body = (
      <Stack gap="sm" aria-busy="true">
        <Group gap={6}>
          <Skeleton height={46} width={170} />
          <Skeleton height={46} width={170} />
        </Group>
        <Skeleton height={52} />
        <Skeleton height={200} />
      </Stack>
    );
  else if (accounts.isError)
    body = <ErrorState error={accounts.error} onRetry={() => void accounts.refetch()} />;
  else if (accounts.data.length === 0)
    body = (
      <EmptyBlock
        icon={<IconWallet size={22} />}
        title={t('trading.section.empty')}
        description={t('trading.section.emptyHint')}
      />
    );
  else
    body = (
      <Stack gap="sm">
        <AccountSwitcher accounts={accounts.data} selectedId={selected?.id} onSelect={select} />
        {selected && (
          <PanelBoundary key={selected.id}>
            <AccountDetails account={selected} />
          </PanelBoundary>
        )}
      </Stack>
    );

  return (
    <Card withBorder padding="sm" id="trading-accounts" data-testid="trading-panel">
      <Group justify="space-between" gap="xs" mb="xs">
        <Group gap={6}>
          <Title order={3} fz="md">
            {t('trading.section.title')}
          </Title>
          {accounts.data && accounts.data.length > 0 && (
            <Badge size="sm" variant="default" radius="sm">
              {accounts.data.length}
            </Badge>
          )}
        </Group>
        {canWrite && (
          <ToolButton icon={IconPlus} variant="light" onClick={modal.open} data-testid="trading-open-account">
            {t('trading.open.button')}
          </ToolButton>
        )}
      </Group>
      {body}
      {canWrite && (
        <OpenAccountModal clientId={clientId} opened={openModal} onClose={modal.close} onOpened={select} />
      )}
    </Card>
  );
}
