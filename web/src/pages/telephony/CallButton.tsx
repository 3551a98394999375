import { ActionIcon, Button, Tooltip, type MantineSize } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhone, IconPhoneCall } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useCurrentCall, useOriginate, type OriginateInput } from '../../api/telephony';
import { useErrorMessage } from '../../components/useErrorMessage';
import { usePermission } from '../../session/useSession';

interface CallButtonProps {
  target: OriginateInput;
  /** Who is called, for the hint ("Call Maya Putri"). */
  name: string;
  /** `icon`: a compact icon-only control (list rows); `button`: icon and label. */
  variant?: 'icon' | 'button';
  /** "Call back" on a callback request instead of "Call". */
  callBack?: boolean;
  size?: MantineSize | 'compact-xs';
  'data-testid'?: string;
}

/**
 * Click-to-call: the staff member's own phone rings first, then the client's; the live call bar takes
 * over from there. Hidden without `telephony.call`; disabled while the staff member is on a call.
 */
export function CallButton({ target, name, variant = 'button', callBack, size, ...rest }: CallButtonProps) {
  const { t, i18n } = useTranslation();
  const toMessage = useErrorMessage();
  const allowed = usePermission('telephony.call');
  const current = useCurrentCall(allowed);
  const originate = useOriginate({
    onError: (error) => {
      const key = isApiError(error) ? `telephony.errors.${error.code}` : '';
      notifications.show({
        color: 'red',
        title: t('common.error'),
        message: key && i18n.exists(key) ? t(key) : toMessage(error),
      });
    },
  });
  if (!allowed) return null;
  const busy = !!current.data || originate.isPending;
  const label = callBack ? t('telephony.callBack') : t('telephony.call');
  const hint = t('telephony.callHint', { name });
  const onClick = () => originate.mutate(target);
  const testId = rest['data-testid'];

  if (variant === 'icon')
    return (
      <Tooltip label={hint} withArrow openDelay={300}>
        <ActionIcon
          variant="subtle"
          size={size === 'compact-xs' ? 'sm' : (size ?? 'sm')}
          onClick={onClick}
          disabled={busy}
          aria-label={`${label}: ${name}`}
          data-testid={testId}
        >
          <IconPhone size={14} />
        </ActionIcon>
      </Tooltip>
    );
  return (
    <Tooltip label={hint} withArrow openDelay={300}>
      <Button
        size={size ?? 'xs'}
        variant="light"
        color="teal"
        leftSection={callBack ? <IconPhoneCall size={14} /> : <IconPhone size={14} />}
        onClick={onClick}
        loading={originate.isPending}
        disabled={busy && !originate.isPending}
        data-testid={testId}
      >
        {label}
      </Button>
    </Tooltip>
  );
}
