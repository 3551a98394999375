import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/queryKeys';
import { staffApi } from '../../../api/staff';

/** Staff as select options (team lead picker, audit actor filter). */
export function useStaffOptions() {
  return useQuery({
    queryKey: queryKeys.staffOptions,
    queryFn: () => staffApi.list({ sort: 'name', order: 'asc', page: 1, pageSize: 100 }),
    select: (data) =>
      data.items.map((staff) => ({ value: staff.id, label: `${staff.name} · ${staff.email}` })),
    staleTime: 60_000,
  });
}
