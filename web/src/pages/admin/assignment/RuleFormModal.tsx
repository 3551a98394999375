import { Button, Radio, Stack, Switch, TagsInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveAssignmentRule } from '../../../api/assignmentRules';
import type { AssignmentRule } from '../../../../../src/shared/contracts/clients';
import { FormModal, NameInput } from '../../../components/FormModal';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useFormState } from '../../../components/useFormState';
import { useRules } from '../../../components/validation';
import { CodeTagsInput } from '../../clients/components/CodeInputs';
import { TeamSelect } from '../../../components/TeamSelect';
import { FormActions } from '../../../components/FormActions';

interface RuleForm {
  name: string;
  countries: string[];
  languages: string[];
  sources: string[];
  teamId: string | null;
  active: boolean;
  kind: AssignmentRule['kind'];
}

const EMPTY: RuleForm = {
  name: '',
  countries: [],
  languages: [],
  sources: [],
  teamId: null,
  active: true,
  kind: 'on_create',
};
const KINDS = ['on_create', 'on_ftd'] as const;

/** Create (rule = null) or edit an assignment rule. Empty criteria match anything. */
export function RuleFormModal({
  opened,
  rule,
  onClose,
}: {
  opened: boolean;
  rule: AssignmentRule | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const rules = useRules();
  const form = useFormState<RuleForm>(EMPTY, {
    name: [rules.required(), rules.maxLength(80)],
    teamId: [rules.required()],
  });
  const { reset } = form;

  useEffect(() => {
    if (!opened) return;
    reset(
      rule
        ? {
            name: rule.name,
            countries: rule.countries,
            languages: rule.languages,
            sources: rule.sources,
            teamId: rule.teamId,
            active: rule.active,
            kind: rule.kind,
          }
        : EMPTY,
    );
  }, [opened, rule, reset]);

  const save = useSaveAssignmentRule({
    onSuccess: () => {
      notifications.show({
        color: 'teal',
        message: rule ? t('clients.rules.updated') : t('clients.rules.created'),
      });
      onClose();
    },
    onError: (error) => form.showError(error, toMessage),
  });

  const submit = form.handleSubmit((values) =>
    save.mutate({
      id: rule?.id ?? null,
      input: { ...values, name: values.name.trim(), teamId: values.teamId! },
    }),
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={rule ? t('clients.rules.editTitle') : t('clients.rules.createTitle')}
      size="lg"

      testId="rule-form"
      onSubmit={submit}
      formError={form.formError}
    >
      <NameInput label={t('clients.rules.fields.name')} {...form.textField('name')} testId="rule-form-name" />
      <Radio.Group
        label={t('clients.rules.fields.kind')}
        value={form.values.kind}
        onChange={(value) => form.setField('kind', value as RuleForm['kind'])}
        data-testid="rule-form-kind"
      >
        <Stack gap={6} mt={4}>
          {KINDS.map((kind) => (
            <Radio
              key={kind}
              value={kind}
              label={t(`clients.rules.kind.${kind}`)}
              description={t(`clients.rules.kindHint.${kind}`)}
              data-testid={`rule-form-kind-${kind}`}
            />
          ))}
        </Stack>
      </Radio.Group>
      {(['country', 'language'] as const).map((kind) => {
        const key = kind === 'country' ? 'countries' : 'languages';
        return (
          <CodeTagsInput
            key={kind}
            kind={kind}
            label={t(`clients.rules.fields.${key}`)}
            description={t('clients.rules.anyHint')}
            {...form.valueField(key)}
            data-testid={`rule-form-${key}`}
          />
        );
      })}
      <TagsInput
        label={t('clients.rules.fields.sources')}
        description={t('clients.rules.anyHint')}
        value={form.values.sources}
        onChange={(value) => form.setField('sources', value.map((s) => s.trim()).filter(Boolean))}
        data={['phone', 'office', 'website', 'import', 'referral']}
        error={form.errors.sources}
        acceptValueOnBlur
        clearable
        data-testid="rule-form-sources"
      />
      <TeamSelect
        label={t('clients.rules.fields.team')}
        {...form.valueField('teamId')}
        required
        data-testid="rule-form-team"
      />
      <Switch
        label={t('clients.rules.fields.active')}
        {...form.checkedField('active')}
        data-testid="rule-form-active"
      />
      <FormActions onCancel={onClose}>
        <Button type="submit" loading={save.isPending} data-testid="rule-form-submit">
          {rule ? t('common.saveChanges') : t('common.create')}
        </Button>
      </FormActions>
    </FormModal>
  );
}
