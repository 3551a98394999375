import { Badge, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ClientListColumn } from '../../../../../src/shared/client-list';
import type { ClientListItem, ClientSortField } from '../../../../../src/shared/contracts/clients';
import { useFormatters } from '../../../i18n/format';
import { OnlineIndicator } from '../../online/OnlineIndicator';
import { ClientStatusBadge } from '../components/ClientStatusBadge';
import { CountryCode } from '../components/CountryCode';
import { HintText } from '../../../components/HintText';
import { PaymentCell } from '../../payments/card/PaymentCell';

/**
 * The sort of each sortable column. The trading figures and the next task are not sortable: they come
 * from other tables per page (see docs/clients.md), and sorting a million clients by them would mean
 * reading them all.
 */
export const COLUMN_SORT: Partial<Record<ClientListColumn, ClientSortField>> = {
  status: 'status',
  salesStatus: 'salesStatus',
  phone: 'phone',
  lastContact: 'lastContact',
  // Payments figures are columns of the clients table itself (kept by the payments module), so they sort.
  ftd: 'ftd',
  netDeposits: 'netDeposits',
  lastDeposit: 'lastDeposit',
  country: 'country',
  manager: 'manager',
  created: 'createdAt',
};

/** What the list must ask the server to include for these columns (each costs it a query). */
export function includeFor(columns: readonly ClientListColumn[]): string | undefined {
  const include = [
    ...(columns.some((c) => c === 'balance' || c === 'equity' || c === 'marginLevel') ? ['account'] : []),
    ...(columns.includes('nextTask') ? ['nextTask'] : []),
  ];
  return include.length ? include.join(',') : undefined;
}

export function useColumnLabel() {
  const { t } = useTranslation();
  return (column: ClientListColumn): string => {
    switch (column) {
      case 'online':
        return t('workview.columns.online');
      case 'created':
        return t('clients.columns.created');
      case 'ftd':
      case 'netDeposits':
      case 'lastDeposit':
        return t(`payments.listColumns.${column}`);
      case 'status':
      case 'salesStatus':
      case 'country':
      case 'language':
      case 'manager':
      case 'source':
      case 'tags':
        return t(`clients.columns.${column}`);
      default:
        return t(`workview.columns.${column}`);
    }
  };
}

const dimmedDash = (
  <Text span c="dimmed">
    —
  </Text>
);

/** One cell of the client list. */
export function ClientCell({
  column,
  client,
  salesStatusLabel,
}: {
  column: ClientListColumn;
  client: ClientListItem;
  salesStatusLabel: (key: string) => string;
}) {
  const { t } = useTranslation();
  const { date, dateTime, relative, languageName, money, percent } = useFormatters();
  const account = client.account ?? null;
  const nowrap = { whiteSpace: 'nowrap' } as const;

  switch (column) {
    case 'online':
      return (
        <Table.Td p={0} ta="center">
          <OnlineIndicator
            clientId={client.id}
            onlineSince={client.onlineSince}
            live={client.status === 'live'}
          />
        </Table.Td>
      );
    case 'status':
      return (
        <Table.Td>
          <ClientStatusBadge status={client.status} data-testid="client-row-status" />
        </Table.Td>
      );
    case 'salesStatus':
      return (
        <Table.Td>
          <Text span fz="sm" data-testid="client-row-sales-status">
            {salesStatusLabel(client.salesStatus)}
          </Text>
        </Table.Td>
      );
    case 'phone':
      return (
        <Table.Td>
          <Text span fz="sm" dir="ltr" style={nowrap} data-testid="client-row-phone">
            {client.phone ?? '—'}
          </Text>
        </Table.Td>
      );
    case 'balance':
    case 'equity':
      return (
        <Table.Td ta="end" data-testid={`client-row-${column}`}>
          {account ? (
            <Group gap={4} wrap="nowrap" justify="flex-end">
              {account.kind === 'demo' && (
                <Badge size="xs" variant="default" radius="sm">
                  {t('workview.columns.demo')}
                </Badge>
              )}
              <Text span fz="sm" dir="ltr" style={nowrap}>
                {money(account[column], account.currency)}
              </Text>
              {account.mixedCurrencies && (
                <Tooltip label={t('workview.columns.mixedCurrencies')} withArrow>
                  <Text span fz="xs" c="dimmed">
                    +<VisuallyHidden>{t('workview.columns.mixedCurrencies')}</VisuallyHidden>
                  </Text>
                </Tooltip>
              )}
            </Group>
          ) : (
            dimmedDash
          )}
        </Table.Td>
      );
    case 'marginLevel': {
      const level = account?.marginLevel ?? null;
      return (
        <Table.Td ta="end" data-testid="client-row-marginLevel">
          {level === null ? (
            dimmedDash
          ) : (
            <Text
              span
              fz="sm"
              dir="ltr"
              fw={level < 100 ? 600 : undefined}
              c={level < 100 ? 'red.8' : undefined}
            >
              {percent(level)}
            </Text>
          )}
        </Table.Td>
      );
    }
    case 'ftd':
    case 'netDeposits':
    case 'lastDeposit':
      return <PaymentCell column={column} client={client} />;
    case 'lastContact':
      return (
        <Table.Td data-testid="client-row-lastContact">
          {client.lastContactAt ? (
            <HintText hint={dateTime(client.lastContactAt)} span fz="sm" style={nowrap}>
              {relative(client.lastContactAt)}
            </HintText>
          ) : (
            <Text span fz="sm" c="dimmed">
              {t('workview.columns.never')}
            </Text>
          )}
        </Table.Td>
      );
    case 'nextTask': {
      const task = client.nextTask ?? null;
      const overdue = task !== null && new Date(task.dueAt).getTime() < Date.now();
      return (
        <Table.Td maw={220} data-testid="client-row-nextTask">
          {task ? (
            <Tooltip label={`${task.title} · ${dateTime(task.dueAt) ?? ''}`} withArrow openDelay={300}>
              <div>
                <Text fz="sm" truncate="end">
                  {task.title}
                </Text>
                <Text fz="xs" c={overdue ? 'red.8' : 'dimmed'} fw={overdue ? 600 : undefined}>
                  {relative(task.dueAt)}
                </Text>
              </div>
            </Tooltip>
          ) : (
            dimmedDash
          )}
        </Table.Td>
      );
    }
    case 'country':
      return (
        <Table.Td>
          <CountryCode code={client.country} />
        </Table.Td>
      );
    case 'language':
      return (
        <Table.Td>
          {client.language ? (
            <Tooltip label={languageName(client.language)} withArrow openDelay={300}>
              <Badge size="sm" variant="default" radius="sm" tt="uppercase">
                {client.language}
              </Badge>
            </Tooltip>
          ) : (
            dimmedDash
          )}
        </Table.Td>
      );
    case 'manager':
      return (
        <Table.Td>
          <Text span fz="sm" c={client.managerName ? undefined : 'dimmed'} data-testid="client-row-manager">
            {client.managerName ?? t('clients.noManager')}
          </Text>
        </Table.Td>
      );
    case 'source':
      return (
        <Table.Td>
          <Text span fz="sm" c="dimmed">
            {client.source}
          </Text>
        </Table.Td>
      );
    case 'tags':
      return (
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
      );
    case 'created':
      return (
        <Table.Td>
          <HintText hint={dateTime(client.createdAt)} span fz="sm" style={nowrap}>
            {date(client.createdAt)}
          </HintText>
        </Table.Td>
      );
  }
}
