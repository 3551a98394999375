import { Card, Stack, Switch, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSaveSetting } from './useSaveSetting';
import { FormError } from '../../components/FormError';
import { useUser } from '../../session/useSession';

type Preference = 'absent' | 'emailNotifications';

const PREFERENCES: { key: Preference; testId: string }[] = [
  { key: 'absent', testId: 'profile-absent' },
  { key: 'emailNotifications', testId: 'profile-email-notifications' },
];

/** Out of office (automatic assignment skips me) and email copies of notifications. */
export function PreferencesCard() {
  const { t } = useTranslation();
  const user = useUser();
  const { save, pending, saving, error } = useSaveSetting();
  const value = (key: Preference): boolean => saving?.[key] ?? user[key] === true;

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
            disabled={pending}
            onChange={(event) => save({ [key]: event.currentTarget.checked })}
            data-testid={testId}
          />
        ))}
        <FormError message={error} />
      </Stack>
    </Card>
  );
}
