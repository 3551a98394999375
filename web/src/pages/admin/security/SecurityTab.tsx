import { Card, Group, Loader, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSecuritySettings, useUpdateSecuritySettings } from '../../../api/settings';
import { ErrorState } from '../../../components/ErrorState';
import { FormError } from '../../../components/FormError';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { usePermission } from '../../../session/useSession';

export default function SecurityTab() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const canWrite = usePermission('settings.write');
  const settings = useSecuritySettings();
  const update = useUpdateSecuritySettings({
    onSuccess: () => notifications.show({ color: 'teal', message: t('security.saved') }),
  });

  return (
    <Card withBorder padding="md" maw={720}>
      <Stack gap="sm">
        <Group gap="xs">
          <IconShieldLock size={18} />
          <Title order={4} fz="md">
            {t('security.title')}
          </Title>
        </Group>
        {settings.isPending ? (
          <Loader size="sm" />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <>
            <Switch
              label={t('security.requireMfa')}
              description={t('security.requireMfaDescription')}
              // Show the intended value while saving so the switch does not flicker back.
              checked={
                update.isPending && update.variables
                  ? update.variables.mfaRequiredForAll
                  : settings.data.mfaRequiredForAll
              }
              disabled={!canWrite || update.isPending}
              onChange={(event) => update.mutate({ mfaRequiredForAll: event.currentTarget.checked })}
              data-testid="security-require-mfa"
            />
            {!canWrite && (
              <Text size="xs" c="dimmed">
                {t('security.readOnly')}
              </Text>
            )}
            <FormError message={update.error ? toMessage(update.error) : null} />
          </>
        )}
      </Stack>
    </Card>
  );
}
