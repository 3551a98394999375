import { Button, Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveTeam } from '../../../api/teams';
import { TEAM_KINDS } from '../../../../../src/shared/identity';
import type { Team, TeamInput } from '../../../../../src/shared/contracts/identity';
import { FormModal, NameInput } from '../../../components/FormModal';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useFormState } from '../../../components/useFormState';
import { useRules } from '../../../components/validation';
import { useStaffOptions } from '../../../api/staff';
import { FormActions } from '../../../components/FormActions';

const EMPTY_TEAM: TeamInput = { name: '', kind: 'sales', leadId: null };

interface TeamFormModalProps {
  opened: boolean;
  /** null creates a new team. */
  team: Team | null;
  onClose: () => void;
}

export function TeamFormModal({ opened, team, onClose }: TeamFormModalProps) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const staffOptions = useStaffOptions();
  const rules = useRules();
  const form = useFormState<TeamInput>(EMPTY_TEAM, { name: [rules.required(), rules.maxLength(80)] });
  const { reset } = form;

  useEffect(() => {
    if (opened) reset(team ? { name: team.name, kind: team.kind, leadId: team.leadId } : EMPTY_TEAM);
  }, [opened, team, reset]);

  const save = useSaveTeam({
    onSuccess: () => {
      notifications.show({ color: 'teal', message: team ? t('teams.updated') : t('teams.created') });
      onClose();
    },
    onError: (error) => form.showError(error, toMessage),
  });

  const submit = form.handleSubmit((values) =>
    save.mutate({ id: team?.id ?? null, input: { ...values, name: values.name.trim() } }),
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={team ? t('teams.form.editTitle') : t('teams.form.createTitle')}

      testId="team-form"
      onSubmit={submit}
      formError={form.formError}
    >
      <NameInput label={t('teams.form.name')} {...form.textField('name')} testId="team-form-name" />
      <Select
        label={t('teams.form.kind')}
        data={TEAM_KINDS.map((kind) => ({ value: kind, label: t(`teamKinds.${kind}`) }))}
        {...form.choiceField('kind')}
        required
        data-testid="team-form-kind"
      />
      <Select
        label={t('teams.form.lead')}
        placeholder={t('teams.form.noLead')}
        data={staffOptions.data ?? []}
        {...form.valueField('leadId')}
        clearable
        searchable
        data-testid="team-form-lead"
      />
      <FormActions onCancel={onClose} mt="xs">
        <Button type="submit" loading={save.isPending} data-testid="team-form-submit">
          {team ? t('common.saveChanges') : t('common.create')}
        </Button>
      </FormActions>
    </FormModal>
  );
}
