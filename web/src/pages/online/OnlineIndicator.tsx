import { Box, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import classes from './OnlineIndicator.module.css';
import { useTradingFormat } from './tradingFormat';

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
  if (!live || !onlineSince)
    return (
      <Box
        component="span"
        display="inline-block"
        w={size}
        h={size}
        data-online-slot={clientId}
        aria-hidden
      />
    );
  const label = t('online.indicator.since', { time: clock(onlineSince) });
  return (
    <Tooltip label={label} withArrow openDelay={150}>
      <Box
        component="span"
        role="img"
        aria-label={label}
        className={classes.dot}
        w={size}
        h={size}
        data-online-slot={clientId}
        data-online="true"
        data-testid="client-online"
      />
    </Tooltip>
  );
}
