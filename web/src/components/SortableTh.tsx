import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { SortOrder } from '../../../src/shared/contracts/common';

interface SortableThProps<F extends string> {
  field: F;
  sort: F;
  order: SortOrder;
  onSort: (field: F) => void;
  children: ReactNode;
}

/** Table header cell that toggles server-side sorting when clicked. */
export function SortableTh<F extends string>({ field, sort, order, onSort, children }: SortableThProps<F>) {
  const active = field === sort;
  const Icon = active ? (order === 'asc' ? IconChevronUp : IconChevronDown) : IconSelector;
  return (
    <Table.Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} p={0}>
      <UnstyledButton onClick={() => onSort(field)} px="xs" py={6} w="100%" data-sort-field={field}>
        <Group gap={4} wrap="nowrap" justify="space-between">
          <Text fw={600} fz="sm" span>
            {children}
          </Text>
          <Icon size={14} stroke={1.5} opacity={active ? 1 : 0.5} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
