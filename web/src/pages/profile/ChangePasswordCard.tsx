import { Button, Card, Group, PasswordInput, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { meApi } from '../../api/me';
import { FormError } from '../../components/FormError';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormState } from '../../components/useFormState';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const EMPTY: PasswordForm = { currentPassword: '', newPassword: '', confirmPassword: '' };

export function ChangePasswordCard() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const form = useFormState<PasswordForm>(EMPTY);

  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordForm) =>
      meApi.changePassword(currentPassword, newPassword),
    onSuccess: () => {
      form.reset(EMPTY);
      notifications.show({ color: 'teal', message: t('profile.password.changed') });
    },
    onError: (error) => form.showError(error, toMessage),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.clearErrors();
    if (form.values.newPassword !== form.values.confirmPassword) {
      form.setErrors({ confirmPassword: t('profile.password.mismatch') });
      return;
    }
    change.mutate(form.values);
  };

  const { values } = form;
  return (
    <Card withBorder padding="md">
      <Title order={4} fz="md" mb="sm">
        {t('profile.password.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="xs">
          <FormError message={form.formError} />
          <PasswordInput
            label={t('profile.password.current')}
            autoComplete="current-password"
            value={values.currentPassword}
            onChange={(event) => form.setField('currentPassword', event.currentTarget.value)}
            error={form.errors.currentPassword}
            data-testid="password-current"
          />
          <PasswordInput
            label={t('profile.password.new')}
            autoComplete="new-password"
            value={values.newPassword}
            onChange={(event) => form.setField('newPassword', event.currentTarget.value)}
            error={form.errors.newPassword}
            data-testid="password-new"
          />
          <PasswordInput
            label={t('profile.password.confirm')}
            autoComplete="new-password"
            value={values.confirmPassword}
            onChange={(event) => form.setField('confirmPassword', event.currentTarget.value)}
            error={form.errors.confirmPassword}
            data-testid="password-confirm"
          />
          <Group justify="flex-end">
            <Button
              type="submit"
              size="xs"
              loading={change.isPending}
              disabled={!values.currentPassword || !values.newPassword || !values.confirmPassword}
              data-testid="password-submit"
            >
              {t('profile.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
