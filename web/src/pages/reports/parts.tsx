import { BarChart } from '@mantine/charts';
import { Box, Card, Skeleton, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BreakdownRow } from '../../../../src/shared/contracts/reports';
import { DataTable } from '../../components/DataTable';
import { EmptyBlock } from '../../components/EmptyBlock';
import { ErrorState } from '../../components/ErrorState';
import { useReports } from './filters';
import { useReportFormat } from './format';

/** A titled card of a dashboard. */
export function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Title order={2} fz="h5" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** Charts draw left to right in every language (axes, time); the page around them follows the locale. */
export const ChartBox = ({ children }: { children: ReactNode }) => <Box dir="ltr">{children}</Box>;

/** Loading, failed and empty states of a dashboard; renders `children` once there is data. */
export function DashboardState({
  isPending,
  error,
  empty,
  children,
}: {
  isPending: boolean;
  error: unknown;
  empty: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (isPending)
    return (
      <Stack gap="sm" aria-busy="true" data-testid="report-loading">
        <Skeleton height={72} />
        <Skeleton height={220} />
        <Skeleton height={220} />
      </Stack>
    );
  if (error) return <ErrorState error={error} />;
  // `report-loaded`: the dashboard has answered (with data or empty), for the tests.
  if (empty)
    return (
      <div data-testid="report-loaded">
        <EmptyBlock
          icon={<IconChartBar size={22} />}
          title={t('reports.empty')}
          description={t('reports.emptyHint')}
        />
      </div>
    );
  return <div data-testid="report-loaded">{children}</div>;
}

/** A breakdown as bars, and as a list whose every count opens the records behind it. */
export function Breakdown({
  rows,
  testId,
  money,
}: {
  rows: readonly BreakdownRow[];
  testId: string;
  money?: boolean;
}) {
  const { t } = useTranslation();
  const { drill } = useReports();
  const fmt = useReportFormat();
  if (!rows.length)
    return (
      <Text c="dimmed" fz="sm">
        {t('reports.noRows')}
      </Text>
    );
  const top = rows.slice(0, 12);
  return (
    <Stack gap="xs">
      <ChartBox>
        <BarChart
          h={180}
          data={top.map((r) => ({ label: r.label, count: r.count }))}
          dataKey="label"
          series={[{ name: 'count', label: t('reports.count'), color: 'blue.6' }]}
          tickLine="none"
        />
      </ChartBox>
      <DataTable
        testId={testId}
        minWidth={260}
        maxHeight={220}
        columns={[{ label: t('reports.cols.value') }, { label: t('reports.count'), ta: 'end' }]}
      >
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td dir="auto">{r.label}</Table.Td>
            <Table.Td ta="end">
              <UnstyledButton
                fz="sm"
                td="underline"
                onClick={() => drill(r.drill, r.key, r.label)}
                aria-label={t('reports.drillOf', { label: `${r.label}: ${r.count}` })}
                data-testid={`${testId}-drill`}
              >
                {fmt.value('count', r.count)}
                {money && r.amount !== null ? ` · ${fmt.value('money', r.amount)}` : ''}
              </UnstyledButton>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Stack>
  );
}

/** A count that opens its records (tables of managers, agents, cohorts). */
export function DrillCount({
  value,
  metric,
  drillKey,
  extra,
  label,
  unit = 'count',
}: {
  value: number | null;
  metric: Parameters<ReturnType<typeof useReports>['drill']>[0];
  drillKey?: string | null;
  extra?: Parameters<ReturnType<typeof useReports>['drill']>[3];
  label: string;
  unit?: 'count' | 'money';
}) {
  const { t } = useTranslation();
  const { drill } = useReports();
  const fmt = useReportFormat();
  if (value === null || value === 0) return <>{fmt.value(unit, value)}</>;
  return (
    <UnstyledButton
      fz="sm"
      td="underline"
      onClick={() => drill(metric, drillKey ?? null, label, extra)}
      aria-label={t('reports.drillOf', { label: `${label}: ${fmt.value(unit, value)}` })}
    >
      {fmt.value(unit, value)}
    </UnstyledButton>
  );
}
