import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { RouteTabsPage } from '../../components/RouteTabsPage';
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
    <RouteTabsPage
      title={t('admin.title')}
      tabs={tabs}
      current={current ?? null}
      onChange={(path) => navigate(`/admin/${path}`)}
      testIdPrefix="admin-tab"
      keepMounted={false}
    />
  );
}
