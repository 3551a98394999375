import { Table } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../../../src/shared/contracts/trading';
import { EmptyBlock } from '../../../../components/EmptyBlock';
import { ErrorState } from '../../../../components/ErrorState';
import { ListPager, type PagerState } from '../../../../components/TablePager';
import { TableSkeleton } from '../../../../components/TableSkeleton';

/** `setPageSize` also goes back to page 1. */
export type Paging = PagerState;

/** Page state of a paged trading table (25 rows, page 1 after a page-size change). */
export function usePaging(): Paging {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  return {
    page,
    pageSize,
    setPage,
    setPageSize: (size) => {
      setPageSize(size);
      setPage(1);
    },
  };
}

/** Figure columns line up at the end of their cells (right in LTR, left in RTL). */
const FIGURE_COLUMNS = new Set([
  'volume',
  'price',
  'openPrice',
  'currentPrice',
  'stopLoss',
  'takeProfit',
  'commission',
  'swap',
  'profit',
  'amount',
  'openedAt',
]);

interface TradingTableProps<Row> {
  /** A plain list (positions) or a page of rows (deals, balance operations). */
  query: UseQueryResult<Row[]> | UseQueryResult<Page<Row>>;
  skeletonRows: number;
  empty: { icon: ReactNode; title: string };
  minWidth: number;
  testId: string;
  /** The header, as keys under `trading.columns`. */
  columns: string[];
  /** One `<Table.Tr key=…>` per row. */
  row: (row: Row) => ReactNode;
  foot?: (rows: Row[]) => ReactNode;
  /** Paged lists: the pager under the table. */
  paging?: Paging;
}

/**
 * The frame the account's tables share: skeleton while loading, error with retry, empty block, then
 * the compact table (dimmed while the next page loads) and, for paged lists, the pager.
 */
export function TradingTable<Row>({
  query,
  skeletonRows,
  empty,
  minWidth,
  testId,
  columns,
  row,
  foot,
  paging,
}: TradingTableProps<Row>) {
  const { t } = useTranslation();
  if (query.isPending) return <TableSkeleton rows={skeletonRows} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const rows = Array.isArray(data) ? data : data.items;
  if (rows.length === 0) return <EmptyBlock icon={empty.icon} title={empty.title} />;

  const table = (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table
        verticalSpacing={3}
        horizontalSpacing="xs"
        fz="xs"
        highlightOnHover
        opacity={query.isPlaceholderData ? 0.6 : 1}
        data-testid={testId}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((key) => (
              <Table.Th key={key} ta={FIGURE_COLUMNS.has(key) ? 'end' : undefined}>
                {t(`trading.columns.${key}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{rows.map(row)}</Table.Tbody>
        {foot && <Table.Tfoot>{foot(rows)}</Table.Tfoot>}
      </Table>
    </Table.ScrollContainer>
  );
  if (!paging) return table;
  return (
    <>
      {table}
      <ListPager pager={paging} total={Array.isArray(data) ? data.length : data.total} />
    </>
  );
}
