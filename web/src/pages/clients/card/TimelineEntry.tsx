import { Badge, Box, Group, Paper, Stack, Text, ThemeIcon, useDirection } from '@mantine/core';
import {
  IconActivity,
  IconArrowsExchange,
  IconChecklist,
  IconCircleCheck,
  IconClockExclamation,
  IconEdit,
  IconLogin,
  IconMail,
  IconMailCheck,
  IconMessage,
  IconProgress,
  IconStairsUp,
  IconTags,
  IconUserPlus,
  type Icon,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventType } from '../../../../../src/shared/events';
import type { TimelineItem } from '../../../../../src/shared/contracts/clients';
import { useFormatters } from '../../../i18n/format';
import { ClientStatusBadge } from '../components/ClientStatusBadge';
import { useSalesStatuses } from '../useSalesStatuses';
import { describeTradingEvent } from './trading/tradingTimeline';
import { describePaymentEvent } from '../../payments/card/paymentsTimeline';
import { describeSupportEvent } from './supportTimeline';
import { describeCallEvent } from '../../telephony/callsTimeline';
import { HintText } from '../../../components/HintText';

const str = (value: unknown): string =>
  typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
/**
 * In right-to-left text, a value put into a sentence is wrapped in Unicode
 * isolates, so a Latin name inside Arabic text does not reorder the words around it.
 */
const isolate = (value: string) => `\u2068${value}\u2069`;
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(str) : []);
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

type Helpers = {
  t: TFunction;
  /** "→" in left-to-right text, "←" in right-to-left. */
  arrow: string;
  iso: (value: string) => string;
  salesLabel: (key: string) => string;
  dateTime: (value: string) => string | null;
  fmt: ReturnType<typeof useFormatters>;
};

interface Described {
  icon: Icon;
  color: string;
  title: ReactNode;
  details?: ReactNode;
}

const isStatus = (value: string): value is 'lead' | 'demo' | 'live' =>
  ['lead', 'demo', 'live'].includes(value);

/** Shows a comment's text with its @mentions highlighted. */
function CommentBody({ body, mentions }: { body: string; mentions: { name: string }[] }) {
  const names = mentions.map((m) => `@${m.name}`).filter((n) => n.length > 1);
  if (!names.length) return <>{body}</>;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = body.split(new RegExp(`(${escaped.join('|')})`, 'g'));
  return (
    <>
      {parts.map((part, index) =>
        names.includes(part) ? (
          <Text key={index} span fw={600} c="blue" inherit>
            {part}
          </Text>
        ) : (
          part
        ),
      )}
    </>
  );
}

function FieldChanges({ changes, h }: { changes: Record<string, unknown>; h: Helpers }) {
  const rows = Object.entries(changes);
  if (!rows.length) return null;
  const show = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return '—';
    if (field === 'salesStatus') return h.salesLabel(str(value));
    if (Array.isArray(value)) return value.map(str).join(', ') || '—';
    return str(value);
  };
  return (
    <Stack gap={2}>
      {rows.map(([field, change]) => {
        const { from, to } = record(change);
        return (
          <Text key={field} size="xs" c="dimmed">
            {h.t(`clients.fields.${field}`, { defaultValue: field })}:{' '}
            <Text span inherit td="line-through">
              {show(field, from)}
            </Text>{' '}
            {h.arrow}{' '}
            <Text span inherit c="var(--mantine-color-text)">
              {show(field, to)}
            </Text>
          </Text>
        );
      })}
    </Stack>
  );
}

