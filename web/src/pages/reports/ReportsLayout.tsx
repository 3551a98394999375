import { Button, Group, Stack, Tabs, Text } from '@mantine/core';
import {
  IconChartFunnel,
  IconDownload,
  IconHeadset,
  IconDeviceTv,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import type { DrillMetric, ReportDashboard } from '../../../../src/shared/contracts/reports';
import { dashboardExportUrl, type ReportFilters } from '../../api/reports';
import { PageHeader } from '../../components/PageHeader';
import { DrillDrawer, type DrillTarget } from './DrillDrawer';
import { FiltersBar } from './FiltersBar';
import { ReportsContext, useReportFilters } from './filters';

const TABS = [
  { path: 'sales', labelKey: 'reports.tabs.sales', icon: IconChartFunnel },
  { path: 'support', labelKey: 'reports.tabs.support', icon: IconHeadset },
  { path: 'retention', labelKey: 'reports.tabs.retention', icon: IconUsersGroup },
] as const;

/**
 * /reports/{sales,support,retention}: one tab per dashboard, the period and filters above (kept in the
 * URL, shared by the tabs), the CSV of the dashboard, and the drawer with the records behind a number.
 */
export default function ReportsLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [filters, setFilters] = useReportFilters();
  const [target, setTarget] = useState<DrillTarget | null>(null);
  const current = (location.pathname.split('/')[2] || 'sales') as ReportDashboard;
  const drill = useCallback(
    (metric: DrillMetric, key: string | null = null, label?: string, extra?: Partial<ReportFilters>) =>
      setTarget({
        metric,
        key,
        extra,
        label: label ?? t(`reports.drills.${metric}`, { defaultValue: metric }),
      }),
    [t],
  );
  const context = useMemo(() => ({ filters, drill }), [filters, drill]);
  return (
    <ReportsContext.Provider value={context}>
      <Stack gap="sm" data-testid="reports-page">
        <PageHeader
          main
          title={t('reports.title')}
          description={t('reports.description')}
          actions={
            <Group gap="xs">
              <Button
                component="a"
                href={dashboardExportUrl(current, filters)}
                download
                size="xs"
                variant="light"
                leftSection={<IconDownload size={14} />}
                data-testid="report-export"
              >
                {t('reports.exportCsv')}
              </Button>
              <Button
                component={Link}
                to="/reports/wallboard"
                size="xs"
                variant="default"
                leftSection={<IconDeviceTv size={14} />}
                data-testid="open-wallboard"
              >
                {t('reports.wallboard.open')}
              </Button>
            </Group>
          }
        />
        <Tabs
          value={current}
          onChange={(v) => v && navigate({ pathname: `/reports/${v}`, search: location.search })}
        >
          <Tabs.List>
            {TABS.map(({ path, labelKey, icon: TabIcon }) => (
              <Tabs.Tab
                key={path}
                value={path}
                leftSection={<TabIcon size={15} />}
                data-testid={`reports-tab-${path}`}
              >
                {t(labelKey)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <FiltersBar filters={filters} onChange={setFilters} dashboard={current} />
        <Text fz="xs" c="dimmed">
          {t('reports.drillHint')}
        </Text>
        <Outlet />
      </Stack>
      <DrillDrawer target={target} filters={filters} onClose={() => setTarget(null)} />
    </ReportsContext.Provider>
  );
}
