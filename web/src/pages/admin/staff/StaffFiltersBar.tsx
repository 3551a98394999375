import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types';
import { useTeams } from '../../../api/teams';
import { useRoleOptions } from './options';
import type { StaffFilters } from './useStaffList';

interface StaffFiltersBarProps {
  filters: StaffFilters;
  onChange: (patch: Partial<StaffFilters>) => void;
  onClear: () => void;
  hasFilters: boolean;
}

export function StaffFiltersBar({ filters, onChange, onClear, hasFilters }: StaffFiltersBarProps) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const teams = useTeams();
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  const statusOptions = [
    { value: 'true', label: t('common.active') },
    { value: 'false', label: t('common.inactive') },
  ];

  return (
    <Group gap="xs" wrap="wrap">
      <TextInput
        size="xs"
        w={240}
        leftSection={<IconSearch size={14} />}
        placeholder={t('staff.filters.search')}
        aria-label={t('staff.filters.search')}
        value={filters.search}
        onChange={(event) => onChange({ search: event.currentTarget.value })}
        data-testid="staff-filter-search"
      />
      <Select
        size="xs"
        w={180}
        placeholder={t('staff.filters.allRoles')}
        aria-label={t('staff.filters.role')}
        data={roleOptions}
        value={filters.role}
        onChange={(value) => onChange({ role: value as Role | null })}
        clearable
        data-testid="staff-filter-role"
      />
      <Select
        size="xs"
        w={180}
        placeholder={t('staff.filters.allTeams')}
        aria-label={t('staff.filters.team')}
        data={teamOptions}
        value={filters.teamId}
        onChange={(value) => onChange({ teamId: value })}
        clearable
        searchable
        data-testid="staff-filter-team"
      />
      <Select
        size="xs"
        w={140}
        placeholder={t('staff.filters.anyStatus')}
        aria-label={t('staff.filters.status')}
        data={statusOptions}
        value={filters.active === null ? null : String(filters.active)}
        onChange={(value) => onChange({ active: value === null ? null : value === 'true' })}
        clearable
        data-testid="staff-filter-active"
      />
      {hasFilters && (
        <Button size="xs" variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={onClear}>
          {t('common.clearFilters')}
        </Button>
      )}
    </Group>
  );
}
