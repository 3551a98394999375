import { Card, Group, Select, Stack, TagsInput, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconMailCheck, IconUserPlus, IconUserShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../../src/shared/contracts/clients';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useFormatters } from '../../../i18n/format';
import { OnlineIndicator } from '../../online/OnlineIndicator';
import { usePermission } from '../../../session/useSession';
import { AssignModal } from '../AssignModal';
import { ClientStatusBadge } from '../components/ClientStatusBadge';
import { useSalesStatuses } from '../useSalesStatuses';
import { RegisterCabinetModal } from './RegisterCabinetModal';
import { TradingAlertsBadge } from './trading/TradingAlerts';
import { useClientUpdate } from '../../../api/clients';
import { Notice } from '../../../components/Notice';
import { ToolButton } from '../../../components/ToolButton';
import { CallButton } from '../../telephony/CallButton';

/** Who the client is, where they stand, who owns them, and the card's main actions. */
export function CardHeader({ client }: { client: Client }) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const { relative, dateTime } = useFormatters();
  const canWrite = usePermission('clients.write');
  const canAssign = usePermission('clients.assign');
  const salesStatuses = useSalesStatuses();
  const update = useClientUpdate(client.id);
  const [assignOpened, assignModal] = useDisclosure(false);
  const [cabinetOpened, cabinetModal] = useDisclosure(false);
  const [emailedTo, setEmailedTo] = useState<string | null>(null);

  const save = (patch: Parameters<typeof update.mutate>[0]) =>
    update.mutate(patch, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved'), autoClose: 2000 }),
      onError: (error) =>
        notifications.show({ color: 'red', title: t('common.error'), message: toMessage(error) }),
    });

  const salesOptions = salesStatuses.items.map((status) => ({ value: status.key, label: status.label }));
  // A status that was removed from the list still shows on clients that have it.
  if (client.salesStatus && !salesOptions.some((option) => option.value === client.salesStatus))
    salesOptions.push({ value: client.salesStatus, label: client.salesStatus });

  const canRegister = canWrite && client.status === 'lead' && !client.login;

  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Group gap="xs" wrap="nowrap">
              <OnlineIndicator
                clientId={client.id}
                onlineSince={client.onlineSince}
                live={client.status === 'live'}
                size={12}
              />
              <Title order={2} fz="xl" data-testid="client-name" style={{ overflowWrap: 'anywhere' }}>
                {client.name}
              </Title>
              <Tooltip
                label={t('clients.card.statusSince', { when: dateTime(client.statusChangedAt) })}
                withArrow
              >
                <ClientStatusBadge status={client.status} size="md" data-testid="client-status" />
              </Tooltip>
              <TradingAlertsBadge clientId={client.id} />
            </Group>
            <Group gap="md" wrap="wrap">
              <Text size="sm" c="dimmed">
                {t('clients.card.manager')}:{' '}
                <Text span c="var(--mantine-color-text)" fw={500} data-testid="client-manager">
                  {client.managerName ?? t('clients.noManager')}
                </Text>
              </Text>
              <Text size="sm" c="dimmed" title={dateTime(client.createdAt) ?? undefined}>
                {t('clients.card.createdAgo', { when: relative(client.createdAt) })}
              </Text>
            </Group>
          </Stack>
          <Group gap="xs">
            {client.phone && (
              <CallButton target={{ clientId: client.id }} name={client.name} data-testid="client-call" />
            )}
            {canRegister && client.email && (
              <ToolButton
                icon={IconUserPlus}
                onClick={cabinetModal.open}
                data-testid="client-register-cabinet"
              >
                {t('clients.cabinet.button')}
              </ToolButton>
            )}
            {canAssign && (
              <ToolButton
                icon={IconUserShare}
                variant="default"
                onClick={assignModal.open}
                data-testid="client-reassign"
              >
                {t('clients.card.reassign')}
              </ToolButton>
            )}
          </Group>
        </Group>

        {canRegister && !client.email && (
          <Text size="xs" c="dimmed" data-testid="client-register-needs-email">
            {t('clients.cabinet.needsEmail')}
          </Text>
        )}
        {emailedTo && (
          <Notice
            color="teal"
            icon={IconMailCheck}
            compact
            withCloseButton
            onClose={() => setEmailedTo(null)}
            data-testid="client-cabinet-done"
          >
            {t('clients.cabinet.done', { email: emailedTo })}
          </Notice>
        )}

        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            size="xs"
            w={220}
            label={t('clients.fields.salesStatus')}
            data={salesOptions}
            value={client.salesStatus}
            onChange={(value) => value && value !== client.salesStatus && save({ salesStatus: value })}
            allowDeselect={false}
            disabled={!canWrite || (update.isPending && update.variables?.salesStatus !== undefined)}
            data-testid="client-sales-status"
          />
          <TagsInput
            size="xs"
            style={{ flex: 1, minWidth: 240 }}
            label={t('clients.fields.tags')}
            placeholder={canWrite ? t('clients.card.addTag') : undefined}
            value={client.tags}
            onChange={(tags) => save({ tags })}
            maxTags={20}
            readOnly={!canWrite}
            clearable={canWrite}
            acceptValueOnBlur={false}
            data-testid="client-tags"
          />
        </Group>
      </Stack>

      {canAssign && (
        <AssignModal
          opened={assignOpened}
          clientIds={[client.id]}
          clientName={client.name}
          currentManagerId={client.managerId}
          onClose={assignModal.close}
        />
      )}
      {canRegister && client.email && (
        <RegisterCabinetModal
          client={client}
          opened={cabinetOpened}
          onClose={cabinetModal.close}
          onRegistered={(email) => {
            setEmailedTo(email);
            notifications.show({ color: 'teal', message: t('clients.cabinet.done', { email }) });
          }}
        />
      )}
    </Card>
  );
}
