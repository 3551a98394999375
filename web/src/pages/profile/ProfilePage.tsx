import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { ChangePasswordCard } from './ChangePasswordCard';
import { MfaCard } from './MfaCard';
import { MutedNotificationsCard } from './MutedNotificationsCard';
import { PreferencesCard } from './PreferencesCard';
import { ProfileDetailsCard } from './ProfileDetailsCard';
import { SessionsCard } from './SessionsCard';

export default function ProfilePage() {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" maw={1100} data-testid="page-profile">
      <PageHeader title={t('profile.title')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" style={{ alignItems: 'start' }}>
        <Stack gap="sm">
          <ProfileDetailsCard />
          <ChangePasswordCard />
          <MutedNotificationsCard />
        </Stack>
        <Stack gap="sm">
          <MfaCard />
          <PreferencesCard />
        </Stack>
      </SimpleGrid>
      <SessionsCard />
    </Stack>
  );
}
