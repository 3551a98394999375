import '@mantine/dates/styles.css';
import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconDownload,
  IconFileImport,
  IconPlus,
  IconTags,
  IconUserShare,
  IconUsers,
  IconX,
} from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clientsApi, readTotal } from '../../api/clients';
import { EmptyBlock } from '../../components/EmptyBlock';
import { PageHeader } from '../../components/PageHeader';
import { ListPager } from '../../components/TablePager';
import { usePermission } from '../../session/useSession';
import { AssignModal } from './AssignModal';
import { ImportWizard } from './import/ImportWizard';
import { ClientsFilterBar } from './list/ClientsFilterBar';
import { ClientsTable } from './list/ClientsTable';
import { includeFor } from './list/clientColumns';
import { ColumnChooser } from './list/ColumnChooser';
import { NewLeadModal } from './list/NewLeadModal';
import { SavedViewsMenu } from './list/SavedViewsMenu';
import { TagModal } from './list/TagModal';
import { useClientColumns } from './list/useClientColumns';
import { useClientListState } from './list/useClientListState';
import { useSalesStatuses } from './useSalesStatuses';
import { ToolButton } from '../../components/ToolButton';
import { QueryCard } from '../../components/QueryCard';

/** /clients: the scoped client list with filters, saved views, bulk actions, import and export. */
export default function ClientsPage() {
  const { t } = useTranslation();
  const canWrite = usePermission('clients.write');
  const canAssign = usePermission('clients.assign');
  const canExport = usePermission('clients.export');
  const columns = useClientColumns();
  const list = useClientListState(includeFor(columns.columns));
  const { result } = list;
  const { labelOf } = useSalesStatuses();
  const [leadOpened, leadModal] = useDisclosure(false);
  const [importOpened, importModal] = useDisclosure(false);
  const [assignOpened, assignModal] = useDisclosure(false);
  const [tagOpened, tagModal] = useDisclosure(false);

  // Selection belongs to the page of results it was made on; another page or filter starts empty.
  const listKey = JSON.stringify([list.filters, list.sort, list.order, list.page, list.pageSize]);
  const [selection, setSelection] = useState<{ key: string; ids: Set<string> }>({
    key: listKey,
    ids: new Set(),
  });
  const selected = useMemo(
    () => (selection.key === listKey ? selection.ids : new Set<string>()),
    [selection, listKey],
  );
  const rows = useMemo(() => result.data?.items ?? [], [result.data]);
  // Only ids still on screen count (a live refresh may have removed a row).
  const selectedIds = rows.filter((row) => selected.has(row.id)).map((row) => row.id);
  const clearSelection = () => setSelection({ key: listKey, ids: new Set() });
  const hasBulk = canAssign || canWrite;
  const total = result.data ? readTotal(result.data) : null;

  const selectionApi = {
    selected,
    toggle: (id: string) =>
      setSelection(() => {
        const ids = new Set(selected);
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { key: listKey, ids };
      }),
    setAll: (checked: boolean) =>
      setSelection({ key: listKey, ids: checked ? new Set(rows.map((row) => row.id)) : new Set() }),
  };

  const selectedTags = [...new Set(rows.filter((row) => selected.has(row.id)).flatMap((row) => row.tags))];

  return (
    <Stack gap="xs" data-testid="page-clients">
      <PageHeader
        title={t('nav.clients')}
        actions={
          <>
            <SavedViewsMenu current={list.currentView} onApply={list.replaceView} />
            <ColumnChooser columns={columns.columns} onToggle={columns.toggle} onReset={columns.reset} />
            {canWrite && (
              <ToolButton
                icon={IconFileImport}
                variant="default"
                onClick={importModal.open}
                data-testid="import-open"
              >
                {t('clients.import.open')}
              </ToolButton>
            )}
            {canExport && (
              <Button
                component="a"
                href={clientsApi.exportUrl(list.apiFilters, { sort: list.sort, order: list.order })}
                download
                size="xs"
                variant="default"
                leftSection={<IconDownload size={14} />}
                data-testid="export-link"
              >
                {t('clients.export')}
              </Button>
            )}
            {canWrite && (
              <ToolButton icon={IconPlus} onClick={leadModal.open} data-testid="lead-new">
                {t('clients.lead.new')}
              </ToolButton>
            )}
          </>
        }
      />

      <ClientsFilterBar
        filters={list.filters}
        onChange={list.setFilters}
        onClear={() => list.replaceView({})}
        hasFilters={list.hasFilters}
      />

      {hasBulk && selectedIds.length > 0 && (
        <Paper
          withBorder
          px="sm"
          py={6}
          radius="sm"
          bg="var(--mantine-primary-color-light)"
          data-testid="clients-bulk-bar"
        >
          <Group gap="xs" justify="space-between">
            <Text size="sm" fw={500}>
              {t('clients.list.selected', { count: selectedIds.length })}
            </Text>
            <Group gap="xs">
              {canAssign && (
                <ToolButton icon={IconUserShare} onClick={assignModal.open} data-testid="bulk-assign">
                  {t('clients.list.assignTo')}
                </ToolButton>
              )}
              {canWrite && (
                <ToolButton icon={IconTags} variant="default" onClick={tagModal.open} data-testid="bulk-tag">
                  {t('clients.list.tag')}
                </ToolButton>
              )}
              <ToolButton icon={IconX} variant="subtle" color="gray" onClick={clearSelection}>
                {t('clients.list.clearSelection')}
              </ToolButton>
            </Group>
          </Group>
        </Paper>
      )}

      <QueryCard
        query={result}
        skeletonRows={12}
        overlay
        footer={() =>
          total &&
          (rows.length > 0 || list.page > 1) && (
            <ListPager pager={list} total={total.count} estimate={total.estimate} />
          )
        }
      >
        {() => (
          <>
            {/* The table (with its header) is always there once loaded; an empty list says why below it. */}
            <ClientsTable
              rows={rows}
              columns={columns.columns}
              sort={list.sort}
              order={list.order}
              onSort={list.toggleSort}
              salesStatusLabel={labelOf}
              selection={hasBulk ? selectionApi : undefined}
            />
            {rows.length === 0 &&
              (list.hasFilters ? (
                <EmptyBlock
                  icon={<IconUsers size={22} />}
                  title={t('clients.list.noMatchesTitle')}
                  description={t('clients.list.noMatchesDescription')}
                  action={
                    <Button size="xs" variant="light" onClick={() => list.replaceView({})}>
                      {t('common.clearFilters')}
                    </Button>
                  }
                />
              ) : (
                <EmptyBlock
                  icon={<IconUsers size={22} />}
                  title={t('clients.list.emptyTitle')}
                  description={t('clients.list.emptyDescription')}
                  action={
                    canWrite ? (
                      <ToolButton icon={IconPlus} variant="light" onClick={leadModal.open}>
                        {t('clients.lead.new')}
                      </ToolButton>
                    ) : undefined
                  }
                />
              ))}
          </>
        )}
      </QueryCard>

      {canWrite && <NewLeadModal opened={leadOpened} onClose={leadModal.close} />}
      {canWrite && <ImportWizard opened={importOpened} onClose={importModal.close} />}
      {canAssign && (
        <AssignModal
          opened={assignOpened}
          clientIds={selectedIds}
          onClose={assignModal.close}
          onDone={clearSelection}
        />
      )}
      {canWrite && (
        <TagModal
          opened={tagOpened}
          clientIds={selectedIds}
          knownTags={selectedTags}
          onClose={tagModal.close}
        />
      )}
    </Stack>
  );
}
