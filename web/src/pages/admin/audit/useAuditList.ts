import { useDebouncedValue } from '@mantine/hooks';
import { usePagedFilters } from '../../../components/usePagedFilters';
import { useAuditPage } from '../../../api/audit';
import type { AuditQuery } from '../../../../../src/shared/contracts/activity';

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
  const paged = usePagedFilters<AuditFilters>(NO_FILTERS, 50);
  const { filters, page, pageSize } = paged;
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

  return { ...paged, result };
}
