import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { usePagedFilters } from '../../../components/usePagedFilters';
import { useStaffPage } from '../../../api/staff';
import type { Role, StaffQuery, StaffSortField } from '../../../../../src/shared/contracts/identity';

export interface StaffFilters {
  search: string;
  role: Role | null;
  teamId: string | null;
  active: boolean | null;
}

const NO_FILTERS: StaffFilters = { search: '', role: null, teamId: null, active: null };

/** Filter, sort and paging state of the staff table, plus the server query it drives. */
export function useStaffList() {
  const paged = usePagedFilters<StaffFilters>(NO_FILTERS, 25);
  const { filters, page, pageSize } = paged;
  const [sort, setSort] = useState<{ field: StaffSortField; order: 'asc' | 'desc' }>({
    field: 'name',
    order: 'asc',
  });
  // Don't hit the server on every keystroke.
  const [search] = useDebouncedValue(filters.search, 300);

  const query: StaffQuery = {
    search,
    role: filters.role,
    teamId: filters.teamId,
    active: filters.active,
    sort: sort.field,
    order: sort.order,
    page,
    pageSize,
  };

  const result = useStaffPage(query);

  return {
    ...paged,
    result,
    sort,
    toggleSort: (field: StaffSortField) =>
      setSort((current) => ({
        field,
        order: current.field === field && current.order === 'asc' ? 'desc' : 'asc',
      })),
  };
}
