import '@mantine/dates/styles.css';
import { Card, Group, LoadingOverlay, Stack, Text } from '@mantine/core';
import { IconBolt, IconHistoryOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyBlock } from '../../../components/EmptyBlock';
import { ErrorState } from '../../../components/ErrorState';
import { TablePager } from '../../../components/TablePager';
import { TableSkeleton } from '../../../components/TableSkeleton';
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
        <AuditFiltersBar
          filters={list.filters}
          onChange={list.setFilters}
          onClear={list.clearFilters}
          hasFilters={list.hasFilters}
        />
        <Group gap={4}>
          <IconBolt size={14} color="var(--mantine-color-yellow-6)" />
          <Text size="xs" c="dimmed">
            {t('audit.live')}
          </Text>
        </Group>
      </Group>
      <Card withBorder padding="xs" pos="relative">
        {result.isPending ? (
          <TableSkeleton />
        ) : result.isError ? (
          <ErrorState error={result.error} onRetry={() => void result.refetch()} />
        ) : result.data.items.length === 0 ? (
          <EmptyBlock
            icon={<IconHistoryOff size={22} />}
            title={t('audit.emptyTitle')}
            description={t('audit.emptyDescription')}
          />
        ) : (
          <>
            <LoadingOverlay
              visible={result.isPlaceholderData}
              overlayProps={{ blur: 0, backgroundOpacity: 0.3 }}
              loaderProps={{ size: 'sm' }}
            />
            <AuditTable events={result.data.items} />
          </>
        )}
        {result.data && (
          <TablePager
            page={list.page}
            pageSize={list.pageSize}
            total={result.data.total}
            onPage={list.setPage}
            onPageSize={list.setPageSize}
          />
        )}
      </Card>
    </Stack>
  );
}
