import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconCoin, IconStarFilled } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientPayments } from '../../../api/payments';
import { DataTable } from '../../../components/DataTable';
import { QueryCard } from '../../../components/QueryCard';
import { useFormatters } from '../../../i18n/format';
import { usePermission } from '../../../session/useSession';
import { NUM, PaymentStateBadges, ProblemBadge, useMinorMoney } from '../paymentFormat';
import { RequestDrawer } from '../RequestDrawer';

/**
 * "Payments" on the client card: the FTD, net deposits, the last deposit, trouble with a deposit, and
 * every request newest first (a row opens the request with its ledger). Live through the payments events.
 */
export function PaymentsPanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { date, dateTime } = useFormatters();
  const minorMoney = useMinorMoney();
  const payments = useClientPayments(clientId);
  const [openId, setOpenId] = useState<string | null>(null);
  const d = payments.data;

  return (
    <Card withBorder padding="sm" data-testid="payments-panel">
      <Group justify="space-between" gap="xs" mb="xs">
        <Group gap={6}>
          <Title order={3} fz="md">
            {t('payments.card.title')}
          </Title>
          {d?.ftdAt && (
            <Tooltip label={t('payments.card.ftdAt', { at: dateTime(d.ftdAt) })} withArrow>
              <Badge
                size="sm"
                color="teal"
                variant="filled"
                leftSection={<IconStarFilled size={10} />}
                data-testid="client-ftd"
              >
                {t('payments.card.ftd')}
              </Badge>
            </Tooltip>
          )}
          {d && <ProblemBadge problem={d.problem} />}
        </Group>
      </Group>
      <QueryCard
        query={payments}
        skeletonRows={3}
        empty={{
          isEmpty: (data) => data.items.length === 0,
          icon: <IconCoin size={22} />,
          title: t('payments.card.emptyTitle'),
          description: t('payments.card.emptyDescription'),
        }}
      >
        {(data) => (
          <Stack gap="xs">
            <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
              <Figure label={t('payments.card.ftdAmount')} testId="client-ftd-amount">
                {data.ftdAmount !== null ? minorMoney(data.ftdAmount, data.baseCurrency) : '—'}
              </Figure>
              <Figure label={t('payments.card.netDeposits')} testId="client-net-deposits">
                {minorMoney(data.netDeposits, data.baseCurrency)}
              </Figure>
              <Figure label={t('payments.card.lastDeposit')}>
                {data.lastDepositAt ? date(data.lastDepositAt) : '—'}
              </Figure>
            </SimpleGrid>
            <DataTable
              minWidth={640}
              maxHeight={320}
              testId="client-payments"
              fz="sm"
              verticalSpacing={4}
              highlightOnHover
              columns={[
                { label: t('payments.columns.created') },
                { label: t('payments.columns.direction') },
                { label: t('payments.columns.system') },
                { label: t('payments.columns.amount') },
                { label: t('payments.columns.status') },
              ]}
            >
              {data.items.map((p) => (
                <Table.Tr
                  key={p.id}
                  onClick={() => setOpenId(p.id)}
                  style={{ cursor: 'pointer' }}
                  data-testid="client-payment-row"
                  data-status={p.status}
                >
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(p.createdAt)}</Table.Td>
                  <Table.Td>{t(`payments.direction.${p.direction}`)}</Table.Td>
                  <Table.Td>{p.systemName}</Table.Td>
                  <Table.Td {...NUM}>
                    <span dir="ltr">{minorMoney(p.amount, p.currency)}</span>
                  </Table.Td>
                  <Table.Td>
                    <PaymentStateBadges status={p.status} problem={p.problem} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          </Stack>
        )}
      </QueryCard>
      <PanelDrawer openId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}

/** The card only shows a request; acting on it is the finance queue's job. */
function PanelDrawer({ openId, onClose }: { openId: string | null; onClose: () => void }) {
  const canRead = usePermission('payments.read');
  if (!canRead) return null;
  return (
    <RequestDrawer id={openId} canAct={false} busy={null} onAction={() => undefined} onClose={onClose} />
  );
}

function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="sm" fw={600} dir="ltr" data-testid={testId}>
        {children}
      </Text>
    </Stack>
  );
}
