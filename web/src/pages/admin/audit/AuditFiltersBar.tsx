import { Autocomplete, Group } from '@mantine/core';
import { IconFilter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useStaffOptions } from '../../../api/staff';
import { ClearFiltersButton, DateFilter, LocalDates, SelectFilter } from '../../../components/filters';
import type { FilterBarProps } from '../../../components/usePagedFilters';
import type { AuditFilters } from './useAuditList';

/** Common event families; the field also accepts any other prefix or full type. */
const TYPE_PREFIXES = ['auth.', 'staff.', 'team.', 'settings.', 'mfa.', 'session.'];

type AuditFiltersBarProps = FilterBarProps<AuditFilters>;

export function AuditFiltersBar({ filters, onChange, onClear, hasFilters }: AuditFiltersBarProps) {
  const { t } = useTranslation();
  const actors = useStaffOptions();

  return (
    <LocalDates>
      <Group gap="xs" wrap="wrap">
        <Autocomplete
          size="xs"
          w={200}
          leftSection={<IconFilter size={14} />}
          placeholder={t('audit.filters.typePlaceholder')}
          aria-label={t('audit.filters.type')}
          data={TYPE_PREFIXES}
          value={filters.type}
          onChange={(value) => onChange({ type: value })}
          dir="ltr"
          data-testid="audit-filter-type"
        />
        <SelectFilter
          w={220}
          placeholder={t('audit.filters.anyActor')}
          label={t('audit.filters.actor')}
          data={actors.data ?? []}
          value={filters.actorId}
          onChange={(value) => onChange({ actorId: value })}
          searchable
          testId="audit-filter-actor"
        />
        {(['from', 'to'] as const).map((end) => (
          <DateFilter
            key={end}
            w={150}
            label={t(`audit.filters.${end}`)}
            value={filters[end]}
            onChange={(value) => onChange({ [end]: value })}
            // Each end of the range cannot pass the other.
            {...(end === 'from'
              ? { maxDate: filters.to ?? undefined }
              : { minDate: filters.from ?? undefined })}
            testId={`audit-filter-${end}`}
          />
        ))}
        {hasFilters && <ClearFiltersButton onClick={onClear} />}
      </Group>
    </LocalDates>
  );
}
