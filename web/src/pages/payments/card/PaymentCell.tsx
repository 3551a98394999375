import { Table, Text } from '@mantine/core';
import type { ClientListItem } from '../../../../../src/shared/contracts/clients';
import { BASE_CURRENCY } from '../../../api/paymentValues';
import { HintText } from '../../../components/HintText';
import { useFormatters } from '../../../i18n/format';
import { NUM, useMinorMoney } from '../paymentFormat';

/** The client list's payment columns: FTD date (amount on hover), net deposits, last deposit. */
export function PaymentCell({
  column,
  client,
}: {
  column: 'ftd' | 'netDeposits' | 'lastDeposit';
  client: ClientListItem;
}) {
  const { date, dateTime } = useFormatters();
  const minorMoney = useMinorMoney();
  const dash = (
    <Text span c="dimmed">
      —
    </Text>
  );
  if (column === 'netDeposits')
    return (
      <Table.Td {...NUM} data-testid="client-row-netDeposits">
        <Text span fz="sm" dir="ltr" c={client.netDeposits < 0 ? 'red' : undefined}>
          {minorMoney(client.netDeposits, BASE_CURRENCY)}
        </Text>
      </Table.Td>
    );
  const at = column === 'ftd' ? client.ftdAt : client.lastDepositAt;
  return (
    <Table.Td data-testid={`client-row-${column}`}>
      {at ? (
        <HintText
          hint={
            column === 'ftd' && client.ftdAmount !== null
              ? `${dateTime(at)} · ${minorMoney(client.ftdAmount, BASE_CURRENCY)}`
              : dateTime(at)
          }
          span
          fz="sm"
          style={{ whiteSpace: 'nowrap' }}
        >
          {date(at)}
        </HintText>
      ) : (
        dash
      )}
    </Table.Td>
  );
}
