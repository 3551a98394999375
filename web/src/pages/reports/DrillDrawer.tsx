import { Anchor, Button, Drawer, Group, Stack, Table, Text } from '@mantine/core';
import { IconDownload, IconListSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { DrillMetric } from '../../../../src/shared/contracts/reports';
import { drillExportUrl, useDrill, type ReportFilters } from '../../api/reports';
import { DataTable } from '../../components/DataTable';
import { EmptyBlock } from '../../components/EmptyBlock';
import { TablePager } from '../../components/TablePager';
import { TableSkeleton } from '../../components/TableSkeleton';
import { useFormatters } from '../../i18n/format';
import { useReportFormat } from './format';

export interface DrillTarget {
  metric: DrillMetric;
  key: string | null;
  label: string;
  extra?: Partial<ReportFilters>;
}

/** The records behind a number, a page at a time, with their CSV (the export's safeguards apply). */
export function DrillDrawer({
  target,
  filters,
  onClose,
}: {
  target: DrillTarget | null;
  filters: ReportFilters;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const fmt = useReportFormat();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [shown, setShown] = useState<DrillTarget | null>(null);
  if (target !== shown) {
    setShown(target);
    setPage(1);
  }
  const scoped = { ...filters, ...target?.extra };
  const drill = useDrill(target?.metric ?? null, scoped, target?.key ?? null, page, pageSize);
  const rows = drill.data?.items ?? [];
  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={target ? t('reports.drillTitle', { label: target.label }) : ''}
    >
      {target && (
        <Stack gap="sm" data-testid="drill-drawer">
          <Group justify="space-between">
            <Text fz="sm" c="dimmed" data-testid="drill-total">
              {t('reports.drillTotal', { count: drill.data?.total ?? 0 })}
            </Text>
            <Button
              component="a"
              href={drillExportUrl(target.metric, scoped, target.key)}
              download
              size="xs"
              variant="light"
              leftSection={<IconDownload size={14} />}
              data-testid="drill-export"
            >
              {t('reports.exportCsv')}
            </Button>
          </Group>
          {drill.isPending ? (
            <TableSkeleton rows={5} />
          ) : rows.length === 0 ? (
            <EmptyBlock icon={<IconListSearch size={22} />} title={t('reports.noRecords')} />
          ) : (
            <DataTable
              testId="drill-rows"
              minWidth={720}
              columns={[
                { label: t('reports.cols.at') },
                { label: t('reports.cols.kind') },
                { label: t('reports.cols.client') },
                { label: t('reports.cols.staff') },
                { label: t('reports.cols.channel') },
                { label: t('reports.cols.value'), ta: 'end' },
              ]}
            >
              {rows.map((r) => (
                <Table.Tr key={r.id} data-testid="drill-row">
                  <Table.Td>{dateTime(r.at)}</Table.Td>
                  <Table.Td>{t(`reports.kinds.${r.kind}`, { defaultValue: r.kind })}</Table.Td>
                  <Table.Td dir="auto">
                    {r.clientId ? (
                      <Anchor component={Link} to={`/clients/${r.clientId}`} fz="sm">
                        {r.clientName ?? r.clientId}
                      </Anchor>
                    ) : r.conversationId ? (
                      <Anchor component={Link} to={`/support?view=all&c=${r.conversationId}`} fz="sm">
                        {t('reports.conversation')}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td dir="auto">{r.staffName ?? '—'}</Table.Td>
                  <Table.Td>{[r.channel, r.language, r.country].filter(Boolean).join(' · ') || '—'}</Table.Td>
                  <Table.Td ta="end">
                    {r.amount !== null
                      ? fmt.value('money', r.amount)
                      : r.durationMs !== null
                        ? fmt.value('ms', r.durationMs)
                        : r.score !== null
                          ? fmt.value('score', r.score)
                          : (r.detail ?? '—')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
          <TablePager
            page={page}
            pageSize={pageSize}
            total={drill.data?.total ?? 0}
            onPage={setPage}
            onPageSize={(size) => {
              setPageSize(size);
              setPage(1);
            }}
          />
        </Stack>
      )}
    </Drawer>
  );
}
