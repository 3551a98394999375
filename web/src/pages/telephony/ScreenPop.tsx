import { Affix, Anchor, Button, CloseButton, Group, Paper, Stack, Text, useDirection } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPhoneIncoming, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useClient } from '../../api/clients';
import { useHangup, useSimAnswer, useSimPbx, type CallView } from '../../api/telephony';
import { useErrorMessage } from '../../components/useErrorMessage';
import { eventBus } from '../../realtime/eventBus';
import { usePermission } from '../../session/useSession';
import { ClientStatusBadge } from '../clients/components/ClientStatusBadge';
import { NewLeadModal } from '../clients/list/NewLeadModal';

type Candidate = { id: string; name: string };
/** Who the number may be: the clients the staff member sees, and whether others have it too. */
type Callers = { candidates: Candidate[]; outsideScope: boolean };
const NOBODY: Callers = { candidates: [], outsideScope: false };

/** The callers each inbound call's `call.inbound_ringing` named, by call id (kept across re-mounts). */
const callersByCall = new Map<string, Callers>();
eventBus.subscribe((event) => {
  if (event.type !== 'call.inbound_ringing') return;
  const { callId, candidates, outsideScope } = event.payload as {
    callId?: unknown;
    candidates?: unknown;
    outsideScope?: unknown;
  };
  if (typeof callId === 'string' && Array.isArray(candidates))
    callersByCall.set(callId, { candidates: candidates as Candidate[], outsideScope: outsideScope === true });
});

function useCallers(callId: string): Callers {
  const [callers, setCallers] = useState(() => callersByCall.get(callId) ?? NOBODY);
  useEffect(() => {
    setCallers(callersByCall.get(callId) ?? NOBODY);
    return eventBus.subscribe((event) => {
      if (event.type === 'call.inbound_ringing' && event.payload.callId === callId)
        setCallers(callersByCall.get(callId) ?? NOBODY);
    });
  }, [callId]);
  return callers;
}

/**
 * The inbound screen pop: while a call rings the staff member's extension, who is calling — the
 * client's card in brief (status, manager, a link to the full card), or the clients sharing the
 * number, or "create lead" for a number nobody has. On the simulated PBX it also offers the desk
 * phone's answer button, so a person trying the demo alone can take the call.
 */
export function ScreenPop({ call }: { call: CallView }) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const toMessage = useErrorMessage();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [leadOpened, lead] = useDisclosure(false);
  const canWrite = usePermission('clients.write');
  const { candidates, outsideScope } = useCallers(call.id);
  const sim = useSimPbx();
  const onError = (error: Error) =>
    notifications.show({ color: 'red', title: t('common.error'), message: toMessage(error) });
  const answer = useSimAnswer({ onError });
  const decline = useHangup({ onError });
  if (dismissed === call.id) return null;
  const others = candidates.filter((c) => c.id !== call.clientId);

  return (
    <Affix position={{ top: 124, [dir === 'rtl' ? 'left' : 'right']: 16 }} zIndex={300}>
      <Paper
        withBorder
        shadow="lg"
        p="sm"
        w={320}
        role="alertdialog"
        aria-labelledby="screen-pop-title"
        data-testid="screen-pop"
        data-call-id={call.id}
      >
        <Stack gap="xs">
          <Group justify="space-between" wrap="nowrap">
            <Group gap={6} wrap="nowrap">
              <IconPhoneIncoming size={18} />
              <Text fw={700} id="screen-pop-title">
                {t('telephony.pop.title')}
              </Text>
            </Group>
            <CloseButton
              size="sm"
              aria-label={t('telephony.pop.close')}
              onClick={() => setDismissed(call.id)}
            />
          </Group>
          <Text fz="sm" dir="ltr" ta={dir === 'rtl' ? 'right' : 'left'} data-testid="screen-pop-number">
            {t('telephony.pop.from', { number: call.number })}
          </Text>
          {call.clientId ? (
            <CallerCard clientId={call.clientId} />
          ) : others.length > 0 ? (
            <Stack gap={2} data-testid="screen-pop-candidates">
              <Text fz="sm">{t('telephony.pop.candidates')}</Text>
              {others.map((c) => (
                <Anchor key={c.id} component={Link} to={`/clients/${c.id}`} fz="sm">
                  {c.name}
                </Anchor>
              ))}
            </Stack>
          ) : outsideScope ? (
            <Text fz="sm" data-testid="screen-pop-outside-scope">
              {t('telephony.pop.outsideScope')}
            </Text>
          ) : (
            <Group justify="space-between" data-testid="screen-pop-unknown">
              <Text fz="sm" c="dimmed">
                {t('telephony.pop.unknown')}
              </Text>
              {canWrite && (
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconUserPlus size={14} />}
                  onClick={lead.open}
                  data-testid="screen-pop-create-lead"
                >
                  {t('telephony.pop.createLead')}
                </Button>
              )}
            </Group>
          )}
          <Group gap="xs" justify="flex-end">
            <Button
              size="xs"
              variant="default"
              onClick={() => decline.mutate(call.id)}
              loading={decline.isPending}
            >
              {t('telephony.pop.decline')}
            </Button>
            {sim.data && call.state === 'ringing' && (
              <Button
                size="xs"
                color="teal"
                onClick={() => answer.mutate()}
                loading={answer.isPending}
                data-testid="screen-pop-answer"
              >
                {t('telephony.pop.answer')}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      {canWrite && <NewLeadModal opened={leadOpened} onClose={lead.close} initialPhone={call.number} />}
    </Affix>
  );
}

/** The caller's card in brief: enough to greet them by name before picking up. */
function CallerCard({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const client = useClient(clientId);
  if (!client.data) return null;
  const c = client.data;
  return (
    <Stack gap={4} data-testid="screen-pop-client" data-client-id={c.id}>
      <Group gap="xs" wrap="nowrap">
        <Text fw={600} fz="md" truncate="end" data-testid="screen-pop-client-name">
          {c.name}
        </Text>
        <ClientStatusBadge status={c.status} />
      </Group>
      <Text fz="xs" c="dimmed">
        {t('telephony.pop.manager', { name: c.managerName ?? t('clients.noManager') })}
      </Text>
      <Button
        component={Link}
        to={`/clients/${c.id}`}
        size="xs"
        variant="light"
        data-testid="screen-pop-open-card"
      >
        {t('telephony.pop.openCard')}
      </Button>
    </Stack>
  );
}
