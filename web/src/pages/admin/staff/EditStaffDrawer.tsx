import { Button, Drawer, Group, Stack, useDirection } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateStaff } from '../../../api/staff';
import type { Staff } from '../../../../../src/shared/contracts/identity';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useFormState } from '../../../components/useFormState';
import { StaffAccountActions } from './StaffAccountActions';
import {
  capacityOf,
  DEFAULT_CAPACITY,
  EMPTY_STAFF_FORM,
  StaffFormFields,
  useStaffRules,
  type StaffFormValues,
} from './StaffFormFields';
import { FormBody } from '../../../components/FormModal';

interface EditStaffDrawerProps {
  staff: Staff | null;
  onClose: () => void;
  /** Keeps the drawer showing the latest server copy after each change. */
  onChanged: (staff: Staff) => void;
}

function toFormValues(staff: Staff): StaffFormValues {
  return {
    ...EMPTY_STAFF_FORM,
    name: staff.name,
    email: staff.email,
    role: staff.role,
    teamId: staff.teamId,
    languages: staff.languages,
    active: staff.active,
    capacity: staff.capacity ?? DEFAULT_CAPACITY,
    absent: staff.absent ?? false,
  };
}

export function EditStaffDrawer({ staff, onClose, onChanged }: EditStaffDrawerProps) {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const toMessage = useErrorMessage();
  const form = useFormState<StaffFormValues>(EMPTY_STAFF_FORM, useStaffRules('edit'));
  const { reset } = form;
  const staffId = staff?.id;

  // Load the selected person into the form (only when a different person is opened).
  useEffect(() => {
    if (staff) reset(toFormValues(staff));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [staffId, reset]);

  const save = useUpdateStaff({
    onSuccess: (updated) => {
      onChanged(updated);
      notifications.show({ color: 'teal', message: t('staff.updated') });
    },
    onError: (error) => form.showError(error, toMessage),
  });

  const submit = form.handleSubmit((values) => {
    if (!staff) return;
    save.mutate({
      id: staff.id,
      patch: {
        name: values.name.trim(),
        email: values.email.trim(),
        role: values.role,
        teamId: values.teamId,
        languages: values.languages,
        capacity: capacityOf(values),
        absent: values.absent,
      },
    });
  });

  return (
    <Drawer
      opened={staff !== null}
      onClose={onClose}
      title={staff ? `${t('staff.form.editTitle')}: ${staff.name}` : ''}
      position={dir === 'rtl' ? 'left' : 'right'}
      size="md"
      data-testid="staff-drawer"
    >
      {staff && (
        <Stack gap="sm">
          <FormBody onSubmit={submit} error={form.formError} testId="staff-edit-form">
            <StaffFormFields mode="edit" values={form.values} errors={form.errors} setField={form.setField} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('common.close')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="staff-form-submit">
                {t('common.saveChanges')}
              </Button>
            </Group>
          </FormBody>
          <StaffAccountActions staff={staff} onChanged={onChanged} />
        </Stack>
      )}
    </Drawer>
  );
}
