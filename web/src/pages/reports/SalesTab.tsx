import { BarChart, FunnelChart, LineChart } from '@mantine/charts';
import { SegmentedControl, SimpleGrid, Stack, Table, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SalesReport } from '../../../../src/shared/contracts/reports';
import { useSalesReport } from '../../api/reports';
import { DataTable } from '../../components/DataTable';
import { FigureGrid } from './FigureCard';
import { useReports } from './filters';
import { useReportFormat } from './format';
import { Breakdown, ChartBox, DashboardState, DrillCount, Section } from './parts';

const BY = ['source', 'campaign', 'country', 'manager'] as const;
const FUNNEL_COLORS = ['blue.4', 'blue.6', 'indigo.6', 'teal.7'];

/** Sales: leads and where they came from, the funnel Lead → Demo → Live → FTD, money in and out, per manager. */
export default function SalesTab() {
  const { filters } = useReports();
  const report = useSalesReport(filters);
  const r = report.data;
  const empty = !!r && r.funnel[0]?.count === 0 && r.series.every((d) => d.deposits === 0 && d.leads === 0);
  return (
    <DashboardState isPending={report.isPending} error={report.error} empty={empty}>
      {r && <Sales r={r} />}
    </DashboardState>
  );
}

function Sales({ r }: { r: SalesReport }) {
  const { t } = useTranslation();
  const { drill } = useReports();
  const fmt = useReportFormat();
  const [by, setBy] = useState<(typeof BY)[number]>('source');
  return (
    <Stack gap="md" data-testid="sales-dashboard">
      <FigureGrid figures={r.figures} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('reports.sales.funnel')} testId="sales-funnel">
          <ChartBox>
            <FunnelChart
              size={200}
              withLabels
              labelsPosition="right"
              data={r.funnel.map((s, i) => ({
                name: t(`reports.steps.${s.step}`),
                value: s.count,
                color: FUNNEL_COLORS[i] ?? 'blue.6',
              }))}
            />
          </ChartBox>
          <DataTable
            testId="funnel-steps"
            minWidth={360}
            columns={[
              { label: t('reports.cols.step') },
              { label: t('reports.count'), ta: 'end' },
              { label: t('reports.cols.conversion'), ta: 'end' },
              { label: t('reports.cols.medianTime'), ta: 'end' },
            ]}
          >
            {r.funnel.map((s) => (
              <Table.Tr key={s.step}>
                <Table.Td>{t(`reports.steps.${s.step}`)}</Table.Td>
                <Table.Td ta="end">
                  <UnstyledButton
                    fz="sm"
                    td="underline"
                    onClick={() => drill(s.drill, null, t(`reports.steps.${s.step}`))}
                    data-testid={`funnel-${s.step}`}
                    aria-label={t('reports.drillOf', {
                      label: `${t(`reports.steps.${s.step}`)}: ${s.count}`,
                    })}
                  >
                    {fmt.value('count', s.count)}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td ta="end">{s.conversion === null ? '—' : fmt.percent(s.conversion)}</Table.Td>
                <Table.Td ta="end">{s.duration ? fmt.value('ms', s.duration.medianMs) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </Section>
        <Section title={t('reports.sales.leadsBy')} testId="sales-leads-by">
          <SegmentedControl
            size="xs"
            mb="xs"
            aria-label={t('reports.sales.leadsBy')}
            data={BY.map((b) => ({ value: b, label: t(`reports.sales.by.${b}`) }))}
            value={by}
            onChange={(v) => setBy(v as (typeof BY)[number])}
          />
          <Breakdown rows={r.leadsBy[by]} testId={`leads-by-${by}`} />
        </Section>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('reports.sales.leadsPerDay')}>
          <ChartBox>
            <LineChart
              h={220}
              data={r.series}
              dataKey="day"
              curveType="monotone"
              withDots={false}
              series={[
                { name: 'leads', label: t('reports.figures.leads'), color: 'blue.6' },
                { name: 'ftd', label: t('reports.figures.ftd_count'), color: 'teal.7' },
              ]}
            />
          </ChartBox>
        </Section>
        <Section title={t('reports.sales.money')}>
          <ChartBox>
            <BarChart
              h={220}
              data={r.series.map((d) => ({
                day: d.day,
                deposits: d.deposits / 100,
                withdrawals: -d.withdrawals / 100,
                net: d.net / 100,
              }))}
              dataKey="day"
              type="stacked"
              series={[
                { name: 'deposits', label: t('reports.figures.deposits'), color: 'teal.6' },
                { name: 'withdrawals', label: t('reports.figures.withdrawals'), color: 'red.6' },
              ]}
            />
          </ChartBox>
        </Section>
      </SimpleGrid>
      <Section title={t('reports.sales.managers')} testId="sales-managers">
        <DataTable
          testId="managers"
          minWidth={760}
          maxHeight={420}
          columns={[
            { label: t('reports.cols.manager') },
            { label: t('reports.figures.leads'), ta: 'end' },
            { label: t('reports.figures.ftd_count'), ta: 'end' },
            { label: t('reports.figures.ftd_amount'), ta: 'end' },
            { label: t('reports.figures.deposits'), ta: 'end' },
            { label: t('reports.figures.calls'), ta: 'end' },
            { label: t('reports.figures.comments'), ta: 'end' },
            { label: t('reports.figures.tasks_done'), ta: 'end' },
          ]}
        >
          {r.managers.map((m) => (
            <Table.Tr key={m.staffId}>
              <Table.Td dir="auto">{m.name}</Table.Td>
              <Table.Td ta="end">
                <DrillCount
                  value={m.leads}
                  metric="leads"
                  extra={{ staffId: m.staffId }}
                  label={`${m.name} · ${t('reports.figures.leads')}`}
                />
              </Table.Td>
              <Table.Td ta="end">
                <DrillCount
                  value={m.ftdCount}
                  metric="ftd"
                  extra={{ staffId: m.staffId }}
                  label={`${m.name} · FTD`}
                />
              </Table.Td>
              <Table.Td ta="end">{fmt.value('money', m.ftdAmount)}</Table.Td>
              <Table.Td ta="end">{fmt.value('money', m.deposits)}</Table.Td>
              <Table.Td ta="end">{fmt.value('count', m.calls)}</Table.Td>
              <Table.Td ta="end">{fmt.value('count', m.comments)}</Table.Td>
              <Table.Td ta="end">{fmt.value('count', m.tasksDone)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </Section>
      <Section title={t('reports.sales.teams')}>
        <ChartBox>
          <BarChart
            h={200}
            data={r.teams.map((tm) => ({ team: tm.name, ftd: tm.ftdCount, deposits: tm.deposits / 100 }))}
            dataKey="team"
            series={[{ name: 'ftd', label: t('reports.figures.ftd_count'), color: 'teal.7' }]}
          />
        </ChartBox>
      </Section>
    </Stack>
  );
}
