import { Anchor, Badge, Checkbox, Group, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import type { Client, ClientSortField } from '../../../api/clientTypes';
import type { SortOrder } from '../../../api/types';
import { SortableTh } from '../../../components/SortableTh';
import { useFormatters } from '../../../i18n/format';
import { OnlineIndicator } from '../../online/OnlineIndicator';
import { ClientStatusBadge } from '../components/ClientStatusBadge';
import { CountryCode } from '../components/CountryCode';

interface ClientsTableProps {
  rows: Client[];
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
export function ClientsTable({ rows, sort, order, onSort, salesStatusLabel, selection }: ClientsTableProps) {
  const { t } = useTranslation();
  const { date, dateTime, languageName } = useFormatters();
  const navigate = useNavigate();
  // The card's "back" link returns to this exact filtered list.
  const { search } = useLocation();
  const linkState = { listSearch: search };
  const th = { sort, order, onSort };
  const selectedOnPage = selection ? rows.filter((row) => selection.selected.has(row.id)).length : 0;

  return (
    <Table.ScrollContainer minWidth={1100} maxHeight="calc(100vh - 290px)">
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
            <Table.Th w={18} p={0} aria-label={t('clients.list.online')} />
            <SortableTh field="name" {...th}>
              {t('clients.columns.name')}
            </SortableTh>
            <SortableTh field="status" {...th}>
              {t('clients.columns.status')}
            </SortableTh>
            <SortableTh field="salesStatus" {...th}>
              {t('clients.columns.salesStatus')}
            </SortableTh>
            <SortableTh field="country" {...th}>
              {t('clients.columns.country')}
            </SortableTh>
            <Table.Th>{t('clients.columns.language')}</Table.Th>
            <SortableTh field="manager" {...th}>
              {t('clients.columns.manager')}
            </SortableTh>
            <Table.Th>{t('clients.columns.source')}</Table.Th>
            <Table.Th>{t('clients.columns.tags')}</Table.Th>
            <SortableTh field="createdAt" {...th}>
              {t('clients.columns.created')}
            </SortableTh>
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
                <Table.Td p={0} ta="center">
                  <OnlineIndicator
                    clientId={client.id}
                    onlineSince={client.onlineSince}
                    live={client.status === 'live'}
                  />
                </Table.Td>
                <Table.Td maw={260}>
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
                  >
                    {client.name}
                  </Anchor>
                  <Text fz="xs" c="dimmed" truncate="end" dir="ltr" ta="start">
                    {client.email ?? client.phone ?? ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ClientStatusBadge status={client.status} data-testid="client-row-status" />
                </Table.Td>
                <Table.Td>
                  <Text span fz="sm" data-testid="client-row-sales-status">
                    {salesStatusLabel(client.salesStatus)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CountryCode code={client.country} />
                </Table.Td>
                <Table.Td>
                  {client.language ? (
                    <Tooltip label={languageName(client.language)} withArrow openDelay={300}>
                      <Badge size="sm" variant="default" radius="sm" tt="uppercase">
                        {client.language}
                      </Badge>
                    </Tooltip>
                  ) : (
                    <Text span c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text
                    span
                    fz="sm"
                    c={client.managerName ? undefined : 'dimmed'}
                    data-testid="client-row-manager"
                  >
                    {client.managerName ?? t('clients.noManager')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text span fz="sm" c="dimmed">
                    {client.source}
                  </Text>
                </Table.Td>
                <Table.Td maw={200}>
                  <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
                    {client.tags.slice(0, 3).map((tag) => (
                      <Badge key={tag} size="xs" variant="outline" color="gray" radius="sm" tt="none">
                        {tag}
                      </Badge>
                    ))}
                    {client.tags.length > 3 && (
                      <Tooltip label={client.tags.slice(3).join(', ')} withArrow>
                        <Text span fz="xs" c="dimmed">
                          +{client.tags.length - 3}
                        </Text>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={dateTime(client.createdAt)} withArrow openDelay={300}>
                    <Text span fz="sm" style={{ whiteSpace: 'nowrap' }}>
                      {date(client.createdAt)}
                    </Text>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
