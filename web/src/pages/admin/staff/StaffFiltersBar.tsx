import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../api/types';
import { useTeams } from '../../../api/teams';
import { ClearFiltersButton, SearchFilter, SelectFilter } from '../../../components/filters';
import type { FilterBarProps } from '../../../components/usePagedFilters';
import { useRoleOptions } from './options';
import type { StaffFilters } from './useStaffList';

type StaffFiltersBarProps = FilterBarProps<StaffFilters>;

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
      <SearchFilter
        w={240}
        label={t('staff.filters.search')}
        value={filters.search}
        onChange={(event) => onChange({ search: event.currentTarget.value })}
        testId="staff-filter-search"
      />
      <SelectFilter
        w={180}
        placeholder={t('staff.filters.allRoles')}
        label={t('staff.filters.role')}
        data={roleOptions}
        value={filters.role}
        onChange={(value) => onChange({ role: value as Role | null })}
        testId="staff-filter-role"
      />
      <SelectFilter
        w={180}
        placeholder={t('staff.filters.allTeams')}
        label={t('staff.filters.team')}
        data={teamOptions}
        value={filters.teamId}
        onChange={(value) => onChange({ teamId: value })}
        searchable
        testId="staff-filter-team"
      />
      <SelectFilter
        w={140}
        placeholder={t('staff.filters.anyStatus')}
        label={t('staff.filters.status')}
        data={statusOptions}
        value={filters.active === null ? null : String(filters.active)}
        onChange={(value) => onChange({ active: value === null ? null : value === 'true' })}
        testId="staff-filter-active"
      />
      {hasFilters && <ClearFiltersButton onClick={onClear} />}
    </Group>
  );
}