function describe(item: TimelineItem, h: Helpers): Described {
  const { t, iso } = h;
  const p = item.payload ?? {};
  // Cases are catalogue types (a renamed event fails the type check); a stored row's type this build
  // does not know goes to `default`.
  switch (item.type as EventType) {
    case 'client.created': {
      const kind = str(p.kind);
      const via = str(p.assignedVia);
      return {
        icon: IconUserPlus,
        color: 'blue',
        title: t(
          `clients.timeline.created.${['registration', 'lead', 'import'].includes(kind) ? kind : 'other'}`,
        ),
        details: via
          ? t('clients.timeline.assignedVia', {
              via: t(`clients.timeline.via.${via}`, { defaultValue: via }),
            })
          : undefined,
      };
    }
    case 'client.status_changed': {
      const from = str(p.from);
      const to = str(p.to);
      return {
        icon: IconStairsUp,
        color: 'teal',
        title: (
          <Group gap={6} wrap="wrap">
            <span>{t('clients.timeline.statusChanged')}</span>
            {isStatus(from) && <ClientStatusBadge status={from} size="xs" />}
            <span>{h.arrow}</span>
            {isStatus(to) && <ClientStatusBadge status={to} size="xs" />}
          </Group>
        ),
      };
    }
    case 'client.sales_status_changed': {
      const change = record(record(p.changes).salesStatus);
      return {
        icon: IconProgress,
        color: 'violet',
        title: t('clients.timeline.salesStatusChanged', {
          from: iso(h.salesLabel(str(change.from)) || '—'),
          to: iso(h.salesLabel(str(change.to))),
        }),
      };
    }
    case 'client.updated':
      return {
        icon: IconEdit,
        color: 'gray',
        title: t('clients.timeline.updated'),
        details: <FieldChanges changes={record(p.changes)} h={h} />,
      };
    case 'client.reassigned':
      return {
        icon: IconArrowsExchange,
        color: 'grape',
        title: t('clients.timeline.reassigned', { name: iso(str(p.toName) || '—') }),
        details: p.reason ? t('clients.timeline.reason', { reason: iso(str(p.reason)) }) : undefined,
      };
    case 'client.comment_added': {
      const mentions = Array.isArray(p.mentions)
        ? p.mentions.map((m) => ({ name: str(record(m).name) }))
        : [];
      return {
        icon: IconMessage,
        color: 'blue',
        title: t('clients.timeline.comment'),
        details: (
          <Paper withBorder p={6} radius="sm" bg="var(--mantine-color-body)">
            <Text
              size="sm"
              c="var(--mantine-color-text)"
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            >
              <CommentBody body={str(p.body)} mentions={mentions} />
            </Text>
          </Paper>
        ),
      };
    }
    case 'client.task_created':
      return {
        icon: IconChecklist,
        color: 'cyan',
        title: t('clients.timeline.taskCreated', { title: iso(str(p.title)) }),
        details: p.dueAt ? t('clients.timeline.due', { when: h.dateTime(str(p.dueAt)) }) : undefined,
      };
    case 'client.task_done':
      return {
        icon: IconCircleCheck,
        color: 'teal',
        title: t('clients.timeline.taskDone', { title: iso(str(p.title)) }),
      };
    case 'client.task_due':
      return {
        icon: IconClockExclamation,
        color: 'orange',
        title: t('clients.timeline.taskDue', { title: iso(str(p.title)) }),
        details: p.dueAt ? t('clients.timeline.due', { when: h.dateTime(str(p.dueAt)) }) : undefined,
      };
    case 'client.tags_changed': {
      const from = list(p.from);
      const to = list(p.to);
      const added = to.filter((tag) => !from.includes(tag));
      const removed = from.filter((tag) => !to.includes(tag));
      return {
        icon: IconTags,
        color: 'gray',
        title: t('clients.timeline.tagsChanged'),
        details: (
          <Group gap={4}>
            {added.map((tag) => (
              <Badge key={`+${tag}`} size="xs" color="teal" variant="light" tt="none">
                + {tag}
              </Badge>
            ))}
            {removed.map((tag) => (
              <Badge key={`-${tag}`} size="xs" color="red" variant="light" tt="none" td="line-through">
                {tag}
              </Badge>
            ))}
          </Group>
        ),
      };
    }
    case 'client.email_sent':
      return {
        icon: IconMail,
        color: 'indigo',
        title: t('clients.timeline.emailSent', { subject: iso(str(p.subject)) }),
      };
    case 'client.email_confirmed':
      return { icon: IconMailCheck, color: 'teal', title: t('clients.timeline.emailConfirmed') };
    case 'client.cabinet_login':
      return { icon: IconLogin, color: 'blue', title: t('clients.timeline.cabinetLogin') };
    default:
      return (
        describeTradingEvent(item, h) ??
        describePaymentEvent(item, h) ??
        describeSupportEvent(item, h) ??
        describeCallEvent(item, h) ?? {
          icon: IconActivity,
          color: 'gray',
          title: t('clients.timeline.generic', { type: item.type }),
        }
      );
  }
}

function actorLabel(item: TimelineItem, t: TFunction): string {
  if (item.actorName) return item.actorName;
  if (item.actorKind === 'trader') return t('clients.timeline.actor.client');
  return t('clients.timeline.actor.system');
}

/** One event in the client's history: an icon, a sentence, details, who and when. */
export function TimelineEntry({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { dateTime, relative } = fmt;
  const { labelOf } = useSalesStatuses();
  const { dir } = useDirection();
  const d = describe(item, {
    t,
    arrow: dir === 'rtl' ? '←' : '→',
    iso: dir === 'rtl' ? isolate : (value) => value,
    salesLabel: labelOf,
    dateTime: (value) => dateTime(value),
    fmt,
  });
  const Icon = d.icon;

  return (
    <Group
      gap="sm"
      wrap="nowrap"
      align="flex-start"
      py={6}
      data-testid="timeline-item"
      data-event-type={item.type}
    >
      <ThemeIcon size={26} radius="xl" variant="light" color={d.color} style={{ flexShrink: 0 }}>
        <Icon size={15} />
      </ThemeIcon>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" component="div" style={{ minWidth: 0 }}>
            {d.title}
          </Text>
          <HintText hint={dateTime(item.createdAt)} size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {relative(item.createdAt)}
          </HintText>
        </Group>
        {d.details && (
          <Box mt={2} fz="xs" c="dimmed">
            {d.details}
          </Box>
        )}
        <Text size="xs" c="dimmed" mt={2}>
          {actorLabel(item, t)}
        </Text>
      </Box>
    </Group>
  );
}
