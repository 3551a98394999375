import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateStaff } from '../../../api/staff';
import { FormModal } from '../../../components/FormModal';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useFormState } from '../../../components/useFormState';
import {
  capacityOf,
  EMPTY_STAFF_FORM,
  StaffFormFields,
  useStaffRules,
  type StaffFormValues,
} from './StaffFormFields';
import { FormActions } from '../../../components/FormActions';

export function CreateStaffModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const form = useFormState<StaffFormValues>(EMPTY_STAFF_FORM, useStaffRules('create'));
  const { reset } = form;

  // Every opening starts with a blank form.
  useEffect(() => {
    if (opened) reset(EMPTY_STAFF_FORM);
  }, [opened, reset]);

  const create = useCreateStaff({
    onSuccess: (staff) => {
      notifications.show({ color: 'teal', message: `${t('staff.created')}: ${staff.name}` });
      onClose();
    },
    onError: (error) => form.showError(error, toMessage),
  });

  const submit = form.handleSubmit((values) =>
    create.mutate({
      ...values,
      name: values.name.trim(),
      email: values.email.trim(),
      capacity: capacityOf(values),
    }),
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('staff.form.createTitle')}
      size="lg"
      testId="staff-form"
      onSubmit={submit}
      formError={form.formError}
    >
      <StaffFormFields mode="create" values={form.values} errors={form.errors} setField={form.setField} />
      <FormActions onCancel={onClose} mt="xs">
        <Button type="submit" loading={create.isPending} data-testid="staff-form-submit">
          {t('staff.form.submitCreate')}
        </Button>
      </FormActions>
    </FormModal>
  );
}
