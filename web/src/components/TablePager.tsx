import { Group, Pagination, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const PAGE_SIZES = [25, 50, 100] as const;

interface TablePagerProps {
  page: number;
  pageSize: number;
  total: number;
  /** The total is an estimate (very large result sets): shown with "≈". */
  estimate?: boolean;
  onPage: (page: number) => void;
  /** Omit to hide the page-size selector (fixed-size lists). */
  onPageSize?: (pageSize: number) => void;
}

/** A list's paging as its state hook holds it. */
export interface PagerState {
  page: number;
  pageSize: number;
  setPage: (page: number) => void;
  setPageSize: (size: number) => void;
}

/** The pager of a list whose paging state is a `PagerState`. */
export function ListPager({
  pager,
  total,
  estimate,
}: {
  pager: PagerState;
  total: number;
  estimate?: boolean;
}) {
  return (
    <TablePager
      page={pager.page}
      pageSize={pager.pageSize}
      total={total}
      estimate={estimate}
      onPage={pager.setPage}
      onPageSize={pager.setPageSize}
    />
  );
}

/** Total count, rows-per-page selector and page links under a table. */
export function TablePager({ page, pageSize, total, estimate, onPage, onPageSize }: TablePagerProps) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Group justify="space-between" gap="sm" pt="xs">
      <Group gap="md">
        <Text size="sm" c="dimmed" data-testid="table-total">
          {estimate ? t('common.totalEstimate', { count: total }) : t('common.total', { count: total })}
        </Text>
        {onPageSize && (
          <Group gap={6}>
            <Text size="sm" c="dimmed">
              {t('common.rowsPerPage')}
            </Text>
            <Select
              size="xs"
              w={80}
              aria-label={t('common.rowsPerPage')}
              data={PAGE_SIZES.map(String)}
              value={String(pageSize)}
              allowDeselect={false}
              onChange={(value) => value && onPageSize(Number(value))}
              data-testid="page-size"
            />
          </Group>
        )}
      </Group>
      <Pagination
        size="sm"
        total={pages}
        value={Math.min(page, pages)}
        onChange={onPage}
        withEdges={pages > 5}
        // The arrow buttons show only an icon: name them.
        getControlProps={(control) => ({ 'aria-label': t(`common.pager.${control}`) })}
      />
    </Group>
  );
}
