import { Stack, Tabs } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { PageHeader } from './PageHeader';

export interface RouteTab {
  path: string;
  labelKey: string;
  icon: Icon;
}

/**
 * A workspace page whose tabs are routes (Admin, Payments): heading, the tab bar, the current tab's
 * route below. The layout maps the URL to `current` and a chosen tab back to a URL, so every tab is
 * linkable and survives a reload. Tabs are named `<testIdPrefix>-<path>` for the tests.
 */
export function RouteTabsPage({
  title,
  description,
  tabs,
  current,
  onChange,
  testIdPrefix,
  keepMounted,
}: {
  title: string;
  description?: string;
  tabs: readonly RouteTab[];
  current: string | null;
  onChange: (path: string) => void;
  testIdPrefix: string;
  keepMounted?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <PageHeader title={title} description={description} />
      <Tabs value={current} onChange={(value) => value && onChange(value)} keepMounted={keepMounted}>
        <Tabs.List>
          {tabs.map(({ path, labelKey, icon: TabIcon }) => (
            <Tabs.Tab
              key={path}
              value={path}
              leftSection={<TabIcon size={15} />}
              data-testid={`${testIdPrefix}-${path}`}
            >
              {t(labelKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
