import { Badge, Card, EmptyState, Stack, Text } from '@mantine/core';
import {
  IconBook2,
  IconChartBar,
  IconCreditCard,
  IconInbox,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader';

type Section = 'clients' | 'inbox' | 'payments' | 'knowledgeBase' | 'reports';

const ICONS: Record<Section, Icon> = {
  clients: IconUsers,
  inbox: IconInbox,
  payments: IconCreditCard,
  knowledgeBase: IconBook2,
  reports: IconChartBar,
};

/** Placeholder for workspace areas that are planned but not built yet. */
export function ComingSoonPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  const Icon = ICONS[section];
  const name = t(`nav.${section}`);

  return (
    <Stack gap="sm" data-testid={`page-${section}`}>
      <PageHeader title={name} />
      <Card withBorder padding="xl">
        <EmptyState
          variant="light"
          size="md"
          icon={<Icon size={26} stroke={1.5} />}
          title={t('placeholder.title', { section: name })}
          description={t(`placeholder.${section}`)}
          data-testid="coming-soon"
        >
          <EmptyState.Actions>
            <Stack gap={6} align="center">
              <Badge variant="light" color="gray">
                {t('placeholder.badge')}
              </Badge>
              <Text size="xs" c="dimmed" ta="center">
                {t('placeholder.available')}
              </Text>
            </Stack>
          </EmptyState.Actions>
        </EmptyState>
      </Card>
    </Stack>
  );
}
