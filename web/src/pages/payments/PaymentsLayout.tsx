import { Stack, Tabs } from '@mantine/core';
import { IconArrowsExchange, IconListCheck, IconScale } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';

const TABS = [
  { path: '', labelKey: 'payments.tabs.queue', icon: IconListCheck, testId: 'payments-tab-queue' },
  {
    path: 'reconciliation',
    labelKey: 'payments.tabs.reconciliation',
    icon: IconScale,
    testId: 'payments-tab-reconciliation',
  },
  { path: 'rates', labelKey: 'payments.tabs.rates', icon: IconArrowsExchange, testId: 'payments-tab-rates' },
] as const;

/** /payments: the finance queue and the reconciliation report, one tab each, driven by the URL. */
export default function PaymentsLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const current = useLocation().pathname.split('/')[2] ?? '';
  return (
    <Stack gap="sm">
      <PageHeader title={t('payments.page.title')} description={t('payments.page.description')} />
      <Tabs value={current} onChange={(value) => navigate(`/payments${value ? `/${value}` : ''}`)}>
        <Tabs.List>
          {TABS.map(({ path, labelKey, icon: Icon, testId }) => (
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
