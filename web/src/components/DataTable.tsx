import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Column {
  label?: ReactNode;
  w?: number;
  /** `end` for a column of numbers. */
  ta?: 'start' | 'end';
}

interface DataTableProps extends Omit<TableProps, 'children'> {
  minWidth: number;
  /** Scroll inside the table past this height (the header stays). */
  maxHeight?: number | string;
  testId: string;
  columns: Column[];
  children: ReactNode;
}

/** A scrollable table with a plain header row; the rows are the children. */
export function DataTable({ minWidth, maxHeight, testId, columns, children, ...tableProps }: DataTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth} maxHeight={maxHeight}>
      <Table data-testid={testId} {...tableProps}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (
              <Table.Th key={index} w={column.w} ta={column.ta}>
                {column.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
