import { Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBalanceOps } from '../../../../api/trading';
import { BALANCE_OP_KINDS, type BalanceOpKind } from '../../../../../../src/shared/trading';
import type { AccountView } from '../../../../../../src/shared/contracts/trading';
import { useFormatters } from '../../../../i18n/format';
import { Figure, profitColor } from './figures';
import { TradingTable, usePaging } from './TradingTable';

const KIND_COLOR: Record<BalanceOpKind, string> = {
  deposit: 'teal',
  withdrawal: 'orange',
  credit: 'blue',
  correction: 'gray',
};

/** Deposits, withdrawals, credit and corrections, newest first, with a type filter and paging. */
export function BalanceOpsTable({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { signedMoney, dateTimeSeconds } = useFormatters();
  const [kind, setKind] = useState<BalanceOpKind | null>(null);
  const paging = usePaging();
  const ops = useBalanceOps(account.id, { page: paging.page, pageSize: paging.pageSize, kind });

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Select
          size="xs"
          w={170}
          placeholder={t('trading.filters.kind')}
          aria-label={t('trading.filters.kind')}
          data={BALANCE_OP_KINDS.map((value) => ({ value, label: t(`trading.balanceKind.${value}`) }))}
          value={kind}
          onChange={(value) => {
            setKind(value as BalanceOpKind | null);
            paging.setPage(1);
          }}
          clearable
          data-testid="trading-balance-kind"
        />
      </Group>
      <TradingTable
        query={ops}
        skeletonRows={4}
        empty={{
          icon: <IconCash size={22} />,
          title: kind ? t('trading.empty.balanceOpsFiltered') : t('trading.empty.balanceOps'),
        }}
        minWidth={560}
        testId="trading-balance-ops"
        columns={['time', 'kind', 'amount', 'comment']}
        row={(op) => (
          <Table.Tr key={op.opId} data-testid="trading-balance-op-row">
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTimeSeconds(op.executedAt)}</Table.Td>
            <Table.Td>
              <Badge size="xs" radius="sm" variant="light" color={KIND_COLOR[op.kind]}>
                {t(`trading.balanceKind.${op.kind}`)}
              </Badge>
            </Table.Td>
            <Table.Td ta="end">
              <Figure fw={600} c={profitColor(op.amount)}>
                {signedMoney(op.amount, account.currency)}
              </Figure>
            </Table.Td>
            <Table.Td maw={360}>
              <Text
                inherit
                truncate="end"
                c={op.comment ? undefined : 'dimmed'}
                title={op.comment ?? undefined}
              >
                {op.comment ?? '—'}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        paging={paging}
      />
    </Stack>
  );
}
