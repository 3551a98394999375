import { Select, Stack } from '@mantine/core';
import { IconBroadcast } from '@tabler/icons-react';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useOnlineClients } from '../../api/trading';
import { PageHeader } from '../../components/PageHeader';
import { PAGE_SIZES, TablePager } from '../../components/TablePager';
import { useUser } from '../../session/useSession';
import { useStaffPicker } from '../clients/useStaffPicker';
import { OnlineTable } from './OnlineTable';
import { QueryCard } from '../../components/QueryCard';

const DEFAULT_PAGE_SIZE = 50;

/** Paging and the manager filter live in the URL, so the view survives a reload and can be shared. */
function useOnlineParams() {
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = Number(params.get('pageSize'));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE;
  const managerId = params.get('managerId') || null;
  const update = useCallback(
    (patch: Record<string, string | number | null>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(patch)) {
            if (value === null || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { page, pageSize, managerId, update };
}

/**
 * /online: Live clients logged in to the trading terminal, the ones most worth a call first (the
 * server sorts by priority). Events and live account pushes keep it current without a reload.
 */
export default function OnlinePage() {
  const { t } = useTranslation();
  const user = useUser();
  const { page, pageSize, managerId, update } = useOnlineParams();
  // Team leads pick among their team; admins and back office among everyone (the server scopes anyway).
  const managers = useStaffPicker({ teamId: user.role === 'team_lead' ? user.teamId : null });
  const online = useOnlineClients({ page, pageSize, managerId });
  const rows = online.data?.items ?? [];
  const total = online.data?.total ?? 0;
  const lastPage = Math.max(1, Math.ceil(total / pageSize));

  // Clients log out while you look: a page that emptied moves back to the last one that has rows.
  useEffect(() => {
    if (online.data && page > lastPage) update({ page: lastPage === 1 ? null : lastPage });
  }, [online.data, page, lastPage, update]);

  return (
    <Stack gap="xs" data-testid="page-online">
      <PageHeader
        title={t('online.page.title')}
        description={t('online.page.description')}
        actions={
          managers.allowed && (
            <Select
              size="xs"
              w={260}
              aria-label={t('online.page.manager')}
              placeholder={t('online.page.anyManager')}
              data={managers.options}
              value={managerId}
              onChange={(value) => update({ managerId: value, page: null })}
              clearable
              searchable
              data-testid="online-filter-manager"
            />
          )
        }
      />
      <QueryCard
        query={online}
        skeletonRows={10}
        overlay
        footer={() =>
          total > 0 && (
            <TablePager
              page={page}
              pageSize={pageSize}
              total={total}
              onPage={(next) => update({ page: next === 1 ? null : next })}
              onPageSize={(next) => update({ pageSize: next, page: null })}
            />
          )
        }
        empty={{
          isEmpty: () => rows.length === 0,
          icon: <IconBroadcast size={22} />,
          title: t('online.page.emptyTitle'),
          description: managerId ? t('online.page.emptyFiltered') : t('online.page.emptyDescription'),
        }}
      >
        {() => <OnlineTable rows={rows} />}
      </QueryCard>
    </Stack>
  );
}
