import { Button, Card, Center, Divider, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientTimeline } from '../../../api/clients';
import { groupTimeline, type TimelineKind } from '../../../../../src/shared/timeline';
import { EmptyBlock } from '../../../components/EmptyBlock';
import { ErrorState } from '../../../components/ErrorState';
import { TimelineEntry } from './TimelineEntry';
import { TimelineGroup } from './TimelineGroup';
import { TimelineKindFilter } from './TimelineKindFilter';

const PAGE_SIZE = 25;

/**
 * The client's history, newest first, a page at a time, of the kinds chosen (the server filters, so
 * paging stays exact). Runs of automatic trading events fold into one line. Live events refresh it.
 */
export function TimelinePanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const timeline = useClientTimeline(clientId, kinds, PAGE_SIZE);

  // Pages are offsets into a list that grows at the top, so an entry can appear twice: keep the first.
  const items = useMemo(() => {
    const seen = new Set<number>();
    return (timeline.data?.pages ?? []).flatMap((page) =>
      page.items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true))),
    );
  }, [timeline.data]);
  const rows = useMemo(() => groupTimeline(items), [items]);
  const total = timeline.data?.pages[0]?.total ?? 0;

  return (
    <Card withBorder padding="sm" data-testid="client-timeline">
      <Group justify="space-between" mb={4}>
        <Title order={3} fz="sm">
          {t('clients.card.timeline')}
        </Title>
        {timeline.data && (
          <Text size="xs" c="dimmed">
            {t('common.total', { count: total })}
          </Text>
        )}
      </Group>
      <TimelineKindFilter value={kinds} onChange={setKinds} counts={timeline.data?.pages[0]?.counts} />
      {timeline.isPending ? (
        <Stack gap="xs" py="xs">
          {Array.from({ length: 5 }, (_, index) => (
            <Group key={index} gap="sm" wrap="nowrap">
              <Skeleton circle height={26} />
              <Stack gap={4} style={{ flex: 1 }}>
                <Skeleton height={12} width="60%" />
                <Skeleton height={10} width="30%" />
              </Stack>
            </Group>
          ))}
        </Stack>
      ) : timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : items.length === 0 ? (
        <EmptyBlock
          icon={<IconHistory size={20} />}
          title={kinds.length ? t('workview.timeline.emptyFiltered') : t('clients.card.timelineEmpty')}
        />
      ) : (
        <Stack gap={0} style={{ opacity: timeline.isPlaceholderData ? 0.6 : undefined }}>
          {rows.map((row, index) => (
            <Fragment key={'entry' in row ? row.entry.id : `group-${row.group[0]!.id}`}>
              {index > 0 && <Divider variant="dotted" />}
              {'entry' in row ? <TimelineEntry item={row.entry} /> : <TimelineGroup items={row.group} />}
            </Fragment>
          ))}
          {timeline.hasNextPage && (
            <Center pt="xs">
              <Button
                size="xs"
                variant="subtle"
                loading={timeline.isFetchingNextPage}
                onClick={() => void timeline.fetchNextPage()}
                data-testid="timeline-more"
              >
                {t('clients.card.loadMore', { count: total - items.length })}
              </Button>
            </Center>
          )}
        </Stack>
      )}
    </Card>
  );
}
