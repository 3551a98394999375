/**
 * Paging shared by every list: the query's `page` and `pageSize` (`pagingQuery` in primitives.ts
 * parses them) and the answer's `items` with the `total` the filter matches.
 */
export interface Paging {
  page: number;
  pageSize: number;
}

/** A page of a list and how many rows the whole filter matches. */
export interface Paged<T> {
  items: T[];
  total: number;
}

/** Rows to skip before the requested page. */
export const pageOffset = (p: Paging): number => (p.page - 1) * p.pageSize;
