import { Button, Card, Group, Skeleton, Stack } from '@mantine/core';
import { IconWallet } from '@tabler/icons-react';
import type { FormEventHandler, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyBlock } from '../../components/EmptyBlock';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';

/**
 * The frame the deposit and withdrawal pages share: heading, the wait for the accounts, the empty state
 * when the trader has no live account (money moves on live accounts only), then the form in a card with
 * its error line and submit button. The page brings its fields and what a submit does.
 */
export function PaymentFormPage({
  testId,
  title,
  subtitle,
  accountsPending,
  hasLive,
  onSubmit,
  formError,
  submitLabel,
  submitting,
  children,
}: {
  /** `cab-deposit` / `cab-withdraw`: the page, its form and its submit button are named after it. */
  testId: string;
  title: string;
  subtitle: string;
  accountsPending: boolean;
  hasLive: boolean;
  onSubmit: FormEventHandler<HTMLFormElement>;
  formError: string | null;
  submitLabel: string;
  submitting: boolean;
  children: ReactNode;
}) {
  return (
    <Stack gap="lg" maw={640} data-testid={testId}>
      <PageHeader main title={title} description={subtitle} />
      {accountsPending ? (
        <Skeleton height={220} radius="md" />
      ) : !hasLive ? (
        <NoLiveAccount />
      ) : (
        <Card withBorder radius="md" padding="lg">
          <form onSubmit={onSubmit} noValidate data-testid={`${testId}-form`}>
            <Stack gap="md">
              <FormError message={formError} />
              {children}
              <Group justify="flex-end">
                <Button type="submit" loading={submitting} data-testid={`${testId}-submit`}>
                  {submitLabel}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}

/** After a request is sent: to the history, or another request on a fresh form. */
export function PaymentSentActions({
  onAnother,
  historyTestId,
}: {
  onAnother: () => void;
  historyTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      <Button component={Link} to="/cabinet/payments" data-testid={historyTestId}>
        {t('payments.cabinet.toHistory')}
      </Button>
      <Button variant="default" onClick={onAnother}>
        {t('payments.cabinet.another')}
      </Button>
    </Group>
  );
}

function NoLiveAccount() {
  const { t } = useTranslation();
  return (
    <EmptyBlock
      icon={<IconWallet size={22} />}
      title={t('payments.cabinet.noLiveTitle')}
      description={t('payments.cabinet.noLiveHint')}
      action={
        <Button component={Link} to="/cabinet/accounts" variant="light">
          {t('payments.cabinet.toAccounts')}
        </Button>
      }
    />
  );
}
