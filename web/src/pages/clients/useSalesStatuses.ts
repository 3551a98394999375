import { useCallback } from 'react';
import { useSalesStatusesQuery } from '../../api/clients';

/** The configurable sales statuses, plus a key → label lookup that tolerates removed keys. */
export function useSalesStatuses() {
  const query = useSalesStatusesQuery();
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
