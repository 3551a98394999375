import { Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconPhone, IconPlayerPlay } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientCalls, type CallView } from '../../api/telephony';
import { QueryCard } from '../../components/QueryCard';
import { TablePager } from '../../components/TablePager';
import { useFormatters } from '../../i18n/format';
import { usePermission } from '../../session/useSession';
import { DirectionIcon, DispositionBadge, formatDuration } from './callFormat';
import { RecordingPlayer } from './RecordingPlayer';

const PAGE_SIZE = 10;

/**
 * "Calls" on the client card: every call with this client, newest first — direction, who spoke, the
 * number, start/answer/end, duration, outcome and note, and the recording with a player. Live through
 * the call.* events (the `calls` domain), so a call just ended shows up without a reload.
 */
export function CallsPanel({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const canCall = usePermission('telephony.call');
  const canListen = usePermission('telephony.listen');
  const allowed = canCall || canListen;
  const [page, setPage] = useState(1);
  const calls = useClientCalls(clientId, page, PAGE_SIZE, allowed);
  if (!allowed) return null;
  return (
    <Card withBorder padding="sm" data-testid="calls-panel">
      <Title order={3} fz="md" mb="xs">
        {t('telephony.panel.title')}
      </Title>
      <QueryCard
        query={calls}
        skeletonRows={2}
        overlay
        empty={{
          isEmpty: (data) => data.total === 0,
          icon: <IconPhone size={22} />,
          title: t('telephony.panel.empty'),
          description: t('telephony.panel.emptyHint'),
        }}
        footer={(data) =>
          data.total > PAGE_SIZE && (
            <TablePager page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
          )
        }
      >
        {(data) => (
          <Table.ScrollContainer minWidth={900}>
            <Table fz="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={32}>
                    <Text span fz="xs" fw={600}>
                      {t('telephony.panel.columns.direction')}
                    </Text>
                  </Table.Th>
                  <Table.Th>{t('telephony.panel.columns.staff')}</Table.Th>
                  <Table.Th>{t('telephony.panel.columns.number')}</Table.Th>
                  <Table.Th>{t('telephony.panel.columns.started')}</Table.Th>
                  <Table.Th>{t('telephony.panel.columns.answered')}</Table.Th>
                  <Table.Th>{t('telephony.panel.columns.ended')}</Table.Th>
                  <Table.Th ta="end">{t('telephony.panel.columns.duration')}</Table.Th>
                  <Table.Th>{t('telephony.panel.columns.disposition')}</Table.Th>
                  <Table.Th>{t('telephony.panel.columns.recording')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((call) => (
                  <CallRow key={call.id} call={call} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryCard>
    </Card>
  );
}

function CallRow({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const { dateTimeSeconds, clock } = useFormatters();
  const [playing, setPlaying] = useState(false);
  const canListen = usePermission('telephony.listen');
  const rec = call.recording;
  return (
    <Fragment>
      <Table.Tr data-testid="call-row" data-call-id={call.id} data-state={call.state}>
        <Table.Td>
          <DirectionIcon direction={call.direction} />
        </Table.Td>
        <Table.Td>{call.staffName ?? '—'}</Table.Td>
        <Table.Td>
          <Text span fz="sm" dir="ltr" style={{ whiteSpace: 'nowrap' }}>
            {call.number}
          </Text>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{dateTimeSeconds(call.startedAt)}</Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          {call.answeredAt ? (
            clock(call.answeredAt)
          ) : (
            <Text span fz="xs" c="dimmed">
              {call.state === 'ended' ? t('telephony.panel.notAnswered') : '—'}
            </Text>
          )}
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          {call.endedAt ? (
            <>
              {clock(call.endedAt)}
              {call.endCause && (
                <Text span fz="xs" c="dimmed" ms={4}>
                  ({t(`telephony.cause.${call.endCause}`)})
                </Text>
              )}
            </>
          ) : (
            <Badge size="sm" color="teal" variant="dot">
              {t('telephony.panel.live')}
            </Badge>
          )}
        </Table.Td>
        <Table.Td
          ta="end"
          dir="ltr"
          style={{ fontVariantNumeric: 'tabular-nums' }}
          data-testid="call-duration"
        >
          {call.durationSec === null ? '—' : formatDuration(call.durationSec)}
        </Table.Td>
        <Table.Td>{call.disposition ? <DispositionBadge disposition={call.disposition} /> : '—'}</Table.Td>
        <Table.Td>
          {!rec ? (
            <Text span fz="xs" c="dimmed">
              {t('telephony.panel.noRecording')}
            </Text>
          ) : rec.status === 'pending' ? (
            <Text span fz="xs" c="dimmed">
              {t('telephony.panel.recordingPending')}
            </Text>
          ) : rec.status === 'deleted' ? (
            <Text span fz="xs" c="dimmed">
              {t('telephony.panel.recordingDeleted')}
            </Text>
          ) : canListen ? (
            <Button
              size="compact-xs"
              variant="light"
              leftSection={<IconPlayerPlay size={12} />}
              onClick={() => setPlaying((p) => !p)}
              aria-expanded={playing}
              data-testid="call-listen"
            >
              {playing ? t('telephony.panel.hide') : t('telephony.panel.listen')}
              {rec.durationSec ? ` · ${formatDuration(rec.durationSec)}` : ''}
            </Button>
          ) : (
            <Text span fz="xs" c="dimmed">
              {rec.durationSec ? formatDuration(rec.durationSec) : ''}
            </Text>
          )}
        </Table.Td>
      </Table.Tr>
      {(call.note || playing) && (
        <Table.Tr>
          <Table.Td />
          <Table.Td colSpan={8}>
            <Group gap="md" wrap="wrap" align="center">
              {call.note && (
                <Text fz="sm" dir="auto" style={{ whiteSpace: 'pre-wrap' }} data-testid="call-note">
                  <Text span fz="xs" c="dimmed" me={4}>
                    {t('telephony.panel.columns.note')}:
                  </Text>
                  {call.note}
                </Text>
              )}
              {playing && (
                <RecordingPlayer
                  callId={call.id}
                  label={t('telephony.player.label', { when: dateTimeSeconds(call.startedAt) })}
                />
              )}
            </Group>
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}
