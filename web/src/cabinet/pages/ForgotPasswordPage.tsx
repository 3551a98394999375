import { Anchor, Button, Stack } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useRequestPasswordReset } from '../api';
import { AuthCard } from '../AuthCard';
import { EmailInput } from '../AuthLinks';
import { useCabinetError } from '../useCabinetError';
import { Notice } from '../../components/Notice';
import { FormBody } from '../../components/FormModal';

/** Asks for a reset link; the answer is the same whether or not the email has a cabinet. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const toMessage = useCabinetError();
  const [email, setEmail] = useState('');
  const request = useRequestPasswordReset();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(email.trim());
  };

  return (
    <AuthCard title={t('cabinet.forgot.title')} subtitle={t('cabinet.forgot.subtitle')} testId="cab-forgot">
      <Stack gap="sm">
        {request.isSuccess ? (
          <Notice color="teal" icon={IconMailForward} data-testid="cab-forgot-sent">
            {t('cabinet.forgot.sent')}
          </Notice>
        ) : (
          <FormBody
            onSubmit={submit}
            error={request.error ? toMessage(request.error) : null}
            errorTestId="cab-forgot-error"
          >
            <EmailInput
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              required
              data-autofocus
              data-testid="cab-forgot-email"
            />
            <Button
              type="submit"
              fullWidth
              loading={request.isPending}
              disabled={!email.trim()}
              data-testid="cab-forgot-submit"
            >
              {t('cabinet.forgot.submit')}
            </Button>
          </FormBody>
        )}
        <Anchor component={Link} to="/cabinet/login" size="sm" ta="center">
          {t('cabinet.forgot.backToLogin')}
        </Anchor>
      </Stack>
    </AuthCard>
  );
}
