import { Badge, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBellRinging } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlertRules, useDeleteAlertRule, useUpdateAlertRule } from '../../../api/trading';
import type { AlertKind } from '../../../../../src/shared/trading';
import type { AlertRuleView } from '../../../../../src/shared/contracts/trading';
import { AddButton } from '../../../components/AddButton';
import { ConfirmDeleteModal } from '../../../components/ConfirmDeleteModal';
import { DataTable } from '../../../components/DataTable';
import { QueryCard } from '../../../components/QueryCard';
import { RowActions } from '../../../components/RowActions';
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

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Text size="sm" c="dimmed" maw={760}>
          {t('online.rules.description')}
        </Text>
        <AddButton label={t('online.rules.new')} onClick={() => setEditing(null)} testId="alert-rule-new" />
      </Group>
      <QueryCard
        query={rules}
        skeletonRows={4}
        empty={{
          isEmpty: (data) => data.length === 0,
          icon: <IconBellRinging size={22} />,
          title: t('online.rules.emptyTitle'),
          description: t('online.rules.emptyDescription'),
        }}
      >
        {(items) => (
          <DataTable
            minWidth={820}
            testId="alert-rules-table"
            verticalSpacing={6}
            fz="sm"
            columns={[
              { label: t('online.rules.columns.name') },
              { label: t('online.rules.columns.kind') },
              { label: t('online.rules.columns.accountKind') },
              { label: t('online.rules.columns.condition') },
              { label: t('online.rules.columns.active'), w: 80 },
              { w: 80 },
            ]}
          >
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
                <Table.Td data-testid="alert-rule-row-condition">{describeRule(t, rule, number)}</Table.Td>
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
                  <RowActions
                    onEdit={() => setEditing(rule)}
                    onDelete={() => setDeleting(rule)}
                    testIdPrefix="alert-rule-row"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryCard>

      <AlertRuleModal
        opened={editing !== undefined}
        rule={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
      <ConfirmDeleteModal
        item={deleting}
        title={t('online.rules.deleteTitle')}
        message={t('online.rules.deleteConfirm', { name: deleting?.name ?? '' })}
        mutation={remove}
        onConfirm={(rule) =>
          remove.mutate(rule.id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({ color: 'teal', message: t('online.rules.deleted') });
            },
          })
        }
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
