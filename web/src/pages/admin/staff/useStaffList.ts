import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useStaffPage } from '../../../api/staff';
import type { Role, StaffQuery, StaffSortField } from '../../../api/types';

export interface StaffFilters {
  search: string;
  role: Role | null;
  teamId: string | null;
  active: boolean | null;
}

const NO_FILTERS: StaffFilters = { search: '', role: null, teamId: null, active: null };

/** Filter, sort and paging state of the staff table, plus the server query it drives. */
export function useStaffList() {
  const [filters, setFiltersState] = useState<StaffFilters>(NO_FILTERS);
  const [sort, setSort] = useState<{ field: StaffSortField; order: 'asc' | 'desc' }>({
    field: 'name',
    order: 'asc',
  });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSizeState] = useState(25);
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
    result,
    filters,
    sort,
    page,
    pageSize,
    // Any filter or size change starts again from the first page.
    setFilters: (patch: Partial<StaffFilters>) => {
      setFiltersState((current) => ({ ...current, ...patch }));
      setPage(1);
    },
    clearFilters: () => {
      setFiltersState(NO_FILTERS);
      setPage(1);
    },
    toggleSort: (field: StaffSortField) =>
      setSort((current) => ({
        field,
        order: current.field === field && current.order === 'asc' ? 'desc' : 'asc',
      })),
    setPage,
    setPageSize: (size: number) => {
      setPageSizeState(size);
      setPage(1);
    },
    hasFilters:
      filters.search !== '' || filters.role !== null || filters.teamId !== null || filters.active !== null,
  };
}
