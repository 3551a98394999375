import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Column {
  label?: ReactNode;
  w?: number;
}

interface DataTableProps extends Omit<TableProps, 'children'> {
  minWidth: number;
  testId: string;
  columns: Column[];
  children: ReactNode;
}

/** A scrollable table with a plain header row; the rows are the children. */
export function DataTable({ minWidth, testId, columns, children, ...tableProps }: DataTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table data-testid={testId} {...tableProps}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column, index) => (
              <Table.Th key={index} w={column.w}>
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
