import { Group } from '@mantine/core';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../../src/shared/contracts/identity';
import { useTeamOptions } from '../../../api/teams';
import { ClearFiltersButton, SearchFilter, SelectFilter } from '../../../components/filters';
import type { FilterBarProps } from '../../../components/usePagedFilters';
import { useRoleOptions } from './options';
import type { StaffFilters } from './useStaffList';

type StaffFiltersBarProps = FilterBarProps<StaffFilters>;

export function StaffFiltersBar({ filters, onChange, onClear, hasFilters }: StaffFiltersBarProps) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const teamOptions = useTeamOptions();
  const statusOptions = [
    { value: 'true', label: t('common.active') },
    { value: 'false', label: t('common.inactive') },
  ];

  // Role, team and status: one select each; empty means any.
  const selects: (Omit<ComponentProps<typeof SelectFilter>, 'onChange'> & {
    set: (chosen: string | null) => Partial<StaffFilters>;
  })[] = [
    {
      testId: 'staff-filter-role',
      w: 180,
      placeholder: t('staff.filters.allRoles'),
      label: t('staff.filters.role'),
      data: roleOptions,
      value: filters.role,
      set: (value) => ({ role: value as Role | null }),
    },
    {
      testId: 'staff-filter-team',
      w: 180,
      placeholder: t('staff.filters.allTeams'),
      label: t('staff.filters.team'),
      data: teamOptions,
      value: filters.teamId,
      set: (value) => ({ teamId: value }),
      searchable: true,
    },
    {
      testId: 'staff-filter-active',
      w: 140,
      placeholder: t('staff.filters.anyStatus'),
      label: t('staff.filters.status'),
      data: statusOptions,
      value: filters.active === null ? null : String(filters.active),
      set: (value) => ({ active: value === null ? null : value === 'true' }),
    },
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
      {selects.map(({ set, ...props }) => (
        <SelectFilter key={props.testId} {...props} onChange={(value) => onChange(set(value))} />
      ))}
      {hasFilters && <ClearFiltersButton onClick={onClear} />}
    </Group>
  );
}
