import { useTranslation } from 'react-i18next';
import classes from './OnlineIndicator.module.css';
import { useTradingFormat } from './tradingFormat';
import { StatusDot } from '../../components/StatusDot';

interface OnlineIndicatorProps {
  clientId: string;
  /** clients.online_since: set while the client is logged in to the trading terminal. */
  onlineSince: string | null;
  /** Only Live clients show it (a demo login is not a reason to call). */
  live: boolean;
  size?: number;
}

/**
 * Pulsing green dot "Online in the terminal since 14:02". Offline it keeps its width, so the
 * list's columns do not shift when a client logs in or out.
 */
export function OnlineIndicator({ clientId, onlineSince, live, size = 10 }: OnlineIndicatorProps) {
  const { t } = useTranslation();
  const { clock } = useTradingFormat();
  return (
    <StatusDot
      label={live && onlineSince ? t('online.indicator.since', { time: clock(onlineSince) }) : null}
      size={size}
      className={classes.dot}
      data-online-slot={clientId}
      data-online={live && onlineSince ? 'true' : undefined}
      testId="client-online"
    />
  );
}
