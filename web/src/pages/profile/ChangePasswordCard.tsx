import { Card, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useChangeMyPassword } from '../../api/me';
import {
  EMPTY_PASSWORD_CHANGE,
  PasswordChangeFields,
  usePasswordChangeRules,
  type PasswordChangeValues,
} from '../../components/PasswordChangeFields';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormState } from '../../components/useFormState';

type PasswordForm = PasswordChangeValues;
const EMPTY = EMPTY_PASSWORD_CHANGE;

export function ChangePasswordCard() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const form = useFormState<PasswordForm>(
    EMPTY,
    usePasswordChangeRules({ mismatch: t('profile.password.mismatch') }),
  );

  const change = useChangeMyPassword({
    onSuccess: () => {
      form.reset(EMPTY);
      notifications.show({ color: 'teal', message: t('profile.password.changed') });
    },
    onError: (error) => form.showError(error, toMessage),
  });

  const submit = form.handleSubmit((values) => change.mutate(values));

  return (
    <Card withBorder padding="md">
      <Title order={4} fz="md" mb="sm">
        {t('profile.password.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <PasswordChangeFields
          values={form.values}
          errors={form.errors}
          formError={form.formError}
          onChange={form.setField}
          labels={{
            current: t('profile.password.current'),
            next: t('profile.password.new'),
            confirm: t('profile.password.confirm'),
            submit: t('profile.password.submit'),
          }}
          testIdPrefix="password"
          pending={change.isPending}
        />
      </form>
    </Card>
  );
}
