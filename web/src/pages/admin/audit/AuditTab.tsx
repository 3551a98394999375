import '@mantine/dates/styles.css';
import { Group, Stack, Text } from '@mantine/core';
import { IconBolt, IconHistoryOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PagedQueryCard } from '../../../components/QueryCard';
import { AuditFiltersBar } from './AuditFiltersBar';
import { AuditTable } from './AuditTable';
import { useAuditList } from './useAuditList';

/** Newest-first audit trail; rows arrive live through realtime query invalidation. */
export default function AuditTab() {
  const { t } = useTranslation();
  const list = useAuditList();
  const { result } = list;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="xs">
        <AuditFiltersBar {...list.bar} />
        <Group gap={4}>
          <IconBolt size={14} color="var(--mantine-color-yellow-6)" />
          <Text size="xs" c="dimmed">
            {t('audit.live')}
          </Text>
        </Group>
      </Group>
      <PagedQueryCard
        query={result}
        pager={list}
        empty={{
          icon: <IconHistoryOff size={22} />,
          title: t('audit.emptyTitle'),
          description: t('audit.emptyDescription'),
        }}
      >
        {(data) => <AuditTable events={data.items} />}
      </PagedQueryCard>
    </Stack>
  );
}
