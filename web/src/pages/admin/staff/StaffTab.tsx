import { Group, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../../src/shared/contracts/identity';
import { AddButton } from '../../../components/AddButton';
import { PagedQueryCard } from '../../../components/QueryCard';
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
        <StaffFiltersBar {...list.bar} />
        {canWrite && <AddButton label={t('staff.new')} onClick={createModal.open} testId="staff-new" />}
      </Group>

      <PagedQueryCard
        query={result}
        pager={list}
        empty={{
          icon: <IconUserSearch size={22} />,
          title: t('staff.emptyTitle'),
          description: t('staff.emptyDescription'),
        }}
      >
        {(data) => (
          <StaffTable
            rows={data.items}
            sort={list.sort.field}
            order={list.sort.order}
            onSort={list.toggleSort}
            onOpen={canWrite ? setEditing : undefined}
          />
        )}
      </PagedQueryCard>

      {canWrite && (
        <>
          <CreateStaffModal opened={createOpened} onClose={createModal.close} />
          <EditStaffDrawer staff={editing} onClose={() => setEditing(null)} onChanged={setEditing} />
        </>
      )}
    </Stack>
  );
}
