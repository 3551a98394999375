import { Badge, Tooltip } from '@mantine/core';
import { IconPhoneIncoming, IconPhoneOutgoing } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallDirection, CallDisposition } from '../../../../src/shared/telephony';

export { formatDuration } from './duration';

/** Seconds since `since` (an ISO instant), ticking every second while mounted. */
export function useElapsed(since: string | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!since) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since ? Math.max(0, Math.floor((now - new Date(since).getTime()) / 1000)) : 0;
}

export function DirectionIcon({ direction, size = 16 }: { direction: CallDirection; size?: number }) {
  const { t } = useTranslation();
  const Icon = direction === 'inbound' ? IconPhoneIncoming : IconPhoneOutgoing;
  return (
    <Tooltip label={t(`telephony.direction.${direction}`)} withArrow>
      <Icon size={size} aria-label={t(`telephony.direction.${direction}`)} role="img" />
    </Tooltip>
  );
}

const DISPOSITION_COLOR: Record<CallDisposition, string> = {
  reached: 'teal',
  no_answer: 'gray',
  busy: 'orange',
  wrong_number: 'red',
  call_back_later: 'blue',
};

export function DispositionBadge({ disposition }: { disposition: CallDisposition }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={DISPOSITION_COLOR[disposition]} data-testid="call-disposition">
      {t(`telephony.disposition.${disposition}`)}
    </Badge>
  );
}
