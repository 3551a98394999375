import { Button, Card, Group, LoadingOverlay, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconUserSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../api/types';
import { EmptyBlock } from '../../../components/EmptyBlock';
import { ErrorState } from '../../../components/ErrorState';
import { TablePager } from '../../../components/TablePager';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { usePermission } from '../../../session/useSession';
import { CreateStaffModal } from './CreateStaffModal';
import { EditStaffDrawer } from './EditStaffDrawer';
import { StaffFiltersBar } from './StaffFiltersBar';
import { StaffTable } from './StaffTable';
import { useStaffList } from './useStaffList';

export default function StaffTab() {
  const { t } = useTranslation();
  const canWrite = usePermission('staff.write');
  const list = useStaffList();
  const { result } = list;
  const [createOpened, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<Staff | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs" align="flex-end">
        <StaffFiltersBar
          filters={list.filters}
          onChange={list.setFilters}
          onClear={list.clearFilters}
          hasFilters={list.hasFilters}
        />
        {canWrite && (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={createModal.open}
            data-testid="staff-new"
          >
            {t('staff.new')}
          </Button>
        )}
      </Group>

      <Card withBorder padding="xs" pos="relative">
        {result.isPending ? (
          <TableSkeleton />
        ) : result.isError ? (
          <ErrorState error={result.error} onRetry={() => void result.refetch()} />
        ) : result.data.items.length === 0 ? (
          <EmptyBlock
            icon={<IconUserSearch size={22} />}
            title={t('staff.emptyTitle')}
            description={t('staff.emptyDescription')}
          />
        ) : (
          <>
            <LoadingOverlay
              visible={result.isPlaceholderData}
              overlayProps={{ blur: 0, backgroundOpacity: 0.3 }}
              loaderProps={{ size: 'sm' }}
            />
            <StaffTable
              rows={result.data.items}
              sort={list.sort.field}
              order={list.sort.order}
              onSort={list.toggleSort}
              onOpen={canWrite ? setEditing : undefined}
            />
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

      {canWrite && (
        <>
          <CreateStaffModal opened={createOpened} onClose={createModal.close} />
          <EditStaffDrawer staff={editing} onClose={() => setEditing(null)} onChanged={setEditing} />
        </>
      )}
    </Stack>
  );
}
