import { Button, Card, Group, PasswordInput, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MutationCallbacks } from '../api/mutation';
import { notifications } from '@mantine/notifications';
import { FormError } from './FormError';
import { useFormState } from './useFormState';
import { LIMITS, useRules, type Rules } from './validation';

export interface PasswordChangeValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export const EMPTY_PASSWORD_CHANGE: PasswordChangeValues = {
  currentPassword: '',
  newPassword: '',
  confirmPassword: '',
};

/** Every field checked at once: the current password given, the new one long enough, both copies equal. */
export function usePasswordChangeRules(messages: {
  tooShort?: string;
  mismatch: string;
}): Rules<PasswordChangeValues> {
  const rules = useRules();
  return {
    currentPassword: [rules.required()],
    newPassword: [
      rules.required(),
      rules.minLength(LIMITS.password.min, messages.tooShort),
      rules.maxLength(LIMITS.password.max),
    ],
    confirmPassword: [
      rules.required(),
      (value, values) => (value !== values.newPassword ? messages.mismatch : null),
    ],
  };
}

interface Props {
  values: PasswordChangeValues;
  errors: Partial<Record<keyof PasswordChangeValues, string>>;
  formError: string | null;
  onChange: (field: keyof PasswordChangeValues, value: string) => void;
  labels: { current: string; next: string; confirm: string; submit: string; hint?: string };
  /** `password` on the staff profile, `cab-password` in the cabinet: tests address each by its prefix. */
  testIdPrefix: string;
  pending: boolean;
}

/** The current / new / confirm fields and the submit button, shared by the staff profile and the cabinet. */
export function PasswordChangeFields({
  values,
  errors,
  formError,
  onChange,
  labels,
  testIdPrefix,
  pending,
}: Props) {
  const field = (
    name: keyof PasswordChangeValues,
    label: string,
    autoComplete: string,
    testId: string,
    description?: string,
  ) => (
    <PasswordInput
      label={label}
      description={description}
      autoComplete={autoComplete}
      value={values[name]}
      onChange={(event) => onChange(name, event.currentTarget.value)}
      error={errors[name]}
      data-testid={`${testIdPrefix}-${testId}`}
    />
  );
  return (
    <Stack gap="xs">
      <FormError message={formError} testId={`${testIdPrefix}-error`} />
      {field('currentPassword', labels.current, 'current-password', 'current')}
      {field('newPassword', labels.next, 'new-password', 'new', labels.hint)}
      {field('confirmPassword', labels.confirm, 'new-password', 'confirm')}
      <Group justify="flex-end">
        <Button
          type="submit"
          size="xs"
          loading={pending}
          disabled={!values.currentPassword || !values.newPassword || !values.confirmPassword}
          data-testid={`${testIdPrefix}-submit`}
        >
          {labels.submit}
        </Button>
      </Group>
    </Stack>
  );
}

/** The words of the change-password card. */
export interface PasswordChangeTexts {
  title: string;
  current: string;
  next: string;
  hint?: string;
  confirm: string;
  submit: string;
  tooShort?: string;
  mismatch: string;
  changed: string;
}

type ChangeVars = { currentPassword: string; newPassword: string };

/**
 * The change-password card of the staff profile and of the cabinet: the fields, their rules, and what
 * a change does (cleared and a toast on success, the server's error on its field otherwise).
 * `useChange` is the mutation hook sending the change. With `cabinet` (the cabinet's words) the card
 * takes the cabinet's heading level; without, the staff profile's words.
 */
export function PasswordChangeCard({
  useChange,
  toMessage,
  cabinet,
  testIdPrefix,
}: {
  useChange: (callbacks: MutationCallbacks<void, ChangeVars>) => {
    mutate: (vars: ChangeVars) => void;
    isPending: boolean;
  };
  toMessage: (error: unknown) => string;
  cabinet?: PasswordChangeTexts;
  testIdPrefix: Props['testIdPrefix'];
}) {
  const { t } = useTranslation();
  const texts = cabinet ?? {
    title: t('profile.password.title'),
    current: t('profile.password.current'),
    next: t('profile.password.new'),
    confirm: t('profile.password.confirm'),
    submit: t('profile.password.submit'),
    mismatch: t('profile.password.mismatch'),
    changed: t('profile.password.changed'),
  };
  const form = useFormState<PasswordChangeValues>(EMPTY_PASSWORD_CHANGE, usePasswordChangeRules(texts));
  const change = useChange({
    onSuccess: () => {
      form.reset(EMPTY_PASSWORD_CHANGE);
      notifications.show({ color: 'teal', message: texts.changed });
    },
    onError: (error) => form.showError(error, toMessage),
  });
  return (
    <Card withBorder padding="md" radius={cabinet ? 'md' : undefined}>
      <Title order={cabinet ? 2 : 4} fz="md" mb={cabinet ? 'xs' : 'sm'}>
        {texts.title}
      </Title>
      <form onSubmit={form.handleSubmit((values) => change.mutate(values))} noValidate>
        <PasswordChangeFields
          values={form.values}
          errors={form.errors}
          formError={form.formError}
          onChange={form.setField}
          labels={texts}
          testIdPrefix={testIdPrefix}
          pending={change.isPending}
        />
      </form>
    </Card>
  );
}
