import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { IconClockPause, IconLock } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { FormError } from '../../components/FormError';
import { useCabinetLogin } from '../api';
import { AuthCard } from '../AuthCard';
import { useCabinetError } from '../useCabinetError';

export function LoginPage() {
  const { t } = useTranslation();
  const toMessage = useCabinetError();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useCabinetLogin({
    onSuccess: () => {
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from?.startsWith('/cabinet') && from !== '/cabinet/login' ? from : '/cabinet', {
        replace: true,
      });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  };

  const error = login.error;
  const message = error ? toMessage(error) : null;
  return (
    <AuthCard title={t('cabinet.login.title')} subtitle={t('cabinet.login.subtitle')} testId="cab-login">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {message && isApiError(error) && error.status === 423 ? (
            <Alert
              color="orange"
              variant="light"
              icon={<IconLock size={18} />}
              title={t('cabinet.login.lockedTitle')}
              role="alert"
              data-testid="cab-login-locked"
            >
              {message}
            </Alert>
          ) : message && isApiError(error) && error.status === 429 ? (
            <Alert
              color="yellow"
              variant="light"
              icon={<IconClockPause size={18} />}
              title={t('cabinet.login.rateLimitedTitle')}
              role="alert"
              data-testid="cab-login-rate-limited"
            >
              {message}
            </Alert>
          ) : (
            <FormError message={message} testId="cab-login-error" />
          )}
          <TextInput
            label={t('cabinet.fields.login')}
            placeholder={t('cabinet.fields.emailPlaceholder')}
            autoComplete="username"
            dir="ltr"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            required
            data-autofocus
            data-testid="cab-login-email"
          />
          <PasswordInput
            label={t('cabinet.fields.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
            data-testid="cab-login-password"
          />
          <Group justify="flex-end">
            <Anchor component={Link} to="/cabinet/forgot" size="sm" data-testid="cab-to-forgot">
              {t('cabinet.login.forgot')}
            </Anchor>
          </Group>
          <Button
            type="submit"
            fullWidth
            loading={login.isPending}
            disabled={!email.trim() || !password}
            data-testid="cab-login-submit"
          >
            {t('cabinet.login.submit')}
          </Button>
          <Group gap={6} justify="center">
            <Text size="sm" c="dimmed">
              {t('cabinet.login.noAccount')}
            </Text>
            <Anchor component={Link} to="/cabinet/register" size="sm" data-testid="cab-to-register">
              {t('cabinet.login.register')}
            </Anchor>
          </Group>
        </Stack>
      </form>
    </AuthCard>
  );
}
