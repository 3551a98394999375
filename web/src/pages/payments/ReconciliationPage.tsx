import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay, IconScaleOutline } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useReconciliation, useRunReconciliation } from '../../api/payments';
import { DataTable } from '../../components/DataTable';
import { QueryCard } from '../../components/QueryCard';
import { ToolButton } from '../../components/ToolButton';
import { useErrorMessage } from '../../components/useErrorMessage';
import { usePaymentsError } from './usePaymentsError';
import { useFormatters } from '../../i18n/format';
import { usePermission } from '../../session/useSession';
import { NUM, useMinorMoney } from './paymentFormat';
import { MonoText } from '../../components/MonoText';

/**
 * /payments/reconciliation: the ledger against the platform's balance operations, per account. Every
 * difference is listed; the daily job runs the same comparison and alerts finance.
 */
export default function ReconciliationPage() {
  const { t } = useTranslation();
  const toMessage = usePaymentsError(useErrorMessage());
  const { dateTime } = useFormatters();
  const minorMoney = useMinorMoney();
  const canRun = usePermission('payments.execute');
  const report = useReconciliation();
  const run = useRunReconciliation({
    onSuccess: (data) =>
      notifications.show({
        color: data.run?.differences.length ? 'yellow' : 'teal',
        message: t('payments.recon.ran', { count: data.run?.differences.length ?? 0 }),
      }),
    onError: (error) => notifications.show({ color: 'red', message: toMessage(error) }),
  });
  const last = report.data?.run ?? null;

  return (
    <Stack gap="sm" data-testid="page-reconciliation">
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed" data-testid="recon-last-run">
          {last
            ? t('payments.recon.lastRun', {
                at: dateTime(last.finishedAt ?? last.startedAt),
                accounts: last.accountsChecked,
                differences: last.differences.length,
              })
            : t('payments.recon.never')}
        </Text>
        {canRun && (
          <ToolButton
            icon={IconPlayerPlay}
            variant="light"
            loading={run.isPending}
            onClick={() => run.mutate()}
            data-testid="recon-run"
          >
            {t('payments.recon.run')}
          </ToolButton>
        )}
      </Group>
      <QueryCard
        query={report}
        skeletonRows={5}
        empty={{
          isEmpty: (data) => !data.run?.differences.length,
          icon: <IconScaleOutline size={22} />,
          title: t('payments.recon.emptyTitle'),
          description: last ? t('payments.recon.emptyDescription') : t('payments.recon.emptyNever'),
        }}
      >
        {(data) => (
          <DataTable
            minWidth={720}
            testId="recon-table"
            fz="sm"
            verticalSpacing={4}
            columns={[
              { label: t('payments.columns.login') },
              { label: t('payments.columns.client') },
              { label: t('payments.recon.ledger') },
              { label: t('payments.recon.platform') },
              { label: t('payments.recon.difference') },
              { label: t('payments.recon.oneSided') },
            ]}
          >
            {(data.run?.differences ?? []).map((d) => (
              <Table.Tr key={`${d.login}:${d.currency}`} data-testid="recon-row" data-login={d.login}>
                <Table.Td>
                  <MonoText>{d.login}</MonoText>
                </Table.Td>
                <Table.Td>
                  {d.clientId ? (
                    <Anchor component={Link} to={`/clients/${d.clientId}`} fz="sm">
                      {d.clientName ?? t('payments.recon.openClient')}
                    </Anchor>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td {...NUM}>
                  <span dir="ltr">{minorMoney(d.ledgerAmount, d.currency)}</span>
                </Table.Td>
                <Table.Td {...NUM}>
                  <span dir="ltr">{minorMoney(d.platformAmount, d.currency)}</span>
                </Table.Td>
                <Table.Td {...NUM} c="red" fw={600} data-testid="recon-difference">
                  <span dir="ltr">{minorMoney(d.difference, d.currency)}</span>
                </Table.Td>
                <Table.Td maw={320}>
                  {[
                    ...d.missingOnPlatform.map((op) => t('payments.recon.missingOnPlatform', { op })),
                    ...d.missingInLedger.map((op) => t('payments.recon.missingInLedger', { op })),
                  ].map((line) => (
                    <Text key={line} fz="xs" ff="monospace" dir="ltr" truncate="end">
                      {line}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryCard>
    </Stack>
  );
}
