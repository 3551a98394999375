import {
  IconMicrophone,
  IconPhoneCheck,
  IconPhoneIncoming,
  IconPhoneOff,
  IconPhoneOutgoing,
  IconPhoneX,
  type Icon,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { TimelineItem } from '../../../../src/shared/contracts/clients';
import { formatDuration } from './duration';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The client card's sentence for a call event (payload: src/shared/call-events.ts): who called whom,
 * how it ended, the outcome and note, the recording. Keys under `telephony.timeline`.
 */
export function describeCallEvent(
  item: TimelineItem,
  h: { t: TFunction; iso: (value: string) => string },
): { icon: Icon; color: string; title: string; details?: string } | null {
  const { t, iso } = h;
  const p = item.payload ?? {};
  const number = iso(str(p.number));
  const inbound = p.direction === 'inbound';
  const duration = typeof p.durationSec === 'number' ? formatDuration(p.durationSec) : '';
  switch (item.type) {
    case 'call.started':
      return {
        icon: inbound ? IconPhoneIncoming : IconPhoneOutgoing,
        color: 'teal',
        title: t(inbound ? 'telephony.timeline.startedInbound' : 'telephony.timeline.started', { number }),
      };
    case 'call.ringing':
      return { icon: IconPhoneOutgoing, color: 'gray', title: t('telephony.timeline.ringing', { number }) };
    case 'call.answered':
      return { icon: IconPhoneCheck, color: 'teal', title: t('telephony.timeline.answered', { number }) };
    case 'call.ended': {
      const cause = str(p.cause);
      return {
        icon: IconPhoneOff,
        color: cause === 'completed' ? 'teal' : 'gray',
        title: t('telephony.timeline.ended', {
          number,
          cause: t(`telephony.cause.${cause}`, { defaultValue: cause }),
          duration,
        }),
      };
    }
    case 'call.disposition_set': {
      const disposition = str(p.disposition);
      return {
        icon: IconPhoneCheck,
        color: 'blue',
        title: t('telephony.timeline.disposition', {
          disposition: t(`telephony.disposition.${disposition}`, { defaultValue: disposition }),
        }),
        ...(str(p.note) && { details: str(p.note) }),
      };
    }
    case 'call.missed':
      return { icon: IconPhoneX, color: 'red', title: t('telephony.timeline.missed', { number }) };
    case 'call.recording_ready':
      return { icon: IconMicrophone, color: 'grape', title: t('telephony.timeline.recording', { duration }) };
    case 'call.inbound_ringing':
      return {
        icon: IconPhoneIncoming,
        color: 'gray',
        title: t('telephony.timeline.ringingInbound', { number }),
      };
    default:
      return null;
  }
}
