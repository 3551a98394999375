import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useConversations, useSupportLive } from '../../api/support';
import { INBOX_VIEWS, type InboxView } from '../../../../src/shared/support';
import { ConversationPane } from './conversation/ConversationPane';
import { ConversationList, type InboxSort } from './inbox/ConversationList';
import { NO_INBOX_FILTERS, ViewsPanel, type InboxFilters } from './inbox/ViewsPanel';
import { useShortcuts } from './keyboard';
import { ShortcutsModal } from './ShortcutsModal';
import classes from './support.module.css';

const PAGE_SIZE = 50;

/**
 * /support: the agent inbox. Views and filters on the left, the conversations in the middle, the
 * open conversation and its client on the right. Support events refresh the `support` domain and
 * live conversation pushes refresh the lists and follow the open thread by seq (api/support.ts).
 */
export default function InboxPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const viewParam = params.get('view') as InboxView | null;
  const view: InboxView = viewParam && INBOX_VIEWS.includes(viewParam) ? viewParam : 'mine';
  const openId = params.get('c');
  const [filters, setFilters] = useState<InboxFilters>(NO_INBOX_FILTERS);
  const [sort, setSort] = useState<InboxSort>({ sort: 'lastMessageAt', order: 'desc' });
  const [page, setPage] = useState(1);
  const [help, setHelp] = useState(false);
  useSupportLive();

  const list = useConversations({ view, ...filters, ...sort, page, pageSize: PAGE_SIZE });
  const items = list.data?.items;

  const update = (patch: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) next.delete(k);
          else next.set(k, v);
        }
        return next;
      },
      { replace: true },
    );
  const open = (id: string) => update({ c: id });
  const step = (by: number) => {
    if (!items || items.length === 0) return;
    const at = items.findIndex((row) => row.id === openId);
    const next = at === -1 ? 0 : Math.min(items.length - 1, Math.max(0, at + by));
    open(items[next]!.id);
  };
  useShortcuts({ j: () => step(1), k: () => step(-1), '?': () => setHelp(true) });

  return (
    <>
      <h1
        className="visually-hidden"
        style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
      >
        {t('support.page.title')}
      </h1>
      <div className={classes.inbox} data-testid="support-inbox">
        <div className={`${classes.col} ${classes.views}`}>
          <ViewsPanel
            view={view}
            onView={(v) => {
              setPage(1);
              update({ view: v });
            }}
            filters={filters}
            onFilters={(patch) => {
              setPage(1);
              setFilters((f) => ({ ...f, ...patch }));
            }}
          />
        </div>
        <div className={classes.col}>
          <ConversationList
            items={items}
            total={list.data?.total ?? 0}
            loading={list.isPending}
            fetching={list.isFetching && !list.isPending}
            openId={openId}
            onOpen={open}
            sort={sort}
            onSort={(s) => {
              setPage(1);
              setSort(s);
            }}
            page={page}
            pageSize={PAGE_SIZE}
            onPage={setPage}
          />
        </div>
        <ConversationPane id={openId} />
      </div>
      <ShortcutsModal opened={help} onClose={() => setHelp(false)} />
    </>
  );
}
