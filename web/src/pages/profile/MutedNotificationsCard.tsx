import { Card, Checkbox, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_TYPES } from '../../../../src/shared/notifications';
import { useSaveSetting } from './useSaveSetting';
import { FormError } from '../../components/FormError';
import { useUser } from '../../session/useSession';

/**
 * Which notifications pop up. A ticked kind pops up (and is emailed, if email copies are on); an
 * unticked one is muted: it still arrives in the bell, quietly. Stored on the server, per person.
 */
export function MutedNotificationsCard() {
  const { t } = useTranslation();
  const user = useUser();
  const { save, pending, saving, error } = useSaveSetting();
  const muted = saving?.mutedNotifications ?? user.mutedNotifications ?? [];
  const popping = NOTIFICATION_TYPES.filter((type) => !muted.includes(type));

  return (
    <Card withBorder padding="md" data-testid="profile-muted-notifications">
      <Title order={4} fz="md" mb={4}>
        {t('workview.mute.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('workview.mute.description')}
      </Text>
      <Checkbox.Group
        value={popping}
        onChange={(next) =>
          save({ mutedNotifications: NOTIFICATION_TYPES.filter((type) => !next.includes(type)) })
        }
        aria-label={t('workview.mute.title')}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} verticalSpacing={6}>
          {NOTIFICATION_TYPES.map((type) => (
            <Checkbox
              key={type}
              value={type}
              size="xs"
              disabled={pending}
              label={t(`workview.mute.types.${type.replace('.', '_')}`)}
              data-testid={`mute-${type}`}
            />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      <FormError message={error} />
    </Card>
  );
}
