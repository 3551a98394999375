import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useAuditPage } from '../../../api/audit';
import type { AuditQuery } from '../../../api/types';

export interface AuditFilters {
  type: string;
  actorId: string | null;
  /** Calendar days as picked (YYYY-MM-DD), converted to instants for the API. */
  from: string | null;
  to: string | null;
}

const NO_FILTERS: AuditFilters = { type: '', actorId: null, from: null, to: null };

/** Local midnight at the start of `day`, or the last millisecond of it, as an ISO instant. */
function dayBoundary(day: string | null, end: boolean): string | null {
  if (!day) return null;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function useAuditList() {
  const [filters, setFiltersState] = useState<AuditFilters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSizeState] = useState(50);
  const [type] = useDebouncedValue(filters.type, 300);

  const query: AuditQuery = {
    type,
    actorId: filters.actorId,
    from: dayBoundary(filters.from, false),
    to: dayBoundary(filters.to, true),
    page,
    pageSize,
  };

  const result = useAuditPage(query);

  return {
    result,
    filters,
    page,
    pageSize,
    setFilters: (patch: Partial<AuditFilters>) => {
      setFiltersState((current) => ({ ...current, ...patch }));
      setPage(1);
    },
    clearFilters: () => {
      setFiltersState(NO_FILTERS);
      setPage(1);
    },
    setPage,
    setPageSize: (size: number) => {
      setPageSizeState(size);
      setPage(1);
    },
    hasFilters:
      filters.type !== '' || filters.actorId !== null || filters.from !== null || filters.to !== null,
  };
}
