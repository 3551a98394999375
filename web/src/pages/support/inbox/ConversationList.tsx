import {
  Avatar,
  Box,
  Group,
  Loader,
  Pagination,
  ScrollArea,
  Select,
  Skeleton,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ConversationQuery } from '../../../api/support';
import { EmptyBlock } from '../../../components/EmptyBlock';
import { SentimentBadge } from '../SentimentBadge';
import { useFormatters } from '../../../i18n/format';
import type { ConversationSummary } from '../../../../../src/shared/contracts/support';
import { ChannelIcon, ConversationStatusBadge, PriorityBadge, SlaTimer, initials } from '../supportFormat';
import { ComplaintBadge } from '../../complaints/complaintFormat';
import classes from '../support.module.css';

export type InboxSort = Required<Pick<ConversationQuery, 'sort' | 'order'>>;

const SORTS: { value: string; sort: InboxSort }[] = [
  { value: 'lastMessageAt:desc', sort: { sort: 'lastMessageAt', order: 'desc' } },
  { value: 'waitingSince:asc', sort: { sort: 'waitingSince', order: 'asc' } },
  { value: 'createdAt:desc', sort: { sort: 'createdAt', order: 'desc' } },
  { value: 'priority:desc', sort: { sort: 'priority', order: 'desc' } },
];

function Row({ row, active, onOpen }: { row: ConversationSummary; active: boolean; onOpen: () => void }) {
  const { t } = useTranslation();
  const { relative } = useFormatters();
  const who = row.clientName ?? row.contactName ?? row.contactEmail ?? t('support.unknownContact');
  return (
    <UnstyledButton
      className={classes.row}
      data-active={active || undefined}
      data-unassigned={row.assigneeId === null || undefined}
      onClick={onOpen}
      aria-current={active ? 'true' : undefined}
      data-testid="conversation-row"
      data-number={row.number}
    >
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap" miw={0}>
          <ChannelIcon channel={row.channel} size={14} />
          <Text fz="sm" fw={600} truncate="end" dir="auto">
            {who}
          </Text>
        </Group>
        <Group gap={6} wrap="nowrap">
          <SentimentBadge flag={row.sentimentFlag} score={row.sentimentScore} />
          <PriorityBadge priority={row.priority} />
          <SlaTimer sla={row.sla} status={row.status} />
        </Group>
      </Group>
      <Text fz="xs" truncate="end" dir="auto" mt={2}>
        <Text span fz="xs" c="dimmed" mr={4}>
          #{row.number}
        </Text>
        {row.subject ? <b>{row.subject} </b> : null}
        <Text span fz="xs" c="dimmed">
          {row.preview ?? ''}
        </Text>
      </Text>
      <Group gap={6} wrap="nowrap" justify="space-between" mt={4}>
        <Group gap={6} wrap="nowrap">
          <ConversationStatusBadge status={row.status} />
          {row.kind === 'complaint' && <ComplaintBadge />}
          {row.language && (
            <Text span fz={10} fw={600} c="dimmed" tt="uppercase">
              {row.language}
            </Text>
          )}
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text span fz={11} c="dimmed">
            {relative(row.lastMessageAt ?? row.createdAt)}
          </Text>
          <Tooltip label={row.assigneeName ?? t('support.unassigned')} withArrow openDelay={200}>
            <Avatar
              size={18}
              radius="xl"
              color={row.assigneeId ? 'blue' : 'gray'}
              aria-label={row.assigneeName ?? t('support.unassigned')}
            >
              {row.assigneeId ? initials(row.assigneeName) : '–'}
            </Avatar>
          </Tooltip>
        </Group>
      </Group>
    </UnstyledButton>
  );
}

/** The middle column: dense rows, sort, paging; loading and empty states. */
export function ConversationList({
  items,
  total,
  loading,
  fetching,
  openId,
  onOpen,
  sort,
  onSort,
  page,
  pageSize,
  onPage,
}: {
  items: ConversationSummary[] | undefined;
  total: number;
  loading: boolean;
  fetching: boolean;
  openId: string | null;
  onOpen: (id: string) => void;
  sort: InboxSort;
  onSort: (sort: InboxSort) => void;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Stack gap={0} h="100%">
      <Group justify="space-between" px="xs" py={6} className={classes.listHead} wrap="nowrap">
        <Group gap={6}>
          <Text fz="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {t('support.inbox.count', { count: total })}
          </Text>
          {fetching && <Loader size={12} />}
        </Group>
        <Select
          size="xs"
          w={150}
          aria-label={t('support.inbox.sort')}
          allowDeselect={false}
          data={SORTS.map((s) => ({ value: s.value, label: t(`support.sort.${s.value.replace(':', '_')}`) }))}
          value={`${sort.sort}:${sort.order}`}
          onChange={(value) => {
            const next = SORTS.find((s) => s.value === value);
            if (next) onSort(next.sort);
          }}
        />
      </Group>
      <ScrollArea style={{ flex: 1 }} type="auto">
        {loading ? (
          <Stack gap={4} p="xs">
            {[0, 1, 2, 3, 4].map((i) => (
              <Skeleton key={i} h={64} radius="sm" />
            ))}
          </Stack>
        ) : !items || items.length === 0 ? (
          <EmptyBlock
            icon={<IconInbox />}
            title={t('support.inbox.empty')}
            description={t('support.inbox.emptyHint')}
          />
        ) : (
          <Box role="list" aria-label={t('support.inbox.list')}>
            {items.map((row) => (
              <Box role="listitem" key={row.id}>
                <Row row={row} active={row.id === openId} onOpen={() => onOpen(row.id)} />
              </Box>
            ))}
          </Box>
        )}
      </ScrollArea>
      {pages > 1 && (
        <Group justify="center" py={6} className={classes.listFoot}>
          <Pagination size="xs" total={pages} value={page} onChange={onPage} />
        </Group>
      )}
    </Stack>
  );
}
