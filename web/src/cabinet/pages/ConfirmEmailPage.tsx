import { Button, Group, Loader, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { FormError } from '../../components/FormError';
import { useConfirmEmail } from '../api';
import { AuthCard } from '../AuthCard';
import { useCabinetError } from '../useCabinetError';
import { Notice } from '../../components/Notice';

/** The page the confirmation email links to: spends the token once, says how it went. */
export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const toMessage = useCabinetError();
  const token = useSearchParams()[0].get('token') ?? '';
  const confirm = useConfirmEmail();
  // A link is single use: never send it twice (StrictMode runs effects twice in development).
  const sent = useRef<string | null>(null);
  const { mutate } = confirm;
  useEffect(() => {
    if (!token || sent.current === token) return;
    sent.current = token;
    mutate(token);
  }, [token, mutate]);

  return (
    <AuthCard title={t('cabinet.confirm.title')} testId="cab-confirm">
      <Stack gap="md">
        {!token && <FormError message={t('cabinet.confirm.missingToken')} testId="cab-confirm-error" />}
        {token && (confirm.isPending || confirm.isIdle) && (
          <Group gap="sm">
            <Loader size="sm" />
            <Text size="sm">{t('cabinet.confirm.working')}</Text>
          </Group>
        )}
        {confirm.isSuccess && (
          <Notice color="teal" icon={IconCircleCheck} data-testid="cab-confirm-done">
            {t('cabinet.confirm.done')}
          </Notice>
        )}
        {confirm.isError && <FormError message={toMessage(confirm.error)} testId="cab-confirm-error" />}
        {(confirm.isSuccess || confirm.isError || !token) && (
          <Button component={Link} to="/cabinet" variant="light" data-testid="cab-confirm-continue">
            {t('cabinet.confirm.toCabinet')}
          </Button>
        )}
      </Stack>
    </AuthCard>
  );
}
