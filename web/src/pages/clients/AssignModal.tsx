import { Button, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useReassignClients } from '../../api/clients';
import { FormError } from '../../components/FormError';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormState } from '../../components/useFormState';
import { useRules } from '../../components/validation';
import { useUser } from '../../session/useSession';
import { useStaffPicker } from './useStaffPicker';
import { FormActions } from '../../components/FormActions';

interface AssignModalProps {
  opened: boolean;
  clientIds: string[];
  /** Shown in the title when one client is reassigned from its card. */
  clientName?: string;
  /** The current manager, left out of the choices. */
  currentManagerId?: string | null;
  onClose: () => void;
  onDone?: (reassigned: number) => void;
}

interface AssignForm {
  managerId: string | null;
  reason: string;
}

const EMPTY: AssignForm = { managerId: null, reason: '' };

/** Hands one or many clients to another manager; the reason goes to each client's timeline. */
export function AssignModal({
  opened,
  clientIds,
  clientName,
  currentManagerId,
  onClose,
  onDone,
}: AssignModalProps) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const user = useUser();
  // A team lead hands clients only within the team (the API refuses others).
  const picker = useStaffPicker({ teamId: user.role === 'team_lead' ? user.teamId : null, enabled: opened });
  const rules = useRules();
  const form = useFormState<AssignForm>(EMPTY, {
    managerId: [rules.required()],
    reason: [(v) => (v.trim().length < 3 ? t('clients.assign.reasonRequired') : null), rules.maxLength(500)],
  });
  const { reset } = form;

  useEffect(() => {
    if (opened) reset(EMPTY);
  }, [opened, reset]);

  const assign = useReassignClients({
    onSuccess: ({ reassigned }) => {
      notifications.show({ color: 'teal', message: t('clients.assign.done', { count: reassigned }) });
      onDone?.(reassigned);
      onClose();
    },
    onError: (error) => form.showError(error, toMessage),
  });

  const submit = form.handleSubmit(({ managerId, reason }) =>
    assign.mutate({ clientIds, managerId: managerId!, reason: reason.trim() }),
  );

  const options = picker.options.filter((option) => option.value !== currentManagerId);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={clientName ? t('clients.assign.titleOne', { name: clientName }) : t('clients.assign.title')}
      size="md"
    >
      <form onSubmit={submit} noValidate data-testid="assign-form">
        <Stack gap="sm">
          {!clientName && (
            <Text size="sm" c="dimmed">
              {t('clients.assign.selected', { count: clientIds.length })}
            </Text>
          )}
          <FormError message={form.formError} />
          <Select
            label={t('clients.assign.manager')}
            placeholder={t('clients.assign.managerPlaceholder')}
            data={options}
            {...form.valueField('managerId')}
            searchable
            required
            nothingFoundMessage={t('clients.assign.nobody')}
            comboboxProps={{ withinPortal: true }}
            data-testid="bulk-assign-manager"
          />
          <Textarea
            label={t('clients.assign.reason')}
            description={t('clients.assign.reasonHint')}
            value={form.values.reason}
            onChange={(event) => form.setField('reason', event.currentTarget.value)}
            autosize
            minRows={2}
            maxRows={5}
            required
            error={form.errors.reason}
            data-testid="bulk-assign-reason"
          />
          <FormActions onCancel={onClose} size="xs">
            <Button type="submit" size="xs" loading={assign.isPending} data-testid="bulk-assign-submit">
              {t('clients.assign.submit')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
