import {
  IconArrowMerge,
  IconHeadset,
  IconLink,
  IconLinkOff,
  IconTicket,
  IconUserCheck,
  type Icon,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { TimelineItem } from '../../../../../src/shared/contracts/clients';
import type { EventType } from '../../../../../src/shared/events';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
/** A channel or status code as the inbox names it; an unknown code stays as it is. */
const word = (t: TFunction, list: 'channel' | 'status', value: unknown): string =>
  str(value) && t(`support.${list}.${str(value)}`, { defaultValue: str(value) });
const num = (value: unknown): string => (typeof value === 'number' ? String(value) : '');

/**
 * The client card's sentence for a support conversation event (payload: src/shared/events.ts
 * `conversation`). Keys live under `support.timeline`; the English default is the sentence until the
 * support locales translate it. Names and subjects go in as text (React escapes them).
 */
const TEXT: Partial<Record<EventType, { icon: Icon; color: string; key: string; en: string }>> = {
  'support.conversation_opened': {
    icon: IconHeadset,
    color: 'cyan',
    key: 'opened',
    en: 'Support conversation #{{number}} opened ({{channel}}): {{subject}}',
  },
  'support.conversation_assigned': {
    icon: IconUserCheck,
    color: 'blue',
    key: 'assigned',
    en: 'Support conversation #{{number}} assigned to {{assignee}}',
  },
  'support.conversation_status_changed': {
    icon: IconHeadset,
    color: 'gray',
    key: 'statusChanged',
    en: 'Support conversation #{{number}}: {{from}} → {{to}}',
  },
  'support.client_linked': {
    icon: IconLink,
    color: 'teal',
    key: 'linked',
    en: 'Support conversation #{{number}} linked to this client',
  },
  'support.conversations_merged': {
    icon: IconArrowMerge,
    color: 'grape',
    key: 'merged',
    en: 'Support conversation #{{number}} merged into #{{intoNumber}}',
  },
  'support.conversation_converted': {
    icon: IconTicket,
    color: 'indigo',
    key: 'converted',
    en: 'Support chat #{{number}} converted to a ticket ({{to}})',
  },
};

export function describeSupportEvent(
  item: TimelineItem,
  h: { t: TFunction; iso: (value: string) => string },
): { icon: Icon; color: string; title: string } | null {
  const text = TEXT[item.type as EventType];
  if (!text) return null;
  const p = item.payload ?? {};
  const unlinked = item.type === 'support.client_linked' && p.linked === false;
  const values = {
    number: num(p.number),
    // Codes in the payload, words on the card: the inbox's own labels (support.channel / .status).
    channel: word(h.t, 'channel', p.channel),
    subject: h.iso(str(p.subject) || '—'),
    assignee: h.iso(str(p.assigneeName) || '—'),
    from: word(h.t, item.type === 'support.conversation_converted' ? 'channel' : 'status', p.from),
    to: word(h.t, item.type === 'support.conversation_converted' ? 'channel' : 'status', p.to),
    intoNumber: num(p.intoNumber),
  };
  if (unlinked)
    return {
      icon: IconLinkOff,
      color: 'gray',
      title: h.t('support.timeline.unlinked', {
        ...values,
        defaultValue: 'Support conversation #{{number}} unlinked from this client',
      }),
    };
  return {
    icon: text.icon,
    color: text.color,
    title: h.t(`support.timeline.${text.key}`, { ...values, defaultValue: text.en }),
  };
}
