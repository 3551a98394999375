import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailExclamation } from '@tabler/icons-react';
import { useResendConfirmation } from './api';
import { useCabinetError } from './useCabinetError';
import { Notice } from '../components/Notice';

interface EmailNotConfirmedAlertProps {
  title?: string;
  message: string;
  resendLabel: string;
  /** The toast once the link is on its way. */
  sentMessage: string;
  /** The button beside the message (a wide banner) rather than under it (a narrow modal). */
  inline?: boolean;
  testId: string;
  resendTestId?: string;
}

/**
 * The trader's email is not confirmed yet: say so, and send a confirmation link on request. Callers word
 * it by `confirmationLinkSentAt` (a link on its way, or none); once sent, "me" is refetched so they do.
 */
export function EmailNotConfirmedAlert({
  title,
  message,
  resendLabel,
  sentMessage,
  inline = false,
  testId,
  resendTestId,
}: EmailNotConfirmedAlertProps) {
  const toMessage = useCabinetError();
  const resend = useResendConfirmation({
    onSuccess: () => notifications.show({ color: 'teal', message: sentMessage }),
    onError: (error) => notifications.show({ color: 'red', message: toMessage(error) }),
  });
  const text = <Text size="sm">{message}</Text>;
  const button = (
    <Button
      size="xs"
      variant="white"
      color="yellow"
      loading={resend.isPending}
      disabled={resend.isSuccess}
      onClick={() => resend.mutate()}
      data-testid={resendTestId}
    >
      {resendLabel}
    </Button>
  );
  return (
    <Notice color="yellow" icon={IconMailExclamation} title={title} data-testid={testId}>
      {inline ? (
        <Group justify="space-between" gap="sm">
          {text}
          {button}
        </Group>
      ) : (
        <Stack gap="xs" align="flex-start">
          {text}
          {button}
        </Stack>
      )}
    </Notice>
  );
}
