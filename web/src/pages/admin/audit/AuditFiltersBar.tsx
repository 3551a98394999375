import { Autocomplete, Button, Group, Select } from '@mantine/core';
import { DatePickerInput, DatesProvider } from '@mantine/dates';
import { IconCalendar, IconFilter, IconX } from '@tabler/icons-react';
import 'dayjs/locale/ar';
import 'dayjs/locale/id';
import 'dayjs/locale/ru';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../i18n/format';
import { useStaffOptions } from '../../../api/staff';
import type { AuditFilters } from './useAuditList';

/** Common event families; the field also accepts any other prefix or full type. */
const TYPE_PREFIXES = ['auth.', 'staff.', 'team.', 'settings.', 'mfa.', 'session.'];

interface AuditFiltersBarProps {
  filters: AuditFilters;
  onChange: (patch: Partial<AuditFilters>) => void;
  onClear: () => void;
  hasFilters: boolean;
}

export function AuditFiltersBar({ filters, onChange, onClear, hasFilters }: AuditFiltersBarProps) {
  const { t, i18n } = useTranslation();
  const { pickedDates } = useFormatters();
  const actors = useStaffOptions();

  return (
    <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
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
        <Select
          size="xs"
          w={220}
          placeholder={t('audit.filters.anyActor')}
          aria-label={t('audit.filters.actor')}
          data={actors.data ?? []}
          value={filters.actorId}
          onChange={(value) => onChange({ actorId: value })}
          clearable
          searchable
          data-testid="audit-filter-actor"
        />
        <DatePickerInput
          size="xs"
          w={150}
          leftSection={<IconCalendar size={14} />}
          placeholder={t('audit.filters.from')}
          valueFormatter={pickedDates}
          aria-label={t('audit.filters.from')}
          value={filters.from}
          onChange={(value) => onChange({ from: value })}
          maxDate={filters.to ?? undefined}
          clearable
          data-testid="audit-filter-from"
        />
        <DatePickerInput
          size="xs"
          w={150}
          leftSection={<IconCalendar size={14} />}
          placeholder={t('audit.filters.to')}
          valueFormatter={pickedDates}
          aria-label={t('audit.filters.to')}
          value={filters.to}
          onChange={(value) => onChange({ to: value })}
          minDate={filters.from ?? undefined}
          clearable
          data-testid="audit-filter-to"
        />
        {hasFilters && (
          <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>
            {t('common.clearFilters')}
          </Button>
        )}
      </Group>
    </DatesProvider>
  );
}
