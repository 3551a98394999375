import { Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from './useErrorMessage';
import { Notice } from './Notice';
import { ToolButton } from './ToolButton';

/** Shown in place of content that failed to load, with a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  return (
    <Notice color="red" icon={IconAlertTriangle} title={t('common.loadFailed')} maw={560}>
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text size="sm">{toMessage(error)}</Text>
        {onRetry && (
          <ToolButton icon={IconRefresh} variant="white" color="red" onClick={onRetry}>
            {t('common.retry')}
          </ToolButton>
        )}
      </Group>
    </Notice>
  );
}
