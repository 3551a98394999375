import { Card, Stack, Switch, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useUpdateMe } from '../../api/me';
import { FormError } from '../../components/FormError';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useUser } from '../../session/useSession';

type Preference = 'absent' | 'emailNotifications';

/** Out of office (automatic assignment skips me) and email copies of notifications. */
export function PreferencesCard() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const user = useUser();

  const save = useUpdateMe({
    onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved') }),
  });

  // Show the value being saved right away; the server copy replaces it on success.
  const value = (key: Preference): boolean => {
    const pending = save.isPending ? save.variables?.[key] : undefined;
    return pending ?? user[key] === true;
  };

  return (
    <Card withBorder padding="md">
      <Title order={4} fz="md" mb="sm">
        {t('profile.preferences.title')}
      </Title>
      <Stack gap="sm">
        <Switch
          label={t('profile.preferences.absent')}
          description={t('profile.preferences.absentHint')}
          checked={value('absent')}
          disabled={save.isPending}
          onChange={(event) => save.mutate({ absent: event.currentTarget.checked })}
          data-testid="profile-absent"
        />
        <Switch
          label={t('profile.preferences.emailNotifications')}
          description={t('profile.preferences.emailNotificationsHint')}
          checked={value('emailNotifications')}
          disabled={save.isPending}
          onChange={(event) => save.mutate({ emailNotifications: event.currentTarget.checked })}
          data-testid="profile-email-notifications"
        />
        <FormError message={save.error ? toMessage(save.error) : null} />
      </Stack>
    </Card>
  );
}
