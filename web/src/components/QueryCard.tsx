import { Card, LoadingOverlay } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyBlock } from './EmptyBlock';
import { ErrorState } from './ErrorState';
import { ListPager, type PagerState } from './TablePager';
import { TableSkeleton } from './TableSkeleton';

export interface EmptyState {
  icon: ReactNode;
  title: string;
  description: string;
  action?: ReactNode;
}

interface QueryCardProps<T> {
  query: UseQueryResult<T>;
  skeletonRows?: number;
  /** Shown instead of the content when `isEmpty` says the answer has nothing to list. */
  empty?: EmptyState & { isEmpty: (data: T) => boolean };
  /** Paged lists keep the last page on screen, dimmed, while the next one loads. */
  overlay?: boolean;
  /** Below the content, whenever there is an answer (a pager). */
  footer?: (data: T) => ReactNode;
  children: (data: T) => ReactNode;
}

/** The card around an admin list: skeleton while loading, the error with a retry, the empty state, the list. */
export function QueryCard<T>({ query, skeletonRows, empty, overlay, footer, children }: QueryCardProps<T>) {
  return (
    <Card withBorder padding="xs" pos={overlay ? 'relative' : undefined}>
      {query.isPending ? (
        <TableSkeleton rows={skeletonRows} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : empty?.isEmpty(query.data) ? (
        <EmptyBlock
          icon={empty.icon}
          title={empty.title}
          description={empty.description}
          action={empty.action}
        />
      ) : overlay ? (
        <>
          <LoadingOverlay
            visible={query.isPlaceholderData}
            overlayProps={{ blur: 0, backgroundOpacity: 0.3 }}
            loaderProps={{ size: 'sm' }}
          />
          {children(query.data)}
        </>
      ) : (
        children(query.data)
      )}
      {query.data !== undefined && footer?.(query.data)}
    </Card>
  );
}

/** A server-paged list in a card: empty when the page has no items, the pager below. */
export function PagedQueryCard<T extends { items: unknown[]; total: number }>({
  query,
  pager,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  pager: PagerState;
  empty: EmptyState;
  children: (data: T) => ReactNode;
}) {
  return (
    <QueryCard
      query={query}
      overlay
      empty={{ ...empty, isEmpty: (data) => data.items.length === 0 }}
      footer={(data) => <ListPager pager={pager} total={data.total} />}
    >
      {children}
    </QueryCard>
  );
}
