import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePaymentSystems } from '../../../api/payments';
import {
  PAYMENT_DIRECTIONS,
  PAYMENT_PROBLEMS,
  PAYMENT_STATUSES,
  type PaymentDirection,
  type PaymentProblem,
  type PaymentStatus,
} from '../../../api/paymentValues';
import { ClearFiltersButton, SelectFilter } from '../../../components/filters';
import type { FilterBarProps } from '../../../components/usePagedFilters';
import { usePermission } from '../../../session/useSession';

export interface QueueFilterValues {
  /** 'open' = every status still waiting for someone (the default view). */
  status: PaymentStatus | 'open' | null;
  direction: PaymentDirection | null;
  systemId: string | null;
  problem: PaymentProblem | null;
  /** Older than this many minutes. */
  age: string | null;
}

export const NO_QUEUE_FILTERS: QueueFilterValues = {
  status: 'open',
  direction: null,
  systemId: null,
  problem: null,
  age: null,
};

const AGES = ['15', '60', '240', '1440'] as const;

interface QueueFiltersProps extends FilterBarProps<QueueFilterValues> {
  /** Systems seen in the queue so far: the choice for those who may not read the systems list. */
  seenSystems: { value: string; label: string }[];
}

export function QueueFilters({ filters, onChange, onClear, hasFilters, seenSystems }: QueueFiltersProps) {
  const { t } = useTranslation();
  const isAdmin = usePermission('settings.write');
  const systems = usePaymentSystems(isAdmin);
  const systemOptions = isAdmin
    ? (systems.data ?? []).map((s) => ({ value: s.id, label: s.name }))
    : seenSystems;
  return (
    <Group gap="xs" wrap="wrap">
      <SelectFilter
        w={190}
        label={t('payments.filters.status')}
        placeholder={t('payments.filters.anyStatus')}
        data={[
          { value: 'open', label: t('payments.filters.open') },
          ...PAYMENT_STATUSES.map((s) => ({ value: s, label: t(`payments.status.${s}`) })),
        ]}
        value={filters.status}
        onChange={(value) => onChange({ status: value as QueueFilterValues['status'] })}
        testId="payments-filter-status"
      />
      <SelectFilter
        w={150}
        label={t('payments.filters.direction')}
        placeholder={t('payments.filters.anyDirection')}
        data={PAYMENT_DIRECTIONS.map((d) => ({ value: d, label: t(`payments.direction.${d}`) }))}
        value={filters.direction}
        onChange={(value) => onChange({ direction: value as PaymentDirection | null })}
        testId="payments-filter-direction"
      />
      <SelectFilter
        w={190}
        label={t('payments.filters.system')}
        placeholder={t('payments.filters.anySystem')}
        data={systemOptions}
        value={filters.systemId}
        onChange={(value) => onChange({ systemId: value })}
        searchable
        testId="payments-filter-system"
      />
      <SelectFilter
        w={190}
        label={t('payments.filters.problem')}
        placeholder={t('payments.filters.anyProblem')}
        data={PAYMENT_PROBLEMS.map((p) => ({ value: p, label: t(`payments.problem.${p}`) }))}
        value={filters.problem}
        onChange={(value) => onChange({ problem: value as PaymentProblem | null })}
        testId="payments-filter-problem"
      />
      <SelectFilter
        w={170}
        label={t('payments.filters.age')}
        placeholder={t('payments.filters.anyAge')}
        data={AGES.map((minutes) => ({ value: minutes, label: t(`payments.filters.olderThan.${minutes}`) }))}
        value={filters.age}
        onChange={(value) => onChange({ age: value })}
        testId="payments-filter-age"
      />
      {hasFilters && <ClearFiltersButton onClick={onClear} testId="payments-filters-clear" />}
    </Group>
  );
}
