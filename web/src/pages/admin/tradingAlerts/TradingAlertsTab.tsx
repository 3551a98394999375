import { ActionIcon, Badge, Button, Card, Group, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBellRinging, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlertRules, useDeleteAlertRule, useUpdateAlertRule } from '../../../api/trading';
import type { AlertKind, AlertRuleView } from '../../../api/tradingTypes';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { EmptyBlock } from '../../../components/EmptyBlock';
import { ErrorState } from '../../../components/ErrorState';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useTradingFormat } from '../../online/tradingFormat';
import { AlertRuleModal } from './AlertRuleModal';
import { describeRule } from './describeRule';

/** `editing`: undefined = closed, null = new rule, rule = editing it. */
type Editing = AlertRuleView | null | undefined;

const KIND_COLORS: Record<AlertKind, string> = {
  low_balance: 'orange',
  low_equity: 'orange',
  margin_call: 'red',
  stop_out: 'red',
  no_trading: 'gray',
  large_loss: 'grape',
};

/**
 * /admin/trading-alerts: the rules that watch trading accounts (low balance or equity, margin call,
 * stop-out, no trading, large loss). A fired rule flags the card, creates a task and notifies the manager.
 */
export default function TradingAlertsTab() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const { number } = useTradingFormat();
  const rules = useAlertRules();
  const toggle = useUpdateAlertRule();
  const remove = useDeleteAlertRule();
  const [editing, setEditing] = useState<Editing>(undefined);
  const [deleting, setDeleting] = useState<AlertRuleView | null>(null);

  const items = rules.data ?? [];

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text size="sm" c="dimmed" maw={760}>
          {t('online.rules.description')}
        </Text>
        <Button
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => setEditing(null)}
          data-testid="alert-rule-new"
        >
          {t('online.rules.new')}
        </Button>
      </Group>
      <Card withBorder padding="xs">
        {rules.isPending ? (
          <TableSkeleton rows={4} />
        ) : rules.isError ? (
          <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
        ) : items.length === 0 ? (
          <EmptyBlock
            icon={<IconBellRinging size={22} />}
            title={t('online.rules.emptyTitle')}
            description={t('online.rules.emptyDescription')}
          />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table data-testid="alert-rules-table" verticalSpacing={6} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('online.rules.columns.name')}</Table.Th>
                  <Table.Th>{t('online.rules.columns.kind')}</Table.Th>
                  <Table.Th>{t('online.rules.columns.accountKind')}</Table.Th>
                  <Table.Th>{t('online.rules.columns.condition')}</Table.Th>
                  <Table.Th w={80}>{t('online.rules.columns.active')}</Table.Th>
                  <Table.Th w={80} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((rule) => (
                  <Table.Tr
                    key={rule.id}
                    data-testid="alert-rule-row"
                    data-rule-id={rule.id}
                    opacity={rule.active ? 1 : 0.55}
                  >
                    <Table.Td fw={500} data-testid="alert-rule-row-name">
                      {rule.name}
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" radius="sm" tt="none" color={KIND_COLORS[rule.kind]}>
                        {t(`online.rules.kinds.${rule.kind}`, { defaultValue: rule.kind })}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text span fz="sm">
                        {t(`online.rules.accountKinds.${rule.accountKind}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td data-testid="alert-rule-row-condition">
                      {describeRule(t, rule, number)}
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        size="xs"
                        checked={rule.active}
                        disabled={toggle.isPending && toggle.variables?.id === rule.id}
                        onChange={() =>
                          toggle.mutate(
                            { id: rule.id, patch: { active: !rule.active } },
                            {
                              onError: (error) =>
                                notifications.show({
                                  color: 'red',
                                  title: t('common.error'),
                                  message: toMessage(error),
                                }),
                            },
                          )
                        }
                        aria-label={t('online.rules.fields.active')}
                        data-testid="alert-rule-row-active"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap" justify="flex-end">
                        <Tooltip label={t('common.edit')} withArrow>
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            onClick={() => setEditing(rule)}
                            aria-label={t('common.edit')}
                            data-testid="alert-rule-row-edit"
                          >
                            <IconPencil size={14} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('common.delete')} withArrow>
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="red"
                            onClick={() => setDeleting(rule)}
                            aria-label={t('common.delete')}
                            data-testid="alert-rule-row-delete"
                          >
                            <IconTrash size={14} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <AlertRuleModal
        opened={editing !== undefined}
        rule={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
      <ConfirmModal
        opened={deleting !== null}
        title={t('online.rules.deleteTitle')}
        message={t('online.rules.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        danger
        loading={remove.isPending}
        error={remove.error ? toMessage(remove.error) : null}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({ color: 'teal', message: t('online.rules.deleted') });
            },
          })
        }
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </Stack>
  );
}
