import { Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { can, useUser } from '../../session/useSession';
import { ADMIN_TABS } from './adminTabs';

/** /admin: tab bar driven by the URL, so every tab is linkable and survives reloads. */
export default function AdminLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = ADMIN_TABS.filter((tab) => !tab.permission || can(user, tab.permission));
  const current = pathname.split('/')[2];

  // /admin itself (or a tab this user cannot see) opens the first available tab.
  const first = tabs[0];
  if (first && !tabs.some((tab) => tab.path === current)) {
    return <Navigate to={`/admin/${first.path}`} replace />;
  }

  return (
    <Stack gap="sm">
      <PageHeader title={t('admin.title')} />
      <Tabs
        value={current ?? null}
        onChange={(value) => value && navigate(`/admin/${value}`)}
        keepMounted={false}
      >
        <Tabs.List>
          {tabs.map(({ path, labelKey, icon: Icon }) => (
            <Tabs.Tab
              key={path}
              value={path}
              leftSection={<Icon size={15} />}
              data-testid={`admin-tab-${path}`}
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
