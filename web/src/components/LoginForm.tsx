import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { IconClockPause, IconLock } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { isApiError } from '../api/client';
import { FormError } from './FormError';

export interface LoginFormTexts {
  email: string;
  emailPlaceholder: string;
  password: string;
  submit: string;
  lockedTitle: string;
  rateLimitedTitle: string;
}

interface LoginFormProps {
  texts: LoginFormTexts;
  /** `${testIdPrefix}-email`, `-password`, `-submit`, `-error`, `-locked`, `-rate-limited`. */
  testIdPrefix: string;
  /** The staff sign-in asks for an email address; the cabinet's login may be one. */
  emailType?: 'email';
  pending: boolean;
  error: unknown;
  /** The error as a sentence in the reader's language (each side has its own wording). */
  errorMessage: string | null;
  /** Shown above the fields while there is no error, e.g. why the previous step sent the user back. */
  notice?: string | null;
  /** Between the password and the button ("Forgot password?"). */
  beforeSubmit?: ReactNode;
  /** Below the button ("No account? Register"). */
  after?: ReactNode;
  onSubmit: (email: string, password: string) => void;
}

/** Email and password, for staff (/login) and for traders (/cabinet/login). */
export function LoginForm({
  texts,
  testIdPrefix,
  emailType,
  pending,
  error,
  errorMessage,
  notice,
  beforeSubmit,
  after,
  onSubmit,
}: LoginFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(email.trim(), password);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {notice && !error && <FormError message={notice} />}
        <LoginError error={error} message={errorMessage} texts={texts} testIdPrefix={testIdPrefix} />
        <TextInput
          label={texts.email}
          placeholder={texts.emailPlaceholder}
          type={emailType}
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          required
          data-autofocus
          dir="ltr"
          data-testid={`${testIdPrefix}-email`}
        />
        <PasswordInput
          label={texts.password}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          required
          data-testid={`${testIdPrefix}-password`}
        />
        {beforeSubmit}
        <Button
          type="submit"
          fullWidth
          loading={pending}
          disabled={!email.trim() || !password}
          data-testid={`${testIdPrefix}-submit`}
        >
          {texts.submit}
        </Button>
        {after}
      </Stack>
    </form>
  );
}

/** Lockout and rate limiting get their own, more prominent explanation. */
function LoginError({
  error,
  message,
  texts,
  testIdPrefix,
}: {
  error: unknown;
  message: string | null;
  texts: LoginFormTexts;
  testIdPrefix: string;
}) {
  if (!message) return null;
  const locked = isApiError(error) && (error.status === 423 || error.code === 'account_locked');
  const limited = isApiError(error) && (error.status === 429 || error.code === 'rate_limited');
  if (!locked && !limited) return <FormError message={message} testId={`${testIdPrefix}-error`} />;
  return (
    <Alert
      color={locked ? 'orange' : 'yellow'}
      variant="light"
      icon={locked ? <IconLock size={18} /> : <IconClockPause size={18} />}
      title={locked ? texts.lockedTitle : texts.rateLimitedTitle}
      role="alert"
      data-testid={`${testIdPrefix}-${locked ? 'locked' : 'rate-limited'}`}
    >
      {message}
    </Alert>
  );
}
