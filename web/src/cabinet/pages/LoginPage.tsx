import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { LoginForm } from '../../components/LoginForm';
import { useCabinetLogin } from '../api';
import { AuthCard } from '../AuthCard';
import { AuthSwitch } from '../AuthLinks';
import { useCabinetError } from '../useCabinetError';

export function LoginPage() {
  const { t } = useTranslation();
  const toMessage = useCabinetError();
  const navigate = useNavigate();
  const location = useLocation();
  const login = useCabinetLogin({
    onSuccess: () => {
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from?.startsWith('/cabinet') && from !== '/cabinet/login' ? from : '/cabinet', {
        replace: true,
      });
    },
  });

  return (
    <AuthCard title={t('cabinet.login.title')} subtitle={t('cabinet.login.subtitle')} testId="cab-login">
      <LoginForm
        texts={{
          email: t('cabinet.fields.login'),
          emailPlaceholder: t('cabinet.fields.emailPlaceholder'),
          password: t('cabinet.fields.password'),
          submit: t('cabinet.login.submit'),
          lockedTitle: t('cabinet.login.lockedTitle'),
          rateLimitedTitle: t('cabinet.login.rateLimitedTitle'),
        }}
        testIdPrefix="cab-login"
        pending={login.isPending}
        error={login.error}
        errorMessage={login.error ? toMessage(login.error) : null}
        onSubmit={(email, password) => login.mutate({ email, password })}
        beforeSubmit={
          <Group justify="flex-end">
            <Anchor component={Link} to="/cabinet/forgot" size="sm" data-testid="cab-to-forgot">
              {t('cabinet.login.forgot')}
            </Anchor>
          </Group>
        }
        after={
          <AuthSwitch
            question={t('cabinet.login.noAccount')}
            label={t('cabinet.login.register')}
            to="/cabinet/register"
            testId="cab-to-register"
          />
        }
      />
    </AuthCard>
  );
}
