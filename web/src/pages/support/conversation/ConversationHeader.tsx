import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Select,
  Stack,
  TagsInput,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconAlarm,
  IconArrowMerge,
  IconCheck,
  IconDots,
  IconLink,
  IconLinkOff,
  IconTicket,
  IconUserPlus,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AgentView, ConversationDetail } from '../../../../../src/shared/contracts/support';
import {
  CONVERSATION_PRIORITIES,
  CONVERSATION_STATUSES,
  type ConversationPriority,
  type ConversationStatus,
} from '../../../../../src/shared/support';
import type { ConversationPatch } from '../../../api/support';
import { usePermission } from '../../../session/useSession';
import { ChannelIcon, SlaTimer } from '../supportFormat';
import { useFormatters } from '../../../i18n/format';
import classes from '../support.module.css';
import { SnoozeMenu } from './SnoozeMenu';
import { SentimentBadge } from '../SentimentBadge';
import { RaiseComplaintButton } from '../../complaints/RaiseComplaintButton';
import { CallButton } from '../../telephony/CallButton';

export type HeaderAction = 'merge' | 'convert' | 'link' | 'unlink' | 'createClient';

/** The open conversation's title line and its controls: status, priority, assignee, tags, more. */
export function ConversationHeader({
  conversation: c,
  agents,
  myId,
  onPatch,
  onAssign,
  onAction,
}: {
  conversation: ConversationDetail;
  agents: AgentView[];
  myId: string;
  onPatch: (patch: ConversationPatch) => void;
  onAssign: (assigneeId: string | null) => void;
  onAction: (action: HeaderAction) => void;
}) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const who = c.clientName ?? c.contactName ?? c.contactEmail ?? t('support.unknownContact');
  const assignees = agents.map((a) => ({
    value: a.staffId,
    label: a.staffId === myId ? `${a.name} (${t('support.me')})` : a.name,
  }));
  if (c.assigneeId && !assignees.some((a) => a.value === c.assigneeId))
    assignees.push({ value: c.assigneeId, label: c.assigneeName ?? c.assigneeId });
  const done = c.status === 'resolved' || c.status === 'closed';
  // As the server allows (support.supervise): an agent takes an unassigned one or hands on their own.
  const supervise = usePermission('support.supervise');
  const mine = c.assigneeId === myId;
  const canAssign = supervise || mine || c.assigneeId === null;
  const assignable = supervise || mine ? assignees : assignees.filter((a) => a.value === myId);
  return (
    <Stack className={classes.paneHead} px="sm" py={6} gap={6}>
      <Group gap={8} wrap="nowrap" miw={0}>
        <ChannelIcon channel={c.channel} />
        <Text fz="sm" c="dimmed">
          #{c.number}
        </Text>
        <Text fz="sm" fw={600} truncate="end" dir="auto" data-testid="conversation-title">
          {c.subject ? `${c.subject} · ${who}` : who}
        </Text>
        <SentimentBadge flag={c.sentimentFlag} score={c.sentimentScore} />
        <SlaTimer sla={c.sla} status={c.status} />
      </Group>
      <Group gap={6} wrap="wrap">
        <Select
          size="xs"
          w={110}
          aria-label={t('support.field.status')}
          allowDeselect={false}
          // Snoozing needs a time: the Snooze menu beside it sets one.
          data={CONVERSATION_STATUSES.filter((s) => s !== 'snoozed' || c.status === 'snoozed').map((s) => ({
            value: s,
            label: t(`support.status.${s}`),
          }))}
          value={c.status}
          onChange={(value) => value && onPatch({ status: value as ConversationStatus })}
          data-testid="status-select"
        />
        <Select
          size="xs"
          w={100}
          aria-label={t('support.field.priority')}
          allowDeselect={false}
          data={CONVERSATION_PRIORITIES.map((p) => ({ value: p, label: t(`support.priority.${p}`) }))}
          value={c.priority}
          onChange={(value) => value && onPatch({ priority: value as ConversationPriority })}
        />
        {canAssign ? (
          <Select
            size="xs"
            w={150}
            aria-label={t('support.field.assignee')}
            placeholder={t('support.unassigned')}
            clearable
            searchable
            data={assignable}
            value={c.assigneeId}
            onChange={(value) => onAssign(value)}
            data-testid="assignee-select"
          />
        ) : (
          <Text fz="xs" w={150} truncate="end" data-testid="assignee-name">
            {c.assigneeName ?? t('support.unassigned')}
          </Text>
        )}
        <TagsInput
          size="xs"
          miw={120}
          style={{ flex: 1 }}
          aria-label={t('support.field.tags')}
          placeholder={c.tags.length ? undefined : t('support.field.tags')}
          value={c.tags}
          onChange={(tags) => onPatch({ tags })}
          clearable={false}
        />
        <Tooltip label={t('support.actions.resolve')} withArrow>
          <Button
            size="xs"
            variant={done ? 'default' : 'light'}
            color="teal"
            leftSection={<IconCheck size={14} />}
            onClick={() => onPatch({ status: done ? 'open' : 'resolved' })}
            data-testid="resolve"
          >
            {done ? t('support.actions.reopen') : t('support.actions.resolveShort')}
          </Button>
        </Tooltip>
        <RaiseComplaintButton conversationId={c.id} kind={c.kind} linked={!!c.clientId} />
        {c.channel === 'callback' ? (
          // A callback request: the number the visitor left; the call's end closes the request.
          <CallButton
            target={{
              conversationId: c.id,
              ...(c.contactPhone ? { number: c.contactPhone } : {}),
              ...(c.clientId ? { clientId: c.clientId } : {}),
            }}
            name={who}
            callBack
            data-testid="conversation-call-back"
          />
        ) : (
          c.clientId && (
            <CallButton
              target={{ clientId: c.clientId, conversationId: c.id }}
              name={who}
              data-testid="conversation-call"
            />
          )
        )}
        <SnoozeMenu
          snoozedUntil={c.status === 'snoozed' ? c.snoozedUntil : null}
          onSnooze={(until) => onPatch({ snoozedUntil: until.toISOString() })}
          onWake={() => onPatch({ status: 'open' })}
          disabled={c.status === 'closed'}
        />
        {c.status === 'snoozed' && c.snoozedUntil && (
          <Badge
            size="sm"
            variant="light"
            color="grape"
            leftSection={<IconAlarm size={12} />}
            tt="none"
            data-testid="snoozed-until"
          >
            {t('support.snooze.badge', { time: dateTime(c.snoozedUntil) })}
          </Badge>
        )}
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="default" size="md" aria-label={t('support.actions.more')}>
              <IconDots size={16} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<IconArrowMerge size={14} />} onClick={() => onAction('merge')}>
              {t('support.actions.merge')}
            </Menu.Item>
            {c.channel !== 'cabinet' && (
              <Menu.Item leftSection={<IconTicket size={14} />} onClick={() => onAction('convert')}>
                {t('support.actions.convert')}
              </Menu.Item>
            )}
            <Menu.Divider />
            {c.clientId ? (
              <Menu.Item leftSection={<IconLinkOff size={14} />} onClick={() => onAction('unlink')}>
                {t('support.actions.unlink')}
              </Menu.Item>
            ) : (
              <>
                <Menu.Item leftSection={<IconLink size={14} />} onClick={() => onAction('link')}>
                  {t('support.actions.link')}
                </Menu.Item>
                <Menu.Item leftSection={<IconUserPlus size={14} />} onClick={() => onAction('createClient')}>
                  {t('support.actions.createClient')}
                </Menu.Item>
              </>
            )}
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Stack>
  );
}
