import { Box, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../realtime/RealtimeProvider';

/** Tiny live-updates indicator; "connecting" counts as closed for the outside world. */
export function ConnectionDot() {
  const { t } = useTranslation();
  const open = useConnectionState() === 'open';
  const label = open ? t('header.wsOpen') : t('header.wsClosed');
  return (
    <Tooltip label={label} withArrow>
      <Box
        role="status"
        aria-label={label}
        data-testid="ws-status"
        data-state={open ? 'open' : 'closed'}
        w={9}
        h={9}
        style={{
          borderRadius: '50%',
          background: open ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-gray-5)',
          boxShadow: open ? '0 0 0 3px var(--mantine-color-teal-light)' : undefined,
          flexShrink: 0,
        }}
      />
    </Tooltip>
  );
}
