import { useTranslation } from 'react-i18next';
import { useLogin } from '../../api/auth';
import type { LoginResult } from '../../../../src/shared/contracts/identity';
import { LoginForm } from '../../components/LoginForm';
import { useErrorMessage } from '../../components/useErrorMessage';

interface CredentialsStepProps {
  onResult: (result: LoginResult) => void;
  /** Message carried over from a later step, e.g. an expired 2FA challenge. */
  notice: string | null;
}

export function CredentialsStep({ onResult, notice }: CredentialsStepProps) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const login = useLogin({ onSuccess: onResult });

  return (
    <LoginForm
      texts={{
        email: t('login.email'),
        emailPlaceholder: t('login.emailPlaceholder'),
        password: t('login.password'),
        submit: t('login.submit'),
        lockedTitle: t('login.lockedTitle'),
        rateLimitedTitle: t('login.rateLimitedTitle'),
      }}
      testIdPrefix="login"
      emailType="email"
      pending={login.isPending}
      error={login.error}
      errorMessage={login.error ? toMessage(login.error) : null}
      notice={notice}
      onSubmit={(email, password) => login.mutate({ email, password })}
    />
  );
}
