import { Anchor, Badge, Checkbox, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PaymentRequestView, PaymentSortField } from '../../../api/paymentTypes';
import { SortableTh } from '../../../components/SortableTh';
import { useFormatters } from '../../../i18n/format';
import { useNow } from '../../online/tradingFormat';
import { AgeText, NUM, PaymentStateBadges, useMinorMoney } from '../paymentFormat';
import { actionsFor, RequestActionButtons, type ActionName } from './requestActions';
import { MonoText } from '../../../components/MonoText';

export interface QueueSort {
  sort: PaymentSortField;
  order: 'asc' | 'desc';
}

interface QueueTableProps {
  rows: PaymentRequestView[];
  sort: QueueSort;
  onSort: (field: PaymentSortField) => void;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  stuckMinutes: number;
  canAct: boolean;
  busy: { id: string; action: ActionName } | null;
  onAction: (row: PaymentRequestView, action: ActionName) => void;
  onOpen: (row: PaymentRequestView) => void;
}

/** The finance queue: one dense line per request, oldest waiting first by default. */
export function QueueTable(props: QueueTableProps) {
  const { rows, sort, onSort, selected, onSelect, stuckMinutes, canAct, busy, onAction, onOpen } = props;
  const { t } = useTranslation();
  const { date, dateTime } = useFormatters();
  const minorMoney = useMinorMoney();
  const now = useNow(30_000);
  // Bulk execute/reject is for deposits finance can still act on (withdrawals go one by one: approvals).
  const bulkable = (row: PaymentRequestView) =>
    row.direction === 'deposit' && actionsFor(row).includes('execute');
  const selectable = rows.filter(bulkable).map((row) => row.id);
  const allOn = selectable.length > 0 && selectable.every((id) => selected.has(id));
  const someOn = selectable.some((id) => selected.has(id));
  const th = (field: PaymentSortField, label: string) => (
    <SortableTh field={field} sort={sort.sort} order={sort.order} onSort={onSort}>
      {label}
    </SortableTh>
  );

  return (
    <Table.ScrollContainer minWidth={1040}>
      <Table data-testid="payments-table" highlightOnHover stickyHeader verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            {canAct && (
              <Table.Th w={36}>
                <Checkbox
                  size="xs"
                  aria-label={t('payments.queue.selectAll')}
                  checked={allOn}
                  indeterminate={someOn && !allOn}
                  disabled={selectable.length === 0}
                  onChange={(event) => onSelect(selectable, event.currentTarget.checked)}
                  data-testid="payments-select-all"
                />
              </Table.Th>
            )}
            {th('createdAt', t('payments.columns.age'))}
            <Table.Th>{t('payments.columns.client')}</Table.Th>
            <Table.Th>{t('payments.columns.direction')}</Table.Th>
            <Table.Th>{t('payments.columns.system')}</Table.Th>
            <Table.Th>{t('payments.columns.login')}</Table.Th>
            {th('amount', t('payments.columns.amount'))}
            {th('status', t('payments.columns.status'))}
            <Table.Th>
              <VisuallyHidden>{t('payments.columns.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const open = actionsFor(row).length > 0;
            return (
              <Table.Tr
                key={row.id}
                data-testid="payment-row"
                data-request-id={row.id}
                data-status={row.status}
                onClick={() => onOpen(row)}
                style={{ cursor: 'pointer' }}
              >
                {canAct && (
                  <Table.Td onClick={(event) => event.stopPropagation()}>
                    <Checkbox
                      size="xs"
                      aria-label={t('payments.queue.select', { name: row.clientName })}
                      checked={selected.has(row.id)}
                      disabled={!bulkable(row)}
                      onChange={(event) => onSelect([row.id], event.currentTarget.checked)}
                      data-testid="payment-select"
                    />
                  </Table.Td>
                )}
                <Table.Td data-testid="payment-age">
                  <Tooltip label={dateTime(row.createdAt)} withArrow openDelay={300}>
                    <span>
                      {open ? (
                        <AgeText since={row.createdAt} now={now} stuckMinutes={stuckMinutes} />
                      ) : (
                        <Text span fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {date(row.createdAt)}
                        </Text>
                      )}
                    </span>
                  </Tooltip>
                </Table.Td>
                <Table.Td maw={220}>
                  <Anchor
                    component={Link}
                    to={`/clients/${row.clientId}`}
                    fz="sm"
                    fw={500}
                    c="var(--mantine-color-text)"
                    truncate="end"
                    onClick={(event) => event.stopPropagation()}
                  >
                    {row.clientName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" radius="sm" variant="default">
                    {t(`payments.direction.${row.direction}`)}
                  </Badge>
                </Table.Td>
                <Table.Td maw={160}>
                  <Text span fz="sm" truncate="end" title={row.systemName}>
                    {row.systemName}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <MonoText>{row.login}</MonoText>
                </Table.Td>
                <Table.Td {...NUM} data-testid="payment-amount">
                  <Text span fz="sm" fw={500} dir="ltr">
                    {minorMoney(row.amount, row.currency)}
                  </Text>
                  {row.accountAmount !== null && row.accountCurrency !== row.currency && (
                    <Text fz="xs" c="dimmed" dir="ltr">
                      {minorMoney(row.accountAmount, row.accountCurrency)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <PaymentStateBadges status={row.status} problem={row.problem} />
                </Table.Td>
                <Table.Td>
                  {canAct && (
                    <RequestActionButtons
                      row={row}
                      busy={busy?.id === row.id ? busy.action : null}
                      onAction={onAction}
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
