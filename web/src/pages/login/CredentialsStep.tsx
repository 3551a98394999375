import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconClockPause, IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogin } from '../../api/auth';
import { isApiError } from '../../api/client';
import type { LoginResult } from '../../api/types';
import { FormError } from '../../components/FormError';
import { useErrorMessage } from '../../components/useErrorMessage';

interface CredentialsStepProps {
  onResult: (result: LoginResult) => void;
  /** Message carried over from a later step, e.g. an expired 2FA challenge. */
  notice: string | null;
}

export function CredentialsStep({ onResult, notice }: CredentialsStepProps) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin({ onSuccess: onResult });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {notice && !login.error && <FormError message={notice} />}
        <LoginError error={login.error} message={login.error ? toMessage(login.error) : null} />
        <TextInput
          label={t('login.email')}
          placeholder={t('login.emailPlaceholder')}
          type="email"
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          required
          data-autofocus
          dir="ltr"
          data-testid="login-email"
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          required
          data-testid="login-password"
        />
        <Button
          type="submit"
          fullWidth
          loading={login.isPending}
          disabled={!email || !password}
          data-testid="login-submit"
        >
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** Lockout and rate limiting get their own, more prominent explanation. */
function LoginError({ error, message }: { error: unknown; message: string | null }) {
  const { t } = useTranslation();
  if (!message) return null;
  if (isApiError(error) && (error.status === 423 || error.code === 'account_locked')) {
    return (
      <Alert
        color="orange"
        variant="light"
        icon={<IconLock size={18} />}
        title={t('login.lockedTitle')}
        role="alert"
        data-testid="login-locked"
      >
        {message}
      </Alert>
    );
  }
  if (isApiError(error) && (error.status === 429 || error.code === 'rate_limited')) {
    return (
      <Alert
        color="yellow"
        variant="light"
        icon={<IconClockPause size={18} />}
        title={t('login.rateLimitedTitle')}
        role="alert"
        data-testid="login-rate-limited"
      >
        {message}
      </Alert>
    );
  }
  return <FormError message={message} testId="login-error" />;
}
