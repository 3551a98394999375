import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCallbackRequest } from '../../../api/supportCallbacks';
import { useFormatters } from '../../../i18n/format';

/** For a conversation of channel callback: the number to call, the preferred time, and whether a call closed it. */
export function CallbackDetails({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const request = useCallbackRequest(conversationId);
  if (!request.data) return null;
  const r = request.data;
  return (
    <Stack gap={2} data-testid="callback-details">
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
        {t('support.callback.title')}
      </Text>
      <Text fz="sm" dir="ltr">
        {r.number}
      </Text>
      <Text fz="xs">
        {r.preferredAt
          ? t('support.callback.preferred', { time: dateTime(r.preferredAt) })
          : t('support.callback.asap')}
      </Text>
      <Group gap={4}>
        <Badge size="xs" variant="light">
          {t(`support.callback.via.${r.via}`)}
        </Badge>
        {r.closedAt && (
          <Badge size="xs" color="green" variant="light">
            {t('support.callback.calledBack')}
          </Badge>
        )}
      </Group>
    </Stack>
  );
}
