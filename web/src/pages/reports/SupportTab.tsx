import { BarChart, LineChart } from '@mantine/charts';
import { Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SupportReport } from '../../../../src/shared/contracts/reports';
import { useSupportReport } from '../../api/reports';
import { DataTable } from '../../components/DataTable';
import { FigureGrid } from './FigureCard';
import { useReports } from './filters';
import { useReportFormat } from './format';
import { HourOfWeekHeatmap } from './Heatmap';
import { Breakdown, ChartBox, DashboardState, DrillCount, Section } from './parts';

/** Support: response and resolution times, FCR, SLA, CSAT and NPS, complaints, the bot, volume, agents. */
export default function SupportTab() {
  const { filters } = useReports();
  const report = useSupportReport(filters);
  const r = report.data;
  const empty =
    !!r && r.series.every((d) => d.conversations === 0) && r.times.firstResponse.calendar.count === 0;
  return (
    <DashboardState isPending={report.isPending} error={report.error} empty={empty}>
      {r && <Support r={r} />}
    </DashboardState>
  );
}

const TIMES = ['firstResponse', 'nextResponse', 'resolution'] as const;
const TIME_DRILL = {
  firstResponse: 'first_response',
  nextResponse: 'next_response',
  resolution: 'resolution',
} as const;

function Support({ r }: { r: SupportReport }) {
  const { t } = useTranslation();
  const fmt = useReportFormat();
  const ms = (v: number | null) => fmt.value('ms', v);
  return (
    <Stack gap="md" data-testid="support-dashboard">
      <FigureGrid figures={r.figures} />
      <Section title={t('reports.support.times')} testId="support-times">
        <DataTable
          testId="support-times-table"
          minWidth={720}
          columns={[
            { label: t('reports.cols.measure') },
            { label: t('reports.count'), ta: 'end' },
            { label: t('reports.cols.avg'), ta: 'end' },
            { label: t('reports.cols.median'), ta: 'end' },
            { label: t('reports.cols.p90'), ta: 'end' },
            { label: t('reports.cols.bizMedian'), ta: 'end' },
            { label: t('reports.cols.bizP90'), ta: 'end' },
          ]}
        >
          {TIMES.map((k) => {
            const s = r.times[k];
            return (
              <Table.Tr key={k}>
                <Table.Td>{t(`reports.support.${k}`)}</Table.Td>
                <Table.Td ta="end">
                  <DrillCount
                    value={s.calendar.count}
                    metric={TIME_DRILL[k]}
                    label={t(`reports.support.${k}`)}
                  />
                </Table.Td>
                <Table.Td ta="end">{ms(s.calendar.avgMs)}</Table.Td>
                <Table.Td ta="end">{ms(s.calendar.medianMs)}</Table.Td>
                <Table.Td ta="end">{ms(s.calendar.p90Ms)}</Table.Td>
                <Table.Td ta="end">{ms(s.business.medianMs)}</Table.Td>
                <Table.Td ta="end">{ms(s.business.p90Ms)}</Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
        <Text fz="xs" c="dimmed" mt={4}>
          {t('reports.support.timesHint', {
            fcr: r.fcr.rate === null ? '—' : fmt.percent(r.fcr.rate),
            resolved: r.fcr.resolved,
          })}
        </Text>
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={t('reports.support.perDay')}>
          <ChartBox>
            <LineChart
              h={220}
              data={r.series}
              dataKey="day"
              withDots={false}
              curveType="monotone"
              series={[
                { name: 'conversations', label: t('reports.figures.conversations'), color: 'blue.6' },
                { name: 'resolved', label: t('reports.support.resolved'), color: 'teal.7' },
              ]}
            />
          </ChartBox>
        </Section>
        <Section title={t('reports.support.sla')} testId="support-sla">
          <DataTable
            testId="sla"
            minWidth={360}
            columns={[
              { label: t('reports.cols.target') },
              { label: t('reports.cols.measured'), ta: 'end' },
              { label: t('reports.cols.breached'), ta: 'end' },
              { label: t('reports.cols.attainment'), ta: 'end' },
            ]}
          >
            {r.sla.map((s) => (
              <Table.Tr key={s.target}>
                <Table.Td>{t(`reports.support.slaTargets.${s.target}`)}</Table.Td>
                <Table.Td ta="end">{fmt.value('count', s.measured)}</Table.Td>
                <Table.Td ta="end">
                  <DrillCount
                    value={s.breached}
                    metric="sla_breaches"
                    drillKey={s.target}
                    label={t(`reports.support.slaTargets.${s.target}`)}
                  />
                </Table.Td>
                <Table.Td ta="end">{s.attainment === null ? '—' : fmt.percent(s.attainment)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </Section>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section
          title={t('reports.support.csat', { avg: fmt.value('score', r.csat.average) })}
          testId="support-csat"
        >
          <Scores bars={r.csat.distribution} metric="csat" />
        </Section>
        <Section title={t('reports.support.nps', { score: r.nps.score ?? '—' })} testId="support-nps">
          <Scores bars={r.nps.distribution} metric="nps" />
        </Section>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Section title={t('reports.support.byChannel')}>
          <Breakdown rows={r.volume.byChannel} testId="by-channel" />
        </Section>
        <Section title={t('reports.support.byLanguage')}>
          <Breakdown rows={r.volume.byLanguage} testId="by-language" />
        </Section>
        <Section title={t('reports.support.bot')}>
          <Text fz="sm">
            {t('reports.support.botLine', {
              resolved: r.bot.resolved,
              handedOver: r.bot.handedOver,
              rate: r.bot.resolvedRate === null ? '—' : fmt.percent(r.bot.resolvedRate),
            })}
          </Text>
          <Breakdown rows={r.bot.reasons} testId="bot-reasons" />
        </Section>
      </SimpleGrid>
      <Section title={t('reports.support.heatmap')} testId="support-heatmap">
        <HourOfWeekHeatmap cells={r.volume.heatmap} />
      </Section>
      <Section title={t('reports.support.complaints')}>
        <Text fz="sm">
          {t('reports.support.complaintsLine', {
            count: r.complaints.count,
            resolved: r.complaints.resolved,
            onTime: r.complaints.onTime,
            late: r.complaints.late,
            median: ms(r.complaints.resolution.medianMs),
          })}
        </Text>
      </Section>
      <Section title={t('reports.support.agents')} testId="support-agents">
        <DataTable
          testId="agents"
          minWidth={760}
          maxHeight={420}
          columns={[
            { label: t('reports.cols.agent') },
            { label: t('reports.support.firstResponse'), ta: 'end' },
            { label: t('reports.cols.median'), ta: 'end' },
            { label: t('reports.cols.bizMedian'), ta: 'end' },
            { label: t('reports.support.replies'), ta: 'end' },
            { label: t('reports.support.resolved'), ta: 'end' },
            { label: 'FCR', ta: 'end' },
            { label: 'CSAT', ta: 'end' },
            { label: t('reports.cols.breached'), ta: 'end' },
          ]}
        >
          {r.agents.map((a) => (
            <Table.Tr key={a.staffId}>
              <Table.Td dir="auto">{a.name}</Table.Td>
              <Table.Td ta="end">
                <DrillCount
                  value={a.firstResponses}
                  metric="first_response"
                  extra={{ staffId: a.staffId }}
                  label={`${a.name} · ${t('reports.support.firstResponse')}`}
                />
              </Table.Td>
              <Table.Td ta="end">{ms(a.frtMedianMs)}</Table.Td>
              <Table.Td ta="end">{ms(a.frtBusinessMedianMs)}</Table.Td>
              <Table.Td ta="end">{fmt.value('count', a.replies)}</Table.Td>
              <Table.Td ta="end">{fmt.value('count', a.resolutions)}</Table.Td>
              <Table.Td ta="end">{a.fcrRate === null ? '—' : fmt.percent(a.fcrRate)}</Table.Td>
              <Table.Td ta="end">{fmt.value('score', a.csatAverage)}</Table.Td>
              <Table.Td ta="end">{fmt.value('count', a.breaches)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </Section>
    </Stack>
  );
}

/** A score distribution (CSAT 1–5, NPS 0–10) as bars; each score's count opens its answers. */
function Scores({ bars, metric }: { bars: SupportReport['csat']['distribution']; metric: 'csat' | 'nps' }) {
  const { t } = useTranslation();
  if (!bars.some((b) => b.count > 0))
    return (
      <Text c="dimmed" fz="sm">
        {t('reports.noRows')}
      </Text>
    );
  return (
    <Stack gap={4}>
      <ChartBox>
        <BarChart
          h={160}
          data={bars.map((b) => ({ score: String(b.score), count: b.count }))}
          dataKey="score"
          series={[
            { name: 'count', label: t('reports.count'), color: metric === 'csat' ? 'teal.6' : 'violet.6' },
          ]}
        />
      </ChartBox>
      <Group gap="xs" data-testid={`${metric}-scores`}>
        {bars.map((b) => (
          <Text key={b.score} fz="xs">
            {b.score}:{' '}
            <DrillCount
              value={b.count}
              metric={metric}
              drillKey={String(b.score)}
              label={`${metric.toUpperCase()} ${b.score}`}
            />
          </Text>
        ))}
      </Group>
    </Stack>
  );
}
