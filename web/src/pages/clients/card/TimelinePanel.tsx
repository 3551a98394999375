import { Button, Card, Center, Divider, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { clientsApi } from '../../../api/clients';
import { queryKeys } from '../../../api/queryKeys';
import { EmptyBlock } from '../../../components/EmptyBlock';
import { ErrorState } from '../../../components/ErrorState';
import { TimelineEntry } from './TimelineEntry';

const PAGE_SIZE = 25;

/** The client's whole history, newest first, a page at a time. Live events refresh it. */
export function TimelinePanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const timeline = useInfiniteQuery({
    queryKey: queryKeys.clientTimeline(clientId),
    queryFn: ({ pageParam }) => clientsApi.timeline(clientId, pageParam, PAGE_SIZE),
    initialPageParam: 1,
    getNextPageParam: (last, pages) =>
      pages.reduce((count, page) => count + page.items.length, 0) < last.total && last.items.length > 0
        ? pages.length + 1
        : undefined,
  });

  // Pages are offsets into a list that grows at the top, so an entry can appear twice: keep the first.
  const items = useMemo(() => {
    const seen = new Set<number>();
    return (timeline.data?.pages ?? []).flatMap((page) =>
      page.items.filter((item) => (seen.has(item.id) ? false : (seen.add(item.id), true))),
    );
  }, [timeline.data]);
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
        <EmptyBlock icon={<IconHistory size={20} />} title={t('clients.card.timelineEmpty')} />
      ) : (
        <Stack gap={0}>
          {items.map((item, index) => (
            <Fragment key={item.id}>
              {index > 0 && <Divider variant="dotted" />}
              <TimelineEntry item={item} />
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
