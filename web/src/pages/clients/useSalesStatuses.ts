import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { clientsApi } from '../../api/clients';
import { queryKeys } from '../../api/queryKeys';

/** The configurable sales statuses, plus a key → label lookup that tolerates removed keys. */
export function useSalesStatuses() {
  const query = useQuery({
    queryKey: queryKeys.salesStatuses,
    queryFn: clientsApi.salesStatuses,
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
  const items = query.data;
  const labelOf = useCallback(
    (key: string | null | undefined) => {
      if (!key) return '';
      return items?.find((status) => status.key === key)?.label ?? key;
    },
    [items],
  );
  return { query, items: items ?? [], labelOf };
}
