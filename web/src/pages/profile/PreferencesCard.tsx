import { Card, Stack, Switch, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useUpdateMe } from '../../api/me';
import { FormError } from '../../components/FormError';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useUser } from '../../session/useSession';

type Preference = 'absent' | 'emailNotifications';

const PREFERENCES: { key: Preference; testId: string }[] = [
  { key: 'absent', testId: 'profile-absent' },
  { key: 'emailNotifications', testId: 'profile-email-notifications' },
];

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
        {PREFERENCES.map(({ key, testId }) => (
          <Switch
            key={key}
            label={t(`profile.preferences.${key}`)}
            description={t(`profile.preferences.${key}Hint`)}
            checked={value(key)}
            disabled={save.isPending}
            onChange={(event) => save.mutate({ [key]: event.currentTarget.checked })}
            data-testid={testId}
          />
        ))}
        <FormError message={save.error ? toMessage(save.error) : null} />
      </Stack>
    </Card>
  );
}
