import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageBadges } from '../../components/LanguageBadges';
import { RoleBadge } from '../../components/RoleBadge';
import { useUser } from '../../session/useSession';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Group gap={4}>{children}</Group>
    </Stack>
  );
}

/** Read-only summary; name, role and team are managed by administrators. */
export function ProfileDetailsCard() {
  const { t } = useTranslation();
  const user = useUser();
  return (
    <Card withBorder padding="md">
      <Title order={4} fz="md" mb="sm">
        {t('profile.details')}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Field label={t('profile.name')}>
          <Text size="sm" fw={500} data-testid="profile-name">
            {user.name}
          </Text>
        </Field>
        <Field label={t('profile.email')}>
          <Text size="sm" dir="ltr" data-testid="profile-email">
            {user.email}
          </Text>
        </Field>
        <Field label={t('profile.role')}>
          <RoleBadge role={user.role} />
        </Field>
        <Field label={t('profile.team')}>
          <Text size="sm">{user.teamName ?? t('common.none')}</Text>
        </Field>
        <Field label={t('profile.languages')}>
          <LanguageBadges codes={user.languages} />
        </Field>
      </SimpleGrid>
    </Card>
  );
}
