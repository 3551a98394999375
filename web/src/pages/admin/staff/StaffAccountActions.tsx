import { Button, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldOff, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResetStaffMfa, useSetStaffActive } from '../../../api/staff';
import type { Staff } from '../../../../../src/shared/contracts/identity';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { FormError } from '../../../components/FormError';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { ResetPasswordForm } from './ResetPasswordForm';
import { ToolButton } from '../../../components/ToolButton';

/** Security-sensitive actions on one account, kept apart from the profile fields. */
export function StaffAccountActions({
  staff,
  onChanged,
}: {
  staff: Staff;
  onChanged: (staff: Staff) => void;
}) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const [confirmMfaReset, setConfirmMfaReset] = useState(false);

  const setActive = useSetStaffActive(staff.id, {
    onSuccess: (updated) => {
      onChanged(updated);
      notifications.show({
        color: 'teal',
        message: updated.active ? t('staff.activated') : t('staff.deactivated'),
      });
    },
  });

  const resetMfa = useResetStaffMfa(staff.id, {
    onSuccess: () => {
      setConfirmMfaReset(false);
      onChanged({ ...staff, mfaEnabled: false });
      notifications.show({ color: 'teal', message: t('staff.mfaReset') });
    },
  });

  return (
    <Stack gap="sm">
      <Divider />
      <Title order={4} fz="sm">
        {t('staff.accountActions')}
      </Title>
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          {staff.active ? t('staff.statusActive') : t('staff.statusInactive')}
        </Text>
        <Button
          size="xs"
          variant="light"
          color={staff.active ? 'red' : 'teal'}
          leftSection={staff.active ? <IconUserOff size={14} /> : <IconUserCheck size={14} />}
          loading={setActive.isPending}
          onClick={() => setActive.mutate(!staff.active)}
          data-testid="staff-toggle-active"
        >
          {staff.active ? t('staff.deactivate') : t('staff.activate')}
        </Button>
      </Group>
      <FormError message={setActive.error ? toMessage(setActive.error) : null} />
      <ResetPasswordForm staffId={staff.id} />
      <Group justify="space-between" gap="xs">
        <Text size="sm" c="dimmed">
          {t('staff.columns.mfa')}: {staff.mfaEnabled ? t('common.on') : t('common.off')}
        </Text>
        <ToolButton
          icon={IconShieldOff}
          variant="light"
          color="orange"
          disabled={!staff.mfaEnabled}
          onClick={() => setConfirmMfaReset(true)}
          data-testid="staff-reset-mfa"
        >
          {t('staff.resetMfa')}
        </ToolButton>
      </Group>
      <ConfirmModal
        opened={confirmMfaReset}
        title={t('staff.resetMfa')}
        message={t('staff.resetMfaConfirm', { name: staff.name })}
        confirmLabel={t('staff.resetMfa')}
        danger
        loading={resetMfa.isPending}
        error={resetMfa.error ? toMessage(resetMfa.error) : null}
        onConfirm={() => resetMfa.mutate()}
        onClose={() => {
          setConfirmMfaReset(false);
          resetMfa.reset();
        }}
      />
    </Stack>
  );
}
