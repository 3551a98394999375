import { Badge, Box, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconMaximize } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useWallboard } from '../../api/reports';
import { ErrorState } from '../../components/ErrorState';
import { useFormatters } from '../../i18n/format';
import { RealtimeProvider, useConnectionState } from '../../realtime/RealtimeProvider';
import { useReportFormat } from './format';

/**
 * /reports/wallboard: the support floor on a big screen, outside the workspace frame. The numbers
 * refetch whenever a support event arrives over the realtime connection (a chat opened, assigned,
 * answered, rated) and every 15 s besides (realtime/invalidation.ts, api/reports.ts).
 */
export default function WallboardPage() {
  return (
    <RealtimeProvider>
      <Wallboard />
    </RealtimeProvider>
  );
}

function Wallboard() {
  const { t } = useTranslation();
  const { clock, number } = useFormatters();
  const fmt = useReportFormat();
  const board = useWallboard();
  const live = useConnectionState();
  const w = board.data;
  const tiles = [
    { key: 'waiting', value: w ? (number(w.waiting, 0, 0) ?? '0') : '…', alert: (w?.waiting ?? 0) > 0 },
    {
      key: 'longestWait',
      value: w ? (w.waiting ? fmt.duration(w.longestWaitSec * 1000) : '—') : '…',
      alert: (w?.longestWaitSec ?? 0) > 120,
    },
    { key: 'agentsOnline', value: w ? (number(w.agentsOnline, 0, 0) ?? '0') : '…', alert: false },
    {
      key: 'todayFrt',
      value: w ? (w.todayFrtSec === null ? '—' : fmt.duration(w.todayFrtSec * 1000)) : '…',
      alert: false,
    },
    { key: 'todayCsat', value: w ? fmt.value('score', w.todayCsat) : '…', alert: false },
  ];
  return (
    <Box p="lg" mih="100vh" data-testid="wallboard-page">
      <Stack gap="lg">
        <Group justify="space-between">
          <Title order={1} fz="h2">
            {t('reports.wallboard.title')}
          </Title>
          <Group gap="xs">
            <Badge color={live === 'open' ? 'teal' : 'gray'} variant="light" data-testid="wallboard-live">
              {live === 'open' ? t('reports.wallboard.live') : t('reports.wallboard.reconnecting')}
            </Badge>
            {board.dataUpdatedAt > 0 && (
              <Text fz="sm" c="dimmed">
                {t('reports.wallboard.updated', { time: clock(new Date(board.dataUpdatedAt).toISOString()) })}
              </Text>
            )}
            <Button
              size="xs"
              variant="default"
              leftSection={<IconMaximize size={14} />}
              onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}
            >
              {t('reports.wallboard.fullscreen')}
            </Button>
            <Button
              component={Link}
              to="/reports/support"
              size="xs"
              variant="subtle"
              leftSection={<IconArrowLeft size={14} />}
            >
              {t('reports.wallboard.back')}
            </Button>
          </Group>
        </Group>
        {board.error ? (
          <ErrorState error={board.error} onRetry={() => void board.refetch()} />
        ) : (
          <SimpleGrid
            cols={{ base: 1, sm: 2, lg: 5 }}
            spacing="lg"
            data-testid={w ? 'wallboard-loaded' : undefined}
          >
            {tiles.map((tile) => (
              <Box
                key={tile.key}
                p="xl"
                style={{
                  borderRadius: 'var(--mantine-radius-md)',
                  border: `2px solid ${tile.alert ? 'var(--mantine-color-orange-filled)' : 'var(--mantine-color-default-border)'}`,
                }}
              >
                <Text fz="lg" c="dimmed">
                  {t(`reports.wallboard.${tile.key}`)}
                </Text>
                <Text fz={64} fw={700} lh={1.1} data-testid={`wallboard-${tile.key}`}>
                  {tile.value}
                </Text>
              </Box>
            ))}
          </SimpleGrid>
        )}
        <Text fz="sm" c="dimmed">
          {t('reports.wallboard.hint')}
        </Text>
      </Stack>
    </Box>
  );
}
