import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { PasswordChangeCard } from '../../components/PasswordChangeFields';
import { useFormState } from '../../components/useFormState';
import { useRules } from '../../components/validation';
import type { ProfilePatch, Trader } from '../../../../src/shared/contracts/cabinet';
import { useChangeCabinetPassword, useUpdateCabinetProfile } from '../api';
import { CodeSelect } from '../CodeSelect';
import { useTrader } from '../session';
import { useCabinetError } from '../useCabinetError';
import { FormBody } from '../../components/FormModal';
import { PhoneInput } from '../AuthLinks';

/** The trader's own details: contacts they may change, and their password. */
export function ProfilePage() {
  const { t } = useTranslation();
  const trader = useTrader();
  return (
    <Stack gap="md" maw={760} data-testid="cab-profile">
      <Title order={1} fz="h2">
        {t('cabinet.profile.title')}
      </Title>
      <Card withBorder padding="md" radius="md">
        <Title order={2} fz="md" mb="xs">
          {t('cabinet.profile.details')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Detail label={t('cabinet.fields.name')} value={trader.name} />
          <Detail label={t('cabinet.fields.email')} value={trader.email ?? '—'} ltr />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="xs">
          {t('cabinet.profile.detailsHint')}
        </Text>
      </Card>
      {/* Keyed by the saved values, so the form starts again from what the server now holds. */}
      <ContactsCard key={`${trader.phone}|${trader.country}|${trader.language}`} trader={trader} />
      <PasswordCard />
    </Stack>
  );
}

function Detail({ label, value, ltr }: { label: string; value: string; ltr?: boolean }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} dir={ltr ? 'ltr' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Stack>
  );
}

interface ContactsForm {
  phone: string;
  country: string | null;
  language: string | null;
}

function ContactsCard({ trader }: { trader: Trader }) {
  const { t } = useTranslation();
  const toMessage = useCabinetError();
  const rules = useRules();
  const form = useFormState<ContactsForm>(
    { phone: trader.phone ?? '', country: trader.country, language: trader.language },
    { phone: [rules.phone(t('cabinet.errors.fields.phone'))] },
  );
  const save = useUpdateCabinetProfile({
    onSuccess: () => notifications.show({ color: 'teal', message: t('cabinet.profile.saved') }),
    onError: (error) => form.showError(error, toMessage),
  });

  const submit = form.handleSubmit((values) => {
    const patch: ProfilePatch = {};
    if (values.phone.trim() && values.phone.trim() !== trader.phone) patch.phone = values.phone.trim();
    if (values.country && values.country !== trader.country) patch.country = values.country;
    if (values.language && values.language !== trader.language) patch.language = values.language;
    save.mutate(patch);
  });

  return (
    <Card withBorder padding="md" radius="md">
      <Title order={2} fz="md" mb="xs">
        {t('cabinet.profile.contacts')}
      </Title>
      <FormBody onSubmit={submit} error={form.formError} errorTestId="cab-profile-error">
        <PhoneInput {...form.textField('phone')} data-testid="cab-profile-phone" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {(['country', 'language'] as const).map((key) => (
            <CodeSelect
              key={key}
              kind={key}
              {...form.valueField(key)}
              allowDeselect={false}
              data-testid={`cab-profile-${key}`}
            />
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={save.isPending} data-testid="cab-profile-save">
            {t('cabinet.profile.save')}
          </Button>
        </Group>
      </FormBody>
    </Card>
  );
}

function PasswordCard() {
  const { t } = useTranslation();
  return (
    <PasswordChangeCard
      useChange={useChangeCabinetPassword}
      toMessage={useCabinetError()}
      cabinet={{
        title: t('cabinet.profile.password'),
        current: t('cabinet.fields.currentPassword'),
        next: t('cabinet.fields.newPassword'),
        hint: t('cabinet.fields.passwordHint'),
        confirm: t('cabinet.fields.confirmPassword'),
        submit: t('cabinet.profile.password'),
        tooShort: t('cabinet.errors.fields.newPassword'),
        mismatch: t('cabinet.profile.passwordMismatch'),
        changed: t('cabinet.profile.passwordChanged'),
      }}
      testIdPrefix="cab-password"
    />
  );
}
