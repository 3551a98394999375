import { BarChart, LineChart } from '@mantine/charts';
import { SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RetentionReport } from '../../../../src/shared/contracts/reports';
import { useRetentionReport } from '../../api/reports';
import { DataTable } from '../../components/DataTable';
import { FigureGrid } from './FigureCard';
import { useReports } from './filters';
import { useReportFormat } from './format';
import { ChartBox, DashboardState, DrillCount, Section } from './parts';

/** Retention: active traders per month, FTD cohorts still trading after 30/60/90 days, clients gone quiet. */
export default function RetentionTab() {
  const { filters } = useReports();
  const report = useRetentionReport(filters);
  const r = report.data;
  const empty = !!r && r.active.every((m) => m.activeTraders === 0) && r.cohorts.length === 0;
  return (
    <DashboardState isPending={report.isPending} error={report.error} empty={empty}>
      {r && <Retention r={r} />}
    </DashboardState>
  );
}

function Retention({ r }: { r: RetentionReport }) {
  const { t } = useTranslation();
  const fmt = useReportFormat();
  const share = (v: number | null) => (v === null ? '—' : fmt.percent(v));
  return (
    <Stack gap="md" data-testid="retention-dashboard">
      <FigureGrid figures={r.figures} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('reports.retention.active')}>
          <ChartBox>
            <LineChart
              h={220}
              data={r.active}
              dataKey="month"
              curveType="monotone"
              series={[
                { name: 'activeTraders', label: t('reports.figures.active_traders'), color: 'teal.7' },
              ]}
            />
          </ChartBox>
        </Section>
        <Section title={t('reports.retention.curve')}>
          <ChartBox>
            <BarChart
              h={220}
              data={r.cohorts.map((c) => ({
                month: c.month,
                d30: c.r30 === null ? null : Math.round(c.r30 * 100),
                d60: c.r60 === null ? null : Math.round(c.r60 * 100),
                d90: c.r90 === null ? null : Math.round(c.r90 * 100),
              }))}
              dataKey="month"
              unit="%"
              series={[
                { name: 'd30', label: t('reports.retention.after', { days: 30 }), color: 'blue.4' },
                { name: 'd60', label: t('reports.retention.after', { days: 60 }), color: 'blue.6' },
                { name: 'd90', label: t('reports.retention.after', { days: 90 }), color: 'indigo.7' },
              ]}
            />
          </ChartBox>
        </Section>
      </SimpleGrid>
      <Section title={t('reports.retention.cohorts')} testId="retention-cohorts">
        <DataTable
          testId="cohorts"
          minWidth={620}
          columns={[
            { label: t('reports.retention.month') },
            { label: t('reports.retention.ftdClients'), ta: 'end' },
            { label: t('reports.retention.after', { days: 30 }), ta: 'end' },
            { label: t('reports.retention.after', { days: 60 }), ta: 'end' },
            { label: t('reports.retention.after', { days: 90 }), ta: 'end' },
          ]}
        >
          {r.cohorts.map((c) => (
            <Table.Tr key={c.month}>
              <Table.Td>{c.month}</Table.Td>
              <Table.Td ta="end">
                <DrillCount
                  value={c.ftdClients}
                  metric="cohort"
                  drillKey={c.month}
                  label={`${c.month} · FTD`}
                />
              </Table.Td>
              <Table.Td ta="end">{c.d30 === null ? '—' : `${c.d30} · ${share(c.r30)}`}</Table.Td>
              <Table.Td ta="end">{c.d60 === null ? '—' : `${c.d60} · ${share(c.r60)}`}</Table.Td>
              <Table.Td ta="end">{c.d90 === null ? '—' : `${c.d90} · ${share(c.r90)}`}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </Section>
      <Section title={t('reports.retention.quiet')} testId="retention-quiet">
        <Text fz="sm">
          {t('reports.retention.quietLine', { days: r.goneQuiet.quietDays })}{' '}
          <DrillCount value={r.goneQuiet.count} metric="gone_quiet" label={t('reports.figures.gone_quiet')} />
        </Text>
      </Section>
    </Stack>
  );
}
