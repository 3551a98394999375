import { Group, Stack, Table } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeals } from '../../../../api/trading';
import {
  DEAL_ENTRIES,
  type DealEntry,
  TRADE_SIDES,
  type TradeSide,
} from '../../../../../../src/shared/trading';
import type { AccountView, DealsQuery } from '../../../../../../src/shared/contracts/trading';
import {
  ClearFiltersButton,
  DateFilter,
  LocalDates,
  SearchFilter,
  SelectFilter,
} from '../../../../components/filters';
import { useFormatters } from '../../../../i18n/format';
import { Figure, profitColor } from './figures';
import { SymbolSideCells } from './SideBadge';
import { TradingTable, usePaging } from './TradingTable';
import { HintText } from '../../../../components/HintText';

interface DealFilters {
  symbol: string;
  side: TradeSide | null;
  entry: DealEntry | null;
  /** Calendar days as picked (YYYY-MM-DD); sent as instants. */
  period: [string | null, string | null];
}

const NO_FILTERS: DealFilters = { symbol: '', side: null, entry: null, period: [null, null] };

/** Local midnight at the start of `day`, or the last millisecond of it, as an ISO instant. */
function dayBoundary(day: string | null, end: boolean): string | null {
  if (!day) return null;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The side or entry filter: its choices are labelled under `trading.<field>`. */
function ChoiceFilter<V extends string>({
  field,
  values,
  value,
  onChange,
}: {
  field: 'side' | 'entry';
  values: readonly V[];
  value: V | null;
  onChange: (value: V | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectFilter
      w={130}
      placeholder={t(`trading.filters.${field}`)}
      label={t(`trading.filters.${field}`)}
      data={values.map((choice) => ({ value: choice, label: t(`trading.${field}.${choice}`) }))}
      value={value}
      onChange={(choice) => onChange(choice as V | null)}
      testId={`trading-deals-${field}`}
    />
  );
}

/** Executed deals, newest first, with symbol / side / entry / period filters and paging. */
export function DealsTable({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { number, signedMoney, money, dateTimeSeconds } = useFormatters();
  const [filters, setFiltersState] = useState<DealFilters>(NO_FILTERS);
  const paging = usePaging();
  const [symbol] = useDebouncedValue(filters.symbol.trim().toUpperCase(), 300);

  const query: DealsQuery = {
    page: paging.page,
    pageSize: paging.pageSize,
    symbol: symbol || null,
    side: filters.side,
    entry: filters.entry,
    from: dayBoundary(filters.period[0], false),
    to: dayBoundary(filters.period[1], true),
  };
  const deals = useDeals(account.id, query);
  const hasFilters =
    filters.symbol !== '' || filters.side !== null || filters.entry !== null || filters.period.some(Boolean);
  const setFilters = (patch: Partial<DealFilters>) => {
    setFiltersState((current) => ({ ...current, ...patch }));
    paging.setPage(1);
  };
  const cur = account.currency;

  return (
    <Stack gap="xs">
      <LocalDates>
        <Group gap="xs" wrap="wrap">
          <SearchFilter
            w={130}
            label={t('trading.filters.symbol')}
            value={filters.symbol}
            onChange={(event) => setFilters({ symbol: event.currentTarget.value })}
            dir="ltr"
            testId="trading-deals-symbol"
          />
          <ChoiceFilter
            field="side"
            values={TRADE_SIDES}
            value={filters.side}
            onChange={(side) => setFilters({ side })}
          />
          <ChoiceFilter
            field="entry"
            values={DEAL_ENTRIES}
            value={filters.entry}
            onChange={(entry) => setFilters({ entry })}
          />
          <DateFilter
            type="range"
            miw={200}
            label={t('trading.filters.period')}
            value={filters.period}
            onChange={(value) => setFilters({ period: [value[0] ?? null, value[1] ?? null] })}
            maxDate={new Date()}
            allowSingleDateInRange
            testId="trading-deals-period"
          />
          {hasFilters && (
            <ClearFiltersButton
              onClick={() => {
                setFiltersState(NO_FILTERS);
                paging.setPage(1);
              }}
            />
          )}
        </Group>
      </LocalDates>
      <TradingTable
        query={deals}
        skeletonRows={6}
        empty={{
          icon: <IconHistory size={22} />,
          title: hasFilters ? t('trading.empty.dealsFiltered') : t('trading.empty.deals'),
        }}
        minWidth={820}
        testId="trading-deals"
        columns={['time', 'symbol', 'side', 'entry', 'volume', 'price', 'commission', 'swap', 'profit']}
        row={(d) => (
          <Table.Tr key={d.dealId} data-testid="trading-deal-row">
            <Table.Td>
              <HintText
                hint={`${t('trading.columns.deal')} ${d.dealId}${d.positionId ? ` · ${t('trading.columns.position')} ${d.positionId}` : ''}`}
                span
                inherit
                style={{ whiteSpace: 'nowrap' }}
              >
                {dateTimeSeconds(d.executedAt)}
              </HintText>
            </Table.Td>
            <SymbolSideCells symbol={d.symbol} side={d.side} />
            <Table.Td c={d.entry === 'in' ? undefined : 'dimmed'}>{t(`trading.entry.${d.entry}`)}</Table.Td>
            <Table.Td ta="end">
              <Figure>{number(d.volume, 2, 2)}</Figure>
            </Table.Td>
            <Table.Td ta="end">
              <Figure>{number(d.price, 2, 5)}</Figure>
            </Table.Td>
            <Table.Td ta="end">
              <Figure c={d.commission ? undefined : 'dimmed'}>{money(d.commission, cur)}</Figure>
            </Table.Td>
            <Table.Td ta="end">
              <Figure c={d.swap ? undefined : 'dimmed'}>{money(d.swap, cur)}</Figure>
            </Table.Td>
            <Table.Td ta="end">
              {/* An opening deal has no result yet. */}
              {d.entry === 'in' && d.profit === 0 ? (
                <Figure c="dimmed">—</Figure>
              ) : (
                <Figure fw={600} c={profitColor(d.profit)}>
                  {signedMoney(d.profit, cur)}
                </Figure>
              )}
            </Table.Td>
          </Table.Tr>
        )}
        paging={paging}
      />
    </Stack>
  );
}
