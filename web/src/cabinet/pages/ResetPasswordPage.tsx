import { Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { FormError } from '../../components/FormError';
import { useFormState } from '../../components/useFormState';
import { LIMITS, useRules } from '../../components/validation';
import { useConfirmPasswordReset } from '../api';
import { AuthCard } from '../AuthCard';
import { useCabinetError } from '../useCabinetError';
import { Notice } from '../../components/Notice';
import { FormBody } from '../../components/FormModal';

interface ResetForm {
  password: string;
  confirmPassword: string;
}

/** The page the reset email links to: a new password, then every cabinet session is signed out. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const toMessage = useCabinetError();
  const token = useSearchParams()[0].get('token') ?? '';
  const rules = useRules();
  const form = useFormState<ResetForm>(
    { password: '', confirmPassword: '' },
    {
      password: [
        rules.required(),
        rules.minLength(LIMITS.password.min, t('cabinet.errors.fields.password')),
        rules.maxLength(LIMITS.password.max),
      ],
      confirmPassword: [
        rules.required(),
        (value, values) => (value !== values.password ? t('cabinet.profile.passwordMismatch') : null),
      ],
    },
  );
  const reset = useConfirmPasswordReset({
    onError: (error) => form.showError(error, toMessage),
  });

  const submit = form.handleSubmit((values) => reset.mutate({ token, password: values.password }));

  const tokenProblem = isApiError(reset.error) && reset.error.field === 'token';
  return (
    <AuthCard title={t('cabinet.reset.title')} testId="cab-reset">
      {!token ? (
        <Stack gap="sm">
          <FormError message={t('cabinet.reset.missingToken')} testId="cab-reset-error" />
          <Anchor component={Link} to="/cabinet/forgot" size="sm">
            {t('cabinet.reset.askAgain')}
          </Anchor>
        </Stack>
      ) : reset.isSuccess ? (
        <Stack gap="sm">
          <Notice color="teal" icon={IconCircleCheck} data-testid="cab-reset-done">
            {t('cabinet.reset.done')}
          </Notice>
          <Button component={Link} to="/cabinet/login" data-testid="cab-reset-to-login">
            {t('cabinet.reset.toLogin')}
          </Button>
        </Stack>
      ) : (
        <FormBody onSubmit={submit} error={form.formError} errorTestId="cab-reset-error">
          <PasswordInput
            label={t('cabinet.fields.newPassword')}
            description={t('cabinet.fields.passwordHint')}
            autoComplete="new-password"
            {...form.textField('password')}
            required
            data-autofocus
            data-testid="cab-reset-password"
          />
          <PasswordInput
            label={t('cabinet.fields.confirmPassword')}
            autoComplete="new-password"
            {...form.textField('confirmPassword')}
            required
            data-testid="cab-reset-confirm"
          />
          <Button type="submit" fullWidth loading={reset.isPending} data-testid="cab-reset-submit">
            {t('cabinet.reset.submit')}
          </Button>
          {tokenProblem && (
            <Anchor component={Link} to="/cabinet/forgot" size="sm" ta="center">
              {t('cabinet.reset.askAgain')}
            </Anchor>
          )}
        </FormBody>
      )}
    </AuthCard>
  );
}
