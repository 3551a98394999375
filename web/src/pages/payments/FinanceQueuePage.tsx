import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBolt, IconCheck, IconCoinOff, IconX } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useBulkPaymentAction,
  usePaymentAction,
  usePaymentRequests,
  usePaymentSettings,
} from '../../api/payments';
import type { PaymentListQuery, PaymentRequestView, RejectInput } from '../../api/paymentTypes';
import { DEFAULT_STUCK_PENDING_MINUTES, OPEN_PAYMENT_STATUSES } from '../../api/paymentValues';
import { PagedQueryCard } from '../../components/QueryCard';
import { useErrorMessage } from '../../components/useErrorMessage';
import { usePaymentsError } from './usePaymentsError';
import { usePagedFilters } from '../../components/usePagedFilters';
import { usePermission } from '../../session/useSession';
import { QueueFilters, NO_QUEUE_FILTERS, type QueueFilterValues } from './queue/QueueFilters';
import { QueueTable, type QueueSort } from './queue/QueueTable';
import { RejectModal } from './queue/RejectModal';
import type { ActionName } from './queue/requestActions';
import { RequestDrawer } from './RequestDrawer';

function toQuery(
  filters: QueueFilterValues,
  sort: QueueSort,
  page: number,
  pageSize: number,
): PaymentListQuery {
  return {
    status: filters.status === 'open' ? OPEN_PAYMENT_STATUSES.join(',') : filters.status,
    direction: filters.direction,
    systemId: filters.systemId,
    problem: filters.problem,
    olderThanMinutes: filters.age ? Number(filters.age) : null,
    ...sort,
    page,
    pageSize,
  };
}

/** Every system the queue has shown in this visit, so its filter can offer them by name. */
function useSeenSystems(items: PaymentRequestView[] | undefined) {
  const seen = useRef(new Map<string, string>());
  return useMemo(() => {
    for (const row of items ?? []) seen.current.set(row.systemId, row.systemName);
    return [...seen.current].map(([value, label]) => ({ value, label }));
  }, [items]);
}

/** Who is being rejected: one row, or the bulk selection. */
type Rejecting = { ids: string[]; row: PaymentRequestView | null } | null;

/**
 * /payments: the finance queue. Oldest waiting first; payment events refresh it live (the payments
 * prefix in realtime/invalidation.ts), so two finance users see each other's work without a reload.
 */
export default function FinanceQueuePage() {
  const { t } = useTranslation();
  const toMessage = usePaymentsError(useErrorMessage());
  const canAct = usePermission('payments.execute');
  const paged = usePagedFilters<QueueFilterValues>(NO_QUEUE_FILTERS, 50);
  const [sort, setSort] = useState<QueueSort>({ sort: 'createdAt', order: 'asc' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<Rejecting>(null);
  const [busy, setBusy] = useState<{ id: string; action: ActionName } | null>(null);
  const settings = usePaymentSettings();
  const stuckMinutes = settings.data?.stuckPendingMinutes ?? DEFAULT_STUCK_PENDING_MINUTES;
  const requests = usePaymentRequests(toQuery(paged.filters, sort, paged.page, paged.pageSize));
  const seenSystems = useSeenSystems(requests.data?.items);

  const done = (message: string) => {
    notifications.show({ color: 'teal', message });
    setRejecting(null);
  };
  const single = usePaymentAction({
    onSuccess: (_data, vars) => done(t(`payments.done.${vars.action}`)),
    // A refused reject stays in its dialog (the error lands there); the others say why in a toast.
    onError: (error, vars) =>
      vars.action !== 'reject' && notifications.show({ color: 'red', message: toMessage(error) }),
    onSettled: () => setBusy(null),
  });
  const bulk = useBulkPaymentAction({
    onSuccess: (answer) => {
      const ok = answer.results.filter((r) => r.ok).length;
      const failed = answer.results.length - ok;
      notifications.show({
        color: failed ? 'yellow' : 'teal',
        message: t('payments.bulk.result', { ok, failed }),
      });
      setSelected(new Set());
      setRejecting(null);
    },
    onError: (error, vars) =>
      vars.action !== 'reject' && notifications.show({ color: 'red', message: toMessage(error) }),
  });

  const onAction = (row: PaymentRequestView, action: ActionName) => {
    if (action === 'reject') return setRejecting({ ids: [row.id], row });
    setBusy({ id: row.id, action });
    single.mutate({ action, row });
  };
  const onReject = (input: RejectInput) => {
    if (!rejecting) return;
    if (rejecting.row) {
      setBusy({ id: rejecting.row.id, action: 'reject' });
      single.mutate({ action: 'reject', row: rejecting.row, input });
    } else bulk.mutate({ action: 'reject', ids: rejecting.ids, ...input });
  };
  const onSelect = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const onSort = (field: QueueSort['sort']) =>
    setSort((current) => ({
      sort: field,
      order: current.sort === field && current.order === 'asc' ? 'desc' : 'asc',
    }));
  const rejectError = rejecting?.row ? single.error : bulk.error;

  return (
    <Stack gap="sm" data-testid="page-payments">
      <Group justify="space-between" align="flex-end" gap="xs">
        <QueueFilters {...paged.bar} seenSystems={seenSystems} />
        <Group gap={4}>
          <IconBolt size={14} color="var(--mantine-color-yellow-6)" />
          <Text size="xs" c="dimmed">
            {t('payments.queue.live')}
          </Text>
        </Group>
      </Group>
      {canAct && selected.size > 0 && (
        <Group gap="xs" data-testid="payments-bulk-bar">
          <Text size="sm" fw={500}>
            {t('payments.bulk.selected', { count: selected.size })}
          </Text>
          <Button
            size="xs"
            leftSection={<IconCheck size={14} />}
            loading={bulk.isPending && bulk.variables?.action === 'execute'}
            onClick={() => bulk.mutate({ action: 'execute', ids: [...selected] })}
            data-testid="payments-bulk-execute"
          >
            {t('payments.bulk.execute')}
          </Button>
          <Button
            size="xs"
            color="red"
            variant="light"
            leftSection={<IconX size={14} />}
            onClick={() => setRejecting({ ids: [...selected], row: null })}
            data-testid="payments-bulk-reject"
          >
            {t('payments.bulk.reject')}
          </Button>
          <Button size="xs" variant="subtle" color="gray" onClick={() => setSelected(new Set())}>
            {t('payments.bulk.clear')}
          </Button>
        </Group>
      )}
      <PagedQueryCard
        query={requests}
        pager={paged}
        empty={{
          icon: <IconCoinOff size={22} />,
          title: t('payments.queue.emptyTitle'),
          description: paged.hasFilters
            ? t('payments.queue.emptyFiltered')
            : t('payments.queue.emptyDescription'),
        }}
      >
        {(data) => (
          <QueueTable
            rows={data.items}
            sort={sort}
            onSort={onSort}
            selected={selected}
            onSelect={onSelect}
            stuckMinutes={stuckMinutes}
            canAct={canAct}
            busy={busy}
            onAction={onAction}
            onOpen={(row) => setOpenId(row.id)}
          />
        )}
      </PagedQueryCard>
      <RequestDrawer
        id={openId}
        canAct={canAct}
        busy={busy && busy.id === openId ? busy.action : null}
        onAction={onAction}
        onClose={() => setOpenId(null)}
      />
      <RejectModal
        count={rejecting?.ids.length ?? 0}
        loading={single.isPending || bulk.isPending}
        error={rejectError}
        toMessage={toMessage}
        onSubmit={onReject}
        onClose={() => setRejecting(null)}
      />
    </Stack>
  );
}
