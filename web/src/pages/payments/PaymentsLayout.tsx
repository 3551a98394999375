import { IconArrowsExchange, IconListCheck, IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { RouteTabsPage } from '../../components/RouteTabsPage';
import { usePermission } from '../../session/useSession';

const TABS = [
  { path: 'queue', labelKey: 'payments.tabs.queue', icon: IconListCheck },
  {
    path: 'reconciliation',
    labelKey: 'payments.tabs.reconciliation',
    icon: IconScale,
    finance: true,
  },
  {
    path: 'rates',
    labelKey: 'payments.tabs.rates',
    icon: IconArrowsExchange,
    finance: true,
  },
] as const;

/** /payments: the finance queue and the reconciliation report, one tab each, driven by the URL. */
export default function PaymentsLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Managers (payments.read) see their clients' requests; reconciliation and rates are finance's.
  const finance = usePermission('payments.execute');
  const tabs = TABS.filter((tab) => finance || !('finance' in tab));
  // The queue is /payments itself; the tab needs a non-empty value.
  const current = useLocation().pathname.split('/')[2] || 'queue';
  return (
    <RouteTabsPage
      title={t('payments.page.title')}
      description={t('payments.page.description')}
      tabs={tabs}
      current={current}
      onChange={(path) => navigate(path !== 'queue' ? `/payments/${path}` : '/payments')}
      testIdPrefix="payments-tab"
    />
  );
}
