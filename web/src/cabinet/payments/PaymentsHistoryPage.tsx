import { Alert, Badge, Button, Card, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconArrowDownLeft, IconArrowUpRight, IconInfoCircle, IconReceipt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { PortalPaymentView } from '../../api/paymentTypes';
import { DataTable } from '../../components/DataTable';
import { EmptyBlock } from '../../components/EmptyBlock';
import { useFormatters } from '../../i18n/format';
import { NUM, PaymentStatusBadge, useMinorMoney } from '../../pages/payments/paymentFormat';
import { usePaymentsError } from '../../pages/payments/usePaymentsError';
import { useCabinetError } from '../useCabinetError';
import { useCabinetPayments } from './api';
import { PageHeader } from '../../components/PageHeader';
import { MonoText } from '../../components/MonoText';

const RETURNED: Record<string, string> = {
  succeeded: 'teal',
  pending: 'yellow',
  declined: 'red',
  cancelled: 'gray',
};
const WAITING = new Set([
  'pending',
  'awaiting_payment',
  'provider_pending',
  'needs_review',
  'requested',
  'approved_once',
  'approved',
  'payout_pending',
]);

/**
 * /cabinet/payments: the trader's own deposits and withdrawals, what is still pending first, and why
 * finance rejected one. Also where the provider's page sends the trader back (`?payment=…`).
 */
export function PaymentsHistoryPage() {
  const { t } = useTranslation();
  const toMessage = usePaymentsError(useCabinetError());
  const history = useCabinetPayments();
  const [params] = useSearchParams();
  // Only the outcomes the provider's page sends; anything else in the address is ignored.
  const returned = Object.hasOwn(RETURNED, params.get('payment') ?? '') ? params.get('payment') : null;
  const items = [...(history.data ?? [])].sort(
    (a, b) =>
      Number(WAITING.has(b.status)) - Number(WAITING.has(a.status)) || b.createdAt.localeCompare(a.createdAt),
  );

  const actions = (
    <>
      <Button
        component={Link}
        to="/cabinet/deposit"
        leftSection={<IconArrowDownLeft size={16} />}
        data-testid="cab-payments-deposit"
      >
        {t('payments.cabinet.depositTitle')}
      </Button>
      <Button
        component={Link}
        to="/cabinet/withdraw"
        variant="default"
        leftSection={<IconArrowUpRight size={16} />}
        data-testid="cab-payments-withdraw"
      >
        {t('payments.cabinet.withdrawTitle')}
      </Button>
    </>
  );

  return (
    <Stack gap="lg" data-testid="cab-payments">
      <PageHeader
        main
        title={t('payments.cabinet.historyTitle')}
        description={t('payments.cabinet.historySubtitle')}
        actions={actions}
      />
      {returned && (
        <Alert
          color={RETURNED[returned]}
          variant="light"
          icon={<IconInfoCircle size={18} />}
          data-testid="cab-payment-returned"
          data-outcome={returned}
        >
          {t(`payments.cabinet.returned.${returned}`)}
        </Alert>
      )}
      {history.isPending ? (
        <Skeleton height={200} radius="md" />
      ) : history.isError ? (
        <Alert color="red" variant="light" title={t('common.loadFailed')}>
          {toMessage(history.error)}
        </Alert>
      ) : items.length === 0 ? (
        <EmptyBlock
          icon={<IconReceipt size={22} />}
          title={t('payments.cabinet.historyEmpty')}
          description={t('payments.cabinet.historyEmptyHint')}
        />
      ) : (
        <Card withBorder radius="md" padding="xs">
          <HistoryTable items={items} />
        </Card>
      )}
    </Stack>
  );
}

function HistoryTable({ items }: { items: PortalPaymentView[] }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const minorMoney = useMinorMoney();
  return (
    <DataTable
      minWidth={760}
      testId="cab-payments-table"
      fz="sm"
      verticalSpacing={6}
      columns={[
        { label: t('payments.columns.created') },
        { label: t('payments.columns.direction') },
        { label: t('payments.cabinet.accountShort') },
        { label: t('payments.columns.system') },
        { label: t('payments.columns.amount') },
        { label: t('payments.columns.status') },
      ]}
    >
      {items.map((p) => (
        <Table.Tr key={p.id} data-testid="cab-payment-row" data-request-id={p.id} data-status={p.status}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTime(p.createdAt)}</Table.Td>
          <Table.Td>
            <Badge size="sm" radius="sm" variant="default">
              {t(`payments.direction.${p.direction}`)}
            </Badge>
          </Table.Td>
          <Table.Td>
            <MonoText>{p.login}</MonoText>
          </Table.Td>
          <Table.Td>
            {p.systemName}
            {p.reference && (
              <Text fz="xs" c="dimmed" dir="ltr">
                {t('payments.cabinet.referenceShort', { reference: p.reference })}
              </Text>
            )}
          </Table.Td>
          <Table.Td {...NUM}>
            <span dir="ltr">{minorMoney(p.amount, p.currency)}</span>
          </Table.Td>
          <Table.Td maw={320}>
            <PaymentStatusBadge status={p.status} />
            {(p.rejectReason || p.rejectNote) && (
              <Text fz="xs" c="red" mt={4} data-testid="cab-payment-reason">
                {[p.rejectReason, p.rejectNote].filter(Boolean).join(' — ')}
              </Text>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
