import { Anchor, Badge, Drawer, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconReceiptOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { usePaymentRequest } from '../../api/payments';
import type { PaymentRequestView } from '../../api/paymentTypes';
import { DataTable } from '../../components/DataTable';
import { EmptyBlock } from '../../components/EmptyBlock';
import { ErrorState } from '../../components/ErrorState';
import { useFormatters } from '../../i18n/format';
import { NUM, PaymentStateBadges, useMinorMoney } from './paymentFormat';
import { RequestActionButtons, type ActionName } from './queue/requestActions';
import { MonoText } from '../../components/MonoText';

interface RequestDrawerProps {
  id: string | null;
  canAct: boolean;
  busy: ActionName | null;
  onAction: (row: PaymentRequestView, action: ActionName) => void;
  onClose: () => void;
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="sm" component="div" data-testid={testId}>
        {children ?? '—'}
      </Text>
    </Stack>
  );
}

/** One request in full: amounts and rate, who did what, the rejection, and its ledger entries. */
export function RequestDrawer({ id, canAct, busy, onAction, onClose }: RequestDrawerProps) {
  const { t } = useTranslation();
  const { dateTime, dateTimeSeconds } = useFormatters();
  const minorMoney = useMinorMoney();
  const detail = usePaymentRequest(id);
  const r = detail.data?.request;
  const ledger = detail.data?.ledger ?? [];

  let body: ReactNode;
  if (detail.isPending) body = <Skeleton height={300} />;
  else if (detail.isError) body = <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  else if (r)
    body = (
      <Stack gap="md" data-testid="payment-detail" data-request-id={r.id}>
        <Group justify="space-between" wrap="nowrap">
          <PaymentStateBadges status={r.status} problem={r.problem} gap={6} />
          {canAct && <RequestActionButtons row={r} busy={busy} onAction={onAction} size="xs" />}
        </Group>
        <SimpleGrid cols={2} spacing="sm" verticalSpacing="xs">
          <Field label={t('payments.columns.client')}>
            <Anchor component={Link} to={`/clients/${r.clientId}`} fz="sm">
              {r.clientName}
            </Anchor>
          </Field>
          <Field label={t('payments.columns.login')}>
            <span dir="ltr">{r.login}</span>
          </Field>
          <Field label={t('payments.columns.direction')}>{t(`payments.direction.${r.direction}`)}</Field>
          <Field label={t('payments.columns.system')}>{r.systemName}</Field>
          <Field label={t('payments.detail.requested')} testId="payment-detail-amount">
            <span dir="ltr">{minorMoney(r.amount, r.currency)}</span>
          </Field>
          <Field label={t('payments.detail.accountAmount')}>
            <span dir="ltr">{minorMoney(r.accountAmount, r.accountCurrency)}</span>
          </Field>
          <Field label={t('payments.detail.rate')}>{r.rate}</Field>
          <Field label={t('payments.detail.fee')}>
            <span dir="ltr">{minorMoney(r.fee, r.currency)}</span>
          </Field>
          {r.providerAmount !== null && (
            <Field label={t('payments.detail.providerAmount')}>
              <Text span fz="sm" c="orange" fw={600} dir="ltr">
                {minorMoney(r.providerAmount, r.currency)}
              </Text>
            </Field>
          )}
          <Field label={t('payments.detail.providerRef')}>
            {r.providerRef && <MonoText>{r.providerRef}</MonoText>}
          </Field>
          <Field label={t('payments.columns.created')}>{dateTime(r.createdAt)}</Field>
          <Field label={t('payments.detail.executedAt')}>{r.executedAt && dateTime(r.executedAt)}</Field>
        </SimpleGrid>
        {r.rejectReasonCode && (
          <Field label={t('payments.detail.rejection')} testId="payment-detail-rejection">
            <Badge size="sm" color="red" variant="light" radius="sm" me={6}>
              {r.rejectReasonCode}
            </Badge>
            {r.rejectNote}
          </Field>
        )}
        <Title order={4} fz="sm">
          {t('payments.detail.ledger')}
        </Title>
        {ledger.length === 0 ? (
          <EmptyBlock icon={<IconReceiptOff size={20} />} title={t('payments.detail.noLedger')} />
        ) : (
          <DataTable
            minWidth={520}
            testId="payment-ledger"
            fz="xs"
            verticalSpacing={2}
            columns={[
              { label: t('payments.ledger.at') },
              { label: t('payments.ledger.entry') },
              { label: t('payments.ledger.amount') },
              { label: t('payments.ledger.platformOp') },
            ]}
          >
            {ledger.map((entry) => (
              <Table.Tr key={entry.id} data-testid="payment-ledger-row" data-entry={entry.entry}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTimeSeconds(entry.at)}</Table.Td>
                <Table.Td>{t(`payments.ledgerEntry.${entry.entry}`)}</Table.Td>
                <Table.Td {...NUM} c={entry.amount < 0 ? 'red' : 'teal'}>
                  <span dir="ltr">{minorMoney(entry.amount, entry.currency)}</span>
                </Table.Td>
                <Table.Td>
                  <MonoText fz="xs">{entry.platformOpId ?? '—'}</MonoText>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Stack>
    );

  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={t('payments.detail.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {body}
    </Drawer>
  );
}
