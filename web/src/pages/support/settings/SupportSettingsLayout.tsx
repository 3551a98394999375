import { IconCalendarTime, IconClockHour4, IconMessage2, IconRobot, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { RouteTabsPage } from '../../../components/RouteTabsPage';

const TABS = [
  { path: 'canned', labelKey: 'support.settings.tabs.canned', icon: IconMessage2 },
  { path: 'agents', labelKey: 'support.settings.tabs.agents', icon: IconUsers },
  { path: 'sla', labelKey: 'support.settings.tabs.sla', icon: IconClockHour4 },
  { path: 'calendars', labelKey: 'support.settings.tabs.calendars', icon: IconCalendarTime },
  { path: 'bot', labelKey: 'bot.tab', icon: IconRobot },
] as const;

/** /support/settings/*: the desk's set-up, one tab per route (canned responses, agents, SLA policies, team calendars). */
export default function SupportSettingsLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const current = useLocation().pathname.split('/')[3] || 'canned';
  return (
    <RouteTabsPage
      title={t('support.settings.title')}
      description={t('support.settings.description')}
      tabs={TABS}
      current={current}
      onChange={(path) => navigate(`/support/settings/${path}`)}
      testIdPrefix="support-settings-tab"
    />
  );
}
