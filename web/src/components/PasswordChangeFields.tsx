import { Button, Group, PasswordInput, Stack } from '@mantine/core';
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

/**
 * The change-password form's state: its rules, and what a change does to it (cleared and a toast on
 * success, the server's error on its field otherwise). Pass `callbacks` to the change mutation hook.
 */
export function usePasswordChange(
  messages: { tooShort?: string; mismatch: string; changed: string },
  toMessage: (error: unknown) => string,
) {
  const form = useFormState<PasswordChangeValues>(EMPTY_PASSWORD_CHANGE, usePasswordChangeRules(messages));
  const callbacks = {
    onSuccess: () => {
      form.reset(EMPTY_PASSWORD_CHANGE);
      notifications.show({ color: 'teal', message: messages.changed });
    },
    onError: (error: Error) => form.showError(error, toMessage),
  };
  return { form, callbacks };
}

/** The form around the fields, sending the change when every field passes. */
export function PasswordChangeForm({
  form,
  change,
  ...fields
}: {
  form: ReturnType<typeof usePasswordChange>['form'];
  change: { mutate: (values: PasswordChangeValues) => void };
} & Pick<Props, 'labels' | 'testIdPrefix' | 'pending'>) {
  return (
    <form onSubmit={form.handleSubmit((values) => change.mutate(values))} noValidate>
      <PasswordChangeFields
        values={form.values}
        errors={form.errors}
        formError={form.formError}
        onChange={form.setField}
        {...fields}
      />
    </form>
  );
}
