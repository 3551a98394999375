import { Button, Group, PasswordInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useResetStaffPassword } from '../../../api/staff';
import { useErrorMessage } from '../../../components/useErrorMessage';

/** Admin sets a new password for someone else (no current password needed). */
export function ResetPasswordForm({ staffId }: { staffId: string }) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const [password, setPassword] = useState('');
  const reset = useResetStaffPassword(staffId, {
    onSuccess: () => {
      setPassword('');
      notifications.show({ color: 'teal', message: t('staff.passwordReset') });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password) reset.mutate(password);
  };

  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <PasswordInput
          size="xs"
          style={{ flex: 1 }}
          label={t('staff.newPassword')}
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            reset.reset();
          }}
          error={reset.error ? toMessage(reset.error) : undefined}
          autoComplete="new-password"
          data-testid="staff-reset-password-input"
        />
        <Button
          type="submit"
          size="xs"
          variant="light"
          loading={reset.isPending}
          disabled={!password}
          data-testid="staff-reset-password"
        >
          {t('staff.setPassword')}
        </Button>
      </Group>
    </form>
  );
}
