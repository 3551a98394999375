import { Stack, Tabs } from '@mantine/core';
import { IconArrowsExchange, IconListCheck, IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { usePermission } from '../../session/useSession';

const TABS = [
  { path: 'queue', labelKey: 'payments.tabs.queue', icon: IconListCheck, testId: 'payments-tab-queue' },
  {
    path: 'reconciliation',
    labelKey: 'payments.tabs.reconciliation',
    icon: IconScale,
    testId: 'payments-tab-reconciliation',
    finance: true,
  },
  {
    path: 'rates',
    labelKey: 'payments.tabs.rates',
    icon: IconArrowsExchange,
    testId: 'payments-tab-rates',
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
    <Stack gap="sm">
      <PageHeader title={t('payments.page.title')} description={t('payments.page.description')} />
      <Tabs
        value={current}
        onChange={(value) => navigate(value && value !== 'queue' ? `/payments/${value}` : '/payments')}
      >
        <Tabs.List>
          {tabs.map(({ path, labelKey, icon: Icon, testId }) => (
            <Tabs.Tab key={path} value={path} leftSection={<Icon size={15} />} data-testid={testId}>
              {t(labelKey)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
