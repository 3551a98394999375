import { Button, NumberInput, SegmentedControl, Select, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { useCreateAlertRule, useUpdateAlertRule } from '../../../api/trading';
import { ALERT_KINDS, type AlertKind, type AlertRuleAccountKind } from '../../../../../src/shared/trading';
import type {
  AlertRuleInput,
  AlertRuleParams,
  AlertRuleView,
} from '../../../../../src/shared/contracts/trading';
import { FormModal, NameInput } from '../../../components/FormModal';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { fieldBinder, useFormState } from '../../../components/useFormState';
import { FormActions } from '../../../components/FormActions';

type Num = number | '';
type Mode = 'amount' | 'percent';

interface RuleForm {
  name: string;
  kind: AlertKind;
  accountKind: AlertRuleAccountKind;
  active: boolean;
  /** low balance / low equity: a fixed amount or a share of net deposits. */
  mode: Mode;
  amount: Num;
  percentOfDeposits: Num;
  days: Num;
  loss: Num;
  marginLevel: Num;
  clearPercent: Num;
}

const EMPTY: RuleForm = {
  name: '',
  kind: 'low_equity',
  accountKind: 'live',
  active: true,
  mode: 'amount',
  amount: '',
  percentOfDeposits: '',
  days: '',
  loss: '',
  marginLevel: '',
  clearPercent: '',
};

const fromRule = (rule: AlertRuleView): RuleForm => ({
  name: rule.name,
  kind: rule.kind,
  accountKind: rule.accountKind,
  active: rule.active,
  mode: rule.params.percentOfDeposits !== undefined ? 'percent' : 'amount',
  amount: rule.params.amount ?? '',
  percentOfDeposits: rule.params.percentOfDeposits ?? '',
  days: rule.params.days ?? '',
  loss: rule.params.loss ?? '',
  marginLevel: rule.params.marginLevel ?? '',
  clearPercent: rule.params.clearPercent ?? '',
});

/** The form field that carries a kind's threshold (where a server error about `params` belongs). */
function thresholdField(values: RuleForm): keyof RuleForm | null {
  switch (values.kind) {
    case 'low_balance':
    case 'low_equity':
      return values.mode === 'amount' ? 'amount' : 'percentOfDeposits';
    case 'no_trading':
      return 'days';
    case 'large_loss':
      return 'loss';
    case 'margin_call':
      return 'marginLevel';
    default:
      return null;
  }
}

/** Only the parameters the chosen kind uses are sent (the server refuses nothing else, but stores it). */
function toParams(values: RuleForm): AlertRuleParams {
  const params: AlertRuleParams = {};
  const set = (key: keyof AlertRuleParams, value: Num) => {
    if (value !== '') params[key] = value;
  };
  const field = thresholdField(values);
  if (field === 'amount' || field === 'percentOfDeposits' || field === 'days' || field === 'loss')
    set(field, values[field]);
  if (field === 'marginLevel') set('marginLevel', values.marginLevel);
  set('clearPercent', values.clearPercent);
  return params;
}

interface SegmentFieldProps<V extends string> {
  label: string;
  options: readonly V[];
  optionLabel: (option: V) => string;
  value: V;
  onChange: (value: V) => void;
  error?: string | undefined;
  testId: string;
}

/** A labelled SegmentedControl (Mantine's has no label of its own), with the field's error under it. */
function SegmentField<V extends string>(props: SegmentFieldProps<V>) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {props.label}
      </Text>
      <SegmentedControl
        size="xs"
        data={props.options.map((option) => ({ value: option, label: props.optionLabel(option) }))}
        value={props.value}
        onChange={(value) => props.onChange(value as V)}
        data-testid={props.testId}
      />
      {props.error && (
        <Text size="xs" c="red">
          {props.error}
        </Text>
      )}
    </Stack>
  );
}

