import { Anchor, Button, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhoneOff } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCurrentCall, useHangup, type CallView } from '../../api/telephony';
import { useErrorMessage } from '../../components/useErrorMessage';
import { usePermission } from '../../session/useSession';
import { DirectionIcon, formatDuration, useElapsed } from './callFormat';
import { DispositionModal } from './DispositionModal';
import { ScreenPop } from './ScreenPop';

/** The call waiting for its outcome survives a reload (the call itself has ended by then). */
const PENDING_KEY = 'bd.call.pendingDisposition';

function readPending(): string | null {
  try {
    return sessionStorage.getItem(PENDING_KEY);
  } catch {
    return null;
  }
}

function writePending(callId: string | null): void {
  try {
    if (callId) sessionStorage.setItem(PENDING_KEY, callId);
    else sessionStorage.removeItem(PENDING_KEY);
  } catch {
    // private mode: the prompt then only lives as long as the page
  }
}

/**
 * The live call bar over every page: who is on the line, where the call stands (your phone ringing,
 * the client's ringing, talking) with a timer, and Hang up. It reads GET /api/calls/current, which the
 * call.* events refresh, so it follows the phone system live and comes back after a reload. When a
 * call ends it asks for the outcome (disposition and note); an unanswered inbound call asks nothing.
 */
export function CallBar() {
  const allowed = usePermission('telephony.call');
  const current = useCurrentCall(allowed);
  const call = current.data ?? null;
  const [pending, setPending] = useState<string | null>(readPending);
  const last = useRef<CallView | null>(null);

  useEffect(() => {
    if (!current.isSuccess) return;
    const before = last.current;
    last.current = call;
    // The call we showed is gone (ended): ask for its outcome, unless it was an inbound call nobody took.
    if (before && before.id !== call?.id && !(before.direction === 'inbound' && !before.answeredAt)) {
      setPending(before.id);
      writePending(before.id);
    }
  }, [call, current.isSuccess]);

  const done = () => {
    setPending(null);
    writePending(null);
  };

  if (!allowed) return null;
  return (
    <>
      {call && <LiveCall call={call} />}
      {call && call.direction === 'inbound' && call.state !== 'answered' && <ScreenPop call={call} />}
      <DispositionModal callId={call ? null : pending} onDone={done} />
    </>
  );
}

function LiveCall({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const hangup = useHangup({
    onError: (error) =>
      notifications.show({ color: 'red', title: t('common.error'), message: toMessage(error) }),
  });
  const talking = call.state === 'answered';
  const elapsed = useElapsed(talking ? call.answeredAt : call.startedAt);
  const stateLabel =
    call.state === 'ringing' && call.direction === 'inbound'
      ? t('telephony.state.ringingInbound')
      : t(`telephony.state.${call.state}`);
  const who = call.clientName ?? t('telephony.bar.unknownCaller');

  return (
    <Paper
      withBorder
      shadow="sm"
      px="sm"
      py={6}
      mb="sm"
      pos="sticky"
      top={60}
      style={{ zIndex: 150 }}
      role="region"
      aria-label={t('telephony.bar.label')}
      data-testid="call-bar"
      data-call-id={call.id}
      data-state={call.state}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" miw={0}>
          <DirectionIcon direction={call.direction} />
          {call.clientId ? (
            <Anchor component={Link} to={`/clients/${call.clientId}`} fw={600} fz="sm" truncate="end">
              {who}
            </Anchor>
          ) : (
            <Text fw={600} fz="sm" truncate="end">
              {who}
            </Text>
          )}
          <Text fz="sm" c="dimmed" dir="ltr" style={{ whiteSpace: 'nowrap' }}>
            {call.number}
          </Text>
          <Text
            fz="sm"
            c={talking ? 'teal' : 'dimmed'}
            fw={500}
            aria-live="polite"
            data-testid="call-bar-state"
          >
            {stateLabel}
          </Text>
        </Group>
        <Group gap="sm" wrap="nowrap">
          <Text
            fz="sm"
            fw={600}
            dir="ltr"
            style={{ fontVariantNumeric: 'tabular-nums' }}
            aria-label={t('telephony.bar.timer')}
            data-testid="call-bar-timer"
          >
            {formatDuration(elapsed)}
          </Text>
          <Button
            size="xs"
            color="red"
            leftSection={<IconPhoneOff size={14} />}
            onClick={() => hangup.mutate(call.id)}
            loading={hangup.isPending}
            data-testid="call-bar-hangup"
          >
            {t('telephony.bar.hangUp')}
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}
