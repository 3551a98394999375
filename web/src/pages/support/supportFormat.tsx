import { Badge, Text, Tooltip } from '@mantine/core';
import {
  IconBrowser,
  IconId,
  IconMail,
  IconMessageCircle,
  IconPhoneCall,
  type Icon,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaView } from '../../../../src/shared/contracts/support';
import type {
  ConversationPriority,
  ConversationStatus,
  SupportChannel,
} from '../../../../src/shared/support';

const CHANNEL_ICONS: Record<SupportChannel, Icon> = {
  chat: IconMessageCircle,
  email: IconMail,
  cabinet: IconId,
  callback: IconPhoneCall,
};

export function ChannelIcon({ channel, size = 16 }: { channel: SupportChannel; size?: number }) {
  const { t } = useTranslation();
  const Glyph = CHANNEL_ICONS[channel] ?? IconBrowser;
  const label = t(`support.channel.${channel}`);
  return (
    <Tooltip label={label} withArrow openDelay={200}>
      <Glyph size={size} stroke={1.6} role="img" aria-label={label} style={{ flexShrink: 0 }} />
    </Tooltip>
  );
}

const STATUS_COLORS: Record<ConversationStatus, string> = {
  open: 'blue',
  pending: 'yellow',
  snoozed: 'grape',
  resolved: 'teal',
  closed: 'gray',
};

export function ConversationStatusBadge({ status }: { status: ConversationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="light" color={STATUS_COLORS[status]} data-status={status}>
      {t(`support.status.${status}`)}
    </Badge>
  );
}

const PRIORITY_COLORS: Record<ConversationPriority, string | null> = {
  low: 'gray',
  normal: null,
  high: 'orange',
  urgent: 'red',
};

/** Only what stands out: "normal" shows nothing. */
export function PriorityBadge({ priority }: { priority: ConversationPriority }) {
  const { t } = useTranslation();
  const color = PRIORITY_COLORS[priority];
  if (!color || priority === 'low') return null;
  return (
    <Badge size="xs" variant="filled" color={color}>
      {t(`support.priority.${priority}`)}
    </Badge>
  );
}

/** A clock that ticks, for the live SLA timers (one interval per mounted timer is cheap at 1 s). */
export function useTick(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "1h 05m", "4m 09s", "2d 3h": the span between now and a deadline, unsigned. */
export function formatSpan(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  return `${m}m ${String(sec).padStart(2, '0')}s`;
}

/** The deadline that matters now: the first response until it is given, then the next response, then resolution. */
export function nextDeadline(sla: SlaView): { target: 'first' | 'next' | 'resolution'; at: string } | null {
  if (sla.firstResponseDueAt) return { target: 'first', at: sla.firstResponseDueAt };
  if (sla.nextResponseDueAt) return { target: 'next', at: sla.nextResponseDueAt };
  if (sla.resolutionDueAt) return { target: 'resolution', at: sla.resolutionDueAt };
  return null;
}

/**
 * The SLA countdown of a row: time left to the next deadline, red once it has passed (or the
 * conversation is marked breached), grey while the clock is paused (pending on the customer).
 */
export function SlaTimer({ sla, status }: { sla: SlaView; status: ConversationStatus }) {
  const { t } = useTranslation();
  const now = useTick(1000);
  if (status === 'resolved' || status === 'closed')
    return (
      <Text span fz="xs" c="dimmed">
        —
      </Text>
    );
  const deadline = nextDeadline(sla);
  if (!deadline)
    return (
      <Text span fz="xs" c="dimmed">
        —
      </Text>
    );
  const paused = sla.pausedAt !== null;
  const left = new Date(deadline.at).getTime() - (paused ? new Date(sla.pausedAt!).getTime() : now);
  const breached = left < 0 || sla.breachedAt !== null;
  const label = t(`support.sla.${deadline.target}`);
  return (
    <Tooltip label={paused ? t('support.sla.paused', { label }) : label} withArrow openDelay={200}>
      <Text
        span
        fz="xs"
        ff="monospace"
        fw={breached ? 700 : 500}
        c={
          breached
            ? 'var(--sla-late)'
            : paused
              ? 'dimmed'
              : left < 10 * 60_000
                ? 'var(--sla-soon)'
                : undefined
        }
        dir="ltr"
        data-testid="sla-timer"
        data-breached={breached ? 'true' : 'false'}
        style={{ whiteSpace: 'nowrap' }}
      >
        {breached ? `−${formatSpan(left)}` : formatSpan(left)}
      </Text>
    </Tooltip>
  );
}

/** Initials for an avatar: "Ann Lee" → "AL". */
export function initials(name: string | null | undefined): string {
  const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
  return (parts[0]?.[0] ?? '?').toUpperCase() + (parts[1]?.[0] ?? '').toUpperCase();
}
