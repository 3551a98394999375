import { Badge, Group, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingBank } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePaymentSystems, useToggleSystem } from '../../../api/payments';
import type { PaymentSystemView } from '../../../api/paymentTypes';
import { AddButton } from '../../../components/AddButton';
import { DataTable } from '../../../components/DataTable';
import { QueryCard } from '../../../components/QueryCard';
import { RowActions } from '../../../components/RowActions';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { usePaymentsError } from '../usePaymentsError';
import { NUM, useMinorMoney } from '../paymentFormat';
import { PaymentSettingsCard } from './PaymentSettingsCard';
import { SystemFormModal } from './SystemFormModal';

/** undefined = closed, null = creating, a system = editing it. */
type Editing = PaymentSystemView | null | undefined;

/** Admin → Payment systems: what traders may pay with, per currency and country, and the queue's settings. */
export default function PaymentSystemsTab() {
  const { t } = useTranslation();
  const toMessage = usePaymentsError(useErrorMessage());
  const minorMoney = useMinorMoney();
  const systems = usePaymentSystems();
  const [editing, setEditing] = useState<Editing>(undefined);
  const toggle = useToggleSystem({
    onError: (error) => notifications.show({ color: 'red', message: toMessage(error) }),
  });
  const newButton = (
    <AddButton label={t('payments.systems.new')} onClick={() => setEditing(null)} testId="system-new" />
  );

  return (
    <Stack gap="sm" data-testid="payment-systems">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('payments.systems.hint')}
        </Text>
        {newButton}
      </Group>
      <QueryCard
        query={systems}
        skeletonRows={4}
        empty={{
          isEmpty: (data) => data.length === 0,
          icon: <IconBuildingBank size={22} />,
          title: t('payments.systems.emptyTitle'),
          description: t('payments.systems.emptyDescription'),
          action: newButton,
        }}
      >
        {(data) => (
          <DataTable
            minWidth={980}
            testId="systems-table"
            fz="sm"
            verticalSpacing={4}
            highlightOnHover
            columns={[
              { label: t('payments.systems.order'), w: 60 },
              { label: t('payments.systems.name') },
              { label: t('payments.systems.kind') },
              { label: t('payments.systems.currencies') },
              { label: t('payments.systems.countries') },
              { label: t('payments.systems.limits') },
              { label: t('payments.systems.fees') },
              { label: t('payments.systems.enabled') },
              { label: <VisuallyHidden>{t('payments.columns.actions')}</VisuallyHidden>, w: 70 },
            ]}
          >
            {[...data]
              .sort((a, b) => a.sortOrder - b.sortOrder)
              .map((s) => {
                const unit = s.currencies[0] ?? 'USD';
                return (
                  <Table.Tr key={s.id} data-testid="system-row" data-system-id={s.id}>
                    <Table.Td {...NUM}>{s.sortOrder}</Table.Td>
                    <Table.Td fw={500}>{s.name}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Badge
                          size="sm"
                          radius="sm"
                          variant="light"
                          color={s.kind === 'manual' ? 'gray' : 'blue'}
                        >
                          {t(`payments.kind.${s.kind}`)}
                        </Badge>
                        <Text span fz="xs" c="dimmed">
                          {t(`payments.method.${s.method}`)}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td dir="ltr">{s.currencies.join(', ')}</Table.Td>
                    <Table.Td dir="ltr">
                      {s.countries.length ? s.countries.join(', ') : t('payments.systems.allCountries')}
                    </Table.Td>
                    <Table.Td {...NUM}>
                      <span dir="ltr">
                        {s.maxAmount === null
                          ? t('payments.cabinet.minOnly', { min: minorMoney(s.minAmount, unit) })
                          : `${minorMoney(s.minAmount, unit)} – ${minorMoney(s.maxAmount, unit)}`}
                      </span>
                    </Table.Td>
                    <Table.Td {...NUM}>
                      <span dir="ltr">
                        {s.feePercent / 100}% + {minorMoney(s.feeFixed, unit)}
                      </span>
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        size="xs"
                        checked={s.enabled}
                        aria-label={t('payments.systems.enabledFor', { name: s.name })}
                        onChange={(e) => toggle.mutate({ system: s, enabled: e.currentTarget.checked })}
                        data-testid="system-enabled"
                      />
                    </Table.Td>
                    <Table.Td>
                      <RowActions onEdit={() => setEditing(s)} testIdPrefix="system" />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
          </DataTable>
        )}
      </QueryCard>
      <PaymentSettingsCard />
      <SystemFormModal
        opened={editing !== undefined}
        system={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
    </Stack>
  );
}