/** Create (rule = null) or edit a trading alert rule; the fields follow the chosen kind. */
export function AlertRuleModal({
  opened,
  rule,
  onClose,
}: {
  opened: boolean;
  rule: AlertRuleView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const form = useFormState<RuleForm>(EMPTY);
  const { reset } = form;
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const saving = create.isPending || update.isPending;

  useEffect(() => {
    if (opened) reset(rule ? fromRule(rule) : EMPTY);
  }, [opened, rule, reset]);

  const { values, setField, errors } = form;
  const bind = fieldBinder(values, errors, setField);
  const threshold = thresholdField(values);

  // Server validation answers name a path like `params.amount`: show it on that field.
  const showServerError = (error: unknown) => {
    if (isApiError(error) && error.field) {
      const leaf = error.field.replace(/^params\.?/, '');
      const key = (leaf || threshold) as keyof RuleForm | null;
      if (key && key in values) {
        form.setErrors({ [key]: toMessage(error) } as Partial<Record<keyof RuleForm, string>>);
        form.setFormError(null);
        return;
      }
    }
    form.showError(error, toMessage);
  };

  const validate = (): boolean => {
    const found: Partial<Record<keyof RuleForm, string>> = {};
    if (!values.name.trim()) found.name = t('common.required');
    else if (values.name.trim().length > 120) found.name = t('form.tooLong', { max: 120 });
    const positive = (key: keyof RuleForm, required: boolean) => {
      const value = values[key] as Num;
      if (value === '') {
        if (required) found[key] = t('common.required');
      } else if (value <= 0) found[key] = t('online.rules.validation.positive');
    };
    if (threshold === 'amount' || threshold === 'loss') positive(threshold, true);
    if (threshold === 'percentOfDeposits') {
      positive(threshold, true);
      if (values.percentOfDeposits !== '' && values.percentOfDeposits > 100)
        found.percentOfDeposits = t('online.rules.validation.percent');
    }
    if (threshold === 'days') {
      const days = values.days;
      if (days === '') found.days = t('common.required');
      else if (!Number.isInteger(days) || days < 1 || days > 365)
        found.days = t('online.rules.validation.days');
    }
    if (threshold === 'marginLevel' && values.marginLevel !== '') {
      if (values.marginLevel <= 0) found.marginLevel = t('online.rules.validation.positive');
      else if (values.marginLevel > 10_000) found.marginLevel = t('online.rules.validation.marginLevel');
    }
    if (values.clearPercent !== '' && (values.clearPercent < 0 || values.clearPercent > 100))
      found.clearPercent = t('online.rules.validation.percent');
    form.setErrors(found);
    return Object.keys(found).length === 0;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    form.setFormError(null);
    if (!validate()) return;
    const input: AlertRuleInput = {
      name: values.name.trim(),
      kind: values.kind,
      accountKind: values.accountKind,
      active: values.active,
      params: toParams(values),
    };
    const done = () => {
      notifications.show({
        color: 'teal',
        message: rule ? t('online.rules.updated') : t('online.rules.created'),
      });
      onClose();
    };
    if (rule) update.mutate({ id: rule.id, patch: input }, { onSuccess: done, onError: showServerError });
    else create.mutate(input, { onSuccess: done, onError: showServerError });
  };

  const number = (
    key: 'amount' | 'percentOfDeposits' | 'days' | 'loss' | 'marginLevel' | 'clearPercent',
    props: { label: string; description?: string; required?: boolean; max?: number; suffix?: string },
  ) => (
    <NumberInput
      label={props.label}
      description={props.description}
      required={props.required}
      value={values[key]}
      onChange={(value) => setField(key, typeof value === 'number' ? value : '')}
      error={errors[key]}
      min={0}
      max={props.max}
      allowNegative={false}
      allowDecimal={key !== 'days'}
      decimalScale={2}
      thousandSeparator=" "
      suffix={props.suffix}
      hideControls
      dir="ltr"
      data-testid={`alert-rule-${key}`}
    />
  );

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={rule ? t('online.rules.editTitle') : t('online.rules.createTitle')}
      size="lg"

      testId="alert-rule-form"
      onSubmit={submit}
      formError={form.formError}
    >
      <NameInput label={t('online.rules.fields.name')} {...bind.text('name')} testId="alert-rule-name" />
      <Select
        label={t('online.rules.fields.kind')}
        description={t(`online.rules.kindHints.${values.kind}`)}
        data={ALERT_KINDS.map((kind) => ({ value: kind, label: t(`online.rules.kinds.${kind}`) }))}
        {...bind.choice('kind')}
        required
        data-testid="alert-rule-kind"
      />
      <SegmentField
        label={t('online.rules.fields.accountKind')}
        options={['live', 'demo', 'any'] as const}
        optionLabel={(kind: AlertRuleAccountKind) => t(`online.rules.accountKinds.${kind}`)}
        {...bind.value('accountKind')}
        testId="alert-rule-account-kind"
      />

      {(values.kind === 'low_balance' || values.kind === 'low_equity') && (
        <>
          <SegmentField
            label={t('online.rules.fields.thresholdMode')}
            options={['amount', 'percent'] as const}
            optionLabel={(mode: Mode) => t(`online.rules.thresholdModes.${mode}`)}
            {...bind.value('mode')}
            testId="alert-rule-mode"
          />
          {values.mode === 'amount'
            ? number('amount', { label: t('online.rules.fields.amount'), required: true })
            : number('percentOfDeposits', {
                label: t('online.rules.fields.percentOfDeposits'),
                description: t('online.rules.fields.percentHint'),
                required: true,
                max: 100,
                suffix: ' %',
              })}
        </>
      )}
      {values.kind === 'no_trading' &&
        number('days', { label: t('online.rules.fields.days'), required: true, max: 365 })}
      {values.kind === 'large_loss' &&
        number('loss', { label: t('online.rules.fields.loss'), required: true })}
      {values.kind === 'margin_call' &&
        number('marginLevel', {
          label: t('online.rules.fields.marginLevel'),
          description: t('online.rules.fields.marginLevelHint'),
          max: 10_000,
          suffix: ' %',
        })}
      {number('clearPercent', {
        label: t('online.rules.fields.clearPercent'),
        description: t('online.rules.fields.clearPercentHint'),
        max: 100,
        suffix: ' %',
      })}

      <Switch
        label={t('online.rules.fields.active')}
        {...bind.check('active')}
        data-testid="alert-rule-active"
      />
      <FormActions onCancel={onClose}>
        <Button type="submit" loading={saving} data-testid="alert-rule-submit">
          {rule ? t('common.saveChanges') : t('common.create')}
        </Button>
      </FormActions>
    </FormModal>
  );
}
