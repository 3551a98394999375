import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOpenOutboxEmail } from '../../../api/outbox';
import { useErrorMessage } from '../../../components/useErrorMessage';

export function OutboxBody({ text }: { text: string }) {
  return (
    <Text
      component="pre"
      fz="xs"
      ff="monospace"
      m={0}
      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
      data-testid="outbox-body"
    >
      {text}
    </Text>
  );
}

/**
 * A sensitive mail's body is not in the list: it is fetched on an explicit click (a mutation, so no
 * refetch on focus or on a live event opens it again and writes another audit entry).
 */
export function SensitiveBody({ id }: { id: string }) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const open = useOpenOutboxEmail(id);
  if (open.data) return <OutboxBody text={open.data.text} />;
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="nowrap">
        <IconLock size={16} />
        <Text fz="sm" c="dimmed">
          {t('outbox.sensitiveNote')}
        </Text>
        <Button
          size="compact-sm"
          variant="light"
          loading={open.isPending}
          onClick={() => open.mutate()}
          data-testid="outbox-reveal"
        >
          {t('outbox.reveal')}
        </Button>
      </Group>
      {open.error && (
        <Alert color="red" variant="light">
          {toMessage(open.error)}
        </Alert>
      )}
    </Stack>
  );
}
