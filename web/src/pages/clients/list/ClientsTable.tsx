import { Anchor, Checkbox, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import type { ClientListColumn } from '../../../../../src/shared/client-list';
import type { ClientListItem, ClientSortField } from '../../../../../src/shared/contracts/clients';
import type { SortOrder } from '../../../../../src/shared/contracts/common';
import { SortableTh } from '../../../components/SortableTh';
import { ClientCell, COLUMN_SORT, useColumnLabel } from './clientColumns';
import { CallButton } from '../../telephony/CallButton';

interface ClientsTableProps {
  rows: ClientListItem[];
  /** The columns this person chose (the name is always shown). */
  columns: ClientListColumn[];
  sort: ClientSortField;
  order: SortOrder;
  onSort: (field: ClientSortField) => void;
  salesStatusLabel: (key: string) => string;
  /** Row selection for bulk actions; omitted when the viewer has no bulk action. */
  selection?: {
    selected: Set<string>;
    toggle: (id: string) => void;
    setAll: (checked: boolean) => void;
  };
}

/** Dense client list: one line per client, the whole row opens the card. */
export function ClientsTable({
  rows,
  columns,
  sort,
  order,
  onSort,
  salesStatusLabel,
  selection,
}: ClientsTableProps) {
  const { t } = useTranslation();
  const labelOf = useColumnLabel();
  const navigate = useNavigate();
  // The card's "back" link returns to this exact filtered list.
  const { search } = useLocation();
  const linkState = { listSearch: search };
  const th = { sort, order, onSort };
  const selectedOnPage = selection ? rows.filter((row) => selection.selected.has(row.id)).length : 0;
  const online = columns.includes('online');
  const rest = columns.filter((column) => column !== 'online');
  // Roughly 100 px a column, so a wide choice scrolls sideways instead of squeezing.
  const minWidth = Math.max(700, 320 + rest.length * 100);

  const header = (column: ClientListColumn) => {
    const field = COLUMN_SORT[column];
    if (field)
      return (
        <SortableTh key={column} field={field} {...th}>
          {labelOf(column)}
        </SortableTh>
      );
    if (column === 'balance' || column === 'equity' || column === 'marginLevel')
      return (
        <Table.Th key={column} ta="end">
          <Tooltip label={t('workview.columns.notSortable')} withArrow openDelay={300}>
            <span>{labelOf(column)}</span>
          </Tooltip>
        </Table.Th>
      );
    return <Table.Th key={column}>{labelOf(column)}</Table.Th>;
  };

  return (
    <Table.ScrollContainer minWidth={minWidth} maxHeight="calc(100vh - 290px)">
      <Table data-testid="clients-table" highlightOnHover stickyHeader verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            {selection && (
              <Table.Th w={32}>
                <Checkbox
                  size="xs"
                  aria-label={t('clients.list.selectAll')}
                  checked={rows.length > 0 && selectedOnPage === rows.length}
                  indeterminate={selectedOnPage > 0 && selectedOnPage < rows.length}
                  onChange={(event) => selection.setAll(event.currentTarget.checked)}
                  data-testid="clients-select-all"
                />
              </Table.Th>
            )}
            {online && <Table.Th w={18} p={0} aria-label={t('clients.list.online')} />}
            <SortableTh field="name" {...th}>
              {t('clients.columns.name')}
            </SortableTh>
            {rest.map(header)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((client) => {
            const open = () => navigate(`/clients/${client.id}`, { state: linkState });
            const checked = selection?.selected.has(client.id) ?? false;
            return (
              <Table.Tr
                key={client.id}
                data-testid="client-row"
                data-client-id={client.id}
                bg={checked ? 'var(--mantine-primary-color-light)' : undefined}
                style={{ cursor: 'pointer' }}
                onClick={(event) => {
                  // Let real links and the checkbox do their own thing.
                  if ((event.target as HTMLElement).closest('a, input, button, label')) return;
                  open();
                }}
              >
                {selection && (
                  <Table.Td>
                    <Checkbox
                      size="xs"
                      aria-label={t('clients.list.selectRow', { name: client.name })}
                      checked={checked}
                      onChange={() => selection.toggle(client.id)}
                      data-testid="client-row-select"
                    />
                  </Table.Td>
                )}
                {online && <ClientCell column="online" client={client} salesStatusLabel={salesStatusLabel} />}
                <Table.Td maw={260}>
                  <Group gap={4} wrap="nowrap">
                    <Anchor
                      component={Link}
                      to={`/clients/${client.id}`}
                      state={linkState}
                      fz="sm"
                      fw={500}
                      c="var(--mantine-color-text)"
                      truncate="end"
                      display="block"
                      data-testid="client-row-name"
                      style={{ flex: 1, minWidth: 0 }}
                    >
                      {client.name}
                    </Anchor>
                    {client.phone && (
                      <CallButton
                        target={{ clientId: client.id }}
                        name={client.name}
                        variant="icon"
                        data-testid="client-row-call"
                      />
                    )}
                  </Group>
                  <Text fz="xs" c="dimmed" truncate="end" dir="ltr" ta="start">
                    {client.email ?? client.phone ?? ''}
                  </Text>
                </Table.Td>
                {rest.map((column) => (
                  <ClientCell
                    key={column}
                    column={column}
                    client={client}
                    salesStatusLabel={salesStatusLabel}
                  />
                ))}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
