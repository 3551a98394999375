import { useState } from 'react';

/** What a filter bar takes: the filters, a patch to change some, and clearing them all. */
export interface FilterBarProps<F> {
  filters: F;
  onChange: (patch: Partial<F>) => void;
  onClear: () => void;
  hasFilters: boolean;
}

/**
 * Filters and paging of a server-paged list kept in the component: any filter or page-size change
 * starts again from the first page. `bar` goes straight to the list's filter bar.
 */
export function usePagedFilters<F extends object>(noFilters: F, initialPageSize: number) {
  const [filters, setFiltersState] = useState<F>(noFilters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSizeState] = useState(initialPageSize);

  const setFilters = (patch: Partial<F>) => {
    setFiltersState((current) => ({ ...current, ...patch }));
    setPage(1);
  };
  const clearFilters = () => {
    setFiltersState(noFilters);
    setPage(1);
  };
  const hasFilters = (Object.keys(noFilters) as (keyof F)[]).some((key) => filters[key] !== noFilters[key]);
  const bar: FilterBarProps<F> = { filters, onChange: setFilters, onClear: clearFilters, hasFilters };

  return {
    filters,
    page,
    pageSize,
    setFilters,
    clearFilters,
    setPage,
    setPageSize: (size: number) => {
      setPageSizeState(size);
      setPage(1);
    },
    hasFilters,
    bar,
  };
}
