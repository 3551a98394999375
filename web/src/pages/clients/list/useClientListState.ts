import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useClientList } from '../../../api/clients';
import { CLIENT_FILTER_KEYS } from '../../../../../src/shared/client-list';
import type {
  ClientFilters,
  ClientListQuery,
  ClientSortField,
} from '../../../../../src/shared/contracts/clients';
import { PAGE_SIZES } from '../../../components/TablePager';

const SORT_FIELDS: ClientSortField[] = [
  'createdAt',
  'name',
  'status',
  'salesStatus',
  'country',
  'manager',
  'updatedAt',
  'phone',
  // First click ascending: the clients nobody has talked to for longest (or ever) come first.
  'lastContact',
  'ftd',
  'netDeposits',
  'lastDeposit',
];
export const DEFAULT_SORT: { sort: ClientSortField; order: 'asc' | 'desc' } = {
  sort: 'createdAt',
  order: 'desc',
};
const DEFAULT_PAGE_SIZE = 50;

/** Keys a saved view stores: the filters and the sort. */
const VIEW_KEYS = [...CLIENT_FILTER_KEYS, 'sort', 'order'] as const;

/** Local midnight at the start of `day` (YYYY-MM-DD), or the last millisecond of it, as an ISO instant. */
function dayBoundary(day: string | undefined, end: boolean): string | undefined {
  if (!day) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day; // already an instant (e.g. from an old view)
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Lists travel as comma-separated strings, exactly as the API takes them. */
export const splitList = (value: string | undefined): string[] =>
  value
    ? value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : [];
export const joinList = (values: string[]): string | undefined =>
  values.length ? values.join(',') : undefined;

/**
 * The client list's filters, sort and page live in the URL, so a filtered
 * list can be bookmarked, shared, reloaded, saved as a view and exported as is.
 */
export function useClientListState(include?: string) {
  const [params, setParams] = useSearchParams();

  const filters = useMemo(() => {
    const out: ClientFilters = {};
    for (const key of CLIENT_FILTER_KEYS) {
      const value = params.get(key);
      if (value) out[key] = value;
    }
    return out;
  }, [params]);

  const sortParam = params.get('sort') as ClientSortField | null;
  const sort: ClientSortField = sortParam && SORT_FIELDS.includes(sortParam) ? sortParam : DEFAULT_SORT.sort;
  const order: 'asc' | 'desc' =
    params.get('order') === 'asc' ? 'asc' : params.get('order') === 'desc' ? 'desc' : DEFAULT_SORT.order;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const sizeParam = Number(params.get('pageSize'));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : DEFAULT_PAGE_SIZE;

  /** Filters as the API wants them: calendar days become instants in the viewer's time zone. */
  const apiFilters: ClientFilters = useMemo(
    () => ({
      ...filters,
      createdFrom: dayBoundary(filters.createdFrom, false),
      createdTo: dayBoundary(filters.createdTo, true),
    }),
    [filters],
  );

  const query: ClientListQuery = { ...apiFilters, include, sort, order, page, pageSize };
  const result = useClientList(query);

  const update = useCallback(
    (patch: Record<string, string | undefined | null>, keepPage = false) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === null || value === '') next.delete(key);
            else next.set(key, value);
          }
          // Any change of filters or size starts again from the first page.
          if (!keepPage) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setFilters = useCallback((patch: Partial<ClientFilters>) => update(patch), [update]);

  /** Replaces all filters and the sort at once (applying a saved view, clearing). */
  const replaceView = useCallback(
    (view: Record<string, string>) => {
      setParams(
        (current) => {
          const next = new URLSearchParams();
          const size = current.get('pageSize');
          if (size) next.set('pageSize', size);
          for (const key of VIEW_KEYS) {
            const value = view[key];
            if (typeof value === 'string' && value) next.set(key, value);
          }
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  /** What a saved view stores: current filters and a non-default sort. */
  const currentView = useMemo(() => {
    const view: Record<string, string> = {};
    for (const [key, value] of Object.entries(filters)) if (value) view[key] = value;
    if (sort !== DEFAULT_SORT.sort || order !== DEFAULT_SORT.order) {
      view.sort = sort;
      view.order = order;
    }
    return view;
  }, [filters, sort, order]);

  return {
    result,
    filters,
    apiFilters,
    sort,
    order,
    page,
    pageSize,
    setFilters,
    replaceView,
    currentView,
    hasFilters: Object.keys(filters).length > 0,
    toggleSort: (field: ClientSortField) =>
      update({
        sort: field,
        order:
          sort === field
            ? order === 'asc'
              ? 'desc'
              : 'asc'
            : field === 'createdAt' || field === 'updatedAt'
              ? 'desc'
              : 'asc',
      }),
    setPage: (next: number) => update({ page: next > 1 ? String(next) : undefined }, true),
    setPageSize: (size: number) =>
      update({ pageSize: size === DEFAULT_PAGE_SIZE ? undefined : String(size) }),
  };
}
