import { Card, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useChangeMyPassword } from '../../api/me';
import { PasswordChangeForm, usePasswordChange } from '../../components/PasswordChangeFields';
import { useErrorMessage } from '../../components/useErrorMessage';

export function ChangePasswordCard() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const { form, callbacks } = usePasswordChange(
    { mismatch: t('profile.password.mismatch'), changed: t('profile.password.changed') },
    toMessage,
  );
  const change = useChangeMyPassword(callbacks);

  return (
    <Card withBorder padding="md">
      <Title order={4} fz="md" mb="sm">
        {t('profile.password.title')}
      </Title>
      <PasswordChangeForm
        form={form}
        change={change}
        labels={{
          current: t('profile.password.current'),
          next: t('profile.password.new'),
          confirm: t('profile.password.confirm'),
          submit: t('profile.password.submit'),
        }}
        testIdPrefix="password"
        pending={change.isPending}
      />
    </Card>
  );
}
