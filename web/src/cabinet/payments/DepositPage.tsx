import { Alert, Button, Card, Code, CopyButton, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconBuildingBank, IconCheck, IconCopy, IconWallet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PortalDepositCreated } from '../../api/paymentTypes';
import { EmptyBlock } from '../../components/EmptyBlock';
import { FormError } from '../../components/FormError';
import { useMinorMoney } from '../../pages/payments/paymentFormat';
import { usePaymentsError } from '../../pages/payments/usePaymentsError';
import { useCabinetError } from '../useCabinetError';
import { useCabinetDeposit } from './api';
import { CabinetPageTitle } from './CabinetPageTitle';
import { PaymentFields, type PaymentFormValues } from './PaymentFields';
import { usePaymentForm } from './usePaymentForm';

/**
 * /cabinet/deposit: pick a live account, a system offered for its currency and the trader's country,
 * and an amount. A manual system answers with its instructions and the reference to quote; an automatic
 * one sends the trader to the provider's page, which brings them back to /cabinet/payments/result.
 */
export function DepositPage() {
  const { t } = useTranslation();
  const toMessage = usePaymentsError(useCabinetError());
  const { form, accounts, live, minor, fields } = usePaymentForm<PaymentFormValues>('deposit', {});
  const [created, setCreated] = useState<PortalDepositCreated | null>(null);
  const deposit = useCabinetDeposit({
    onSuccess: (answer) => {
      if (answer.redirectUrl) window.location.assign(answer.redirectUrl);
      else setCreated(answer);
    },
    onError: (error) => form.showError(error, toMessage),
  });
  const submit = form.handleSubmit((v) =>
    deposit.mutate({ login: v.login, systemId: v.systemId, amount: minor ?? 0, currency: v.currency }),
  );

  if (created) return <ManualInstructions created={created} onAnother={() => setCreated(null)} />;

  return (
    <Stack gap="lg" maw={640} data-testid="cab-deposit">
      <CabinetPageTitle
        title={t('payments.cabinet.depositTitle')}
        subtitle={t('payments.cabinet.depositSubtitle')}
      />
      {accounts.isPending ? (
        <Skeleton height={220} radius="md" />
      ) : live.length === 0 ? (
        <NoLiveAccount />
      ) : (
        <Card withBorder radius="md" padding="lg">
          <form onSubmit={submit} noValidate data-testid="cab-deposit-form">
            <Stack gap="md">
              <FormError message={form.formError} />
              <PaymentFields {...fields} figure="balance" prefix="cab-deposit" />
              <Group justify="flex-end">
                <Button
                  type="submit"
                  loading={deposit.isPending || deposit.isSuccess}
                  data-testid="cab-deposit-submit"
                >
                  {t('payments.cabinet.depositSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}

export function NoLiveAccount() {
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

/** After a manual deposit: where to pay and the reference without which finance cannot match the money. */
function ManualInstructions({
  created,
  onAnother,
}: {
  created: PortalDepositCreated;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const minorMoney = useMinorMoney();
  const { request } = created;
  return (
    <Stack gap="lg" maw={640} data-testid="cab-deposit-instructions">
      <CabinetPageTitle
        title={t('payments.cabinet.instructionsTitle')}
        subtitle={t('payments.cabinet.instructionsSubtitle', {
          amount: minorMoney(request.amount, request.currency),
          system: request.systemName,
        })}
      />
      {created.reference && (
        <Alert
          color="blue"
          variant="light"
          icon={<IconBuildingBank size={18} />}
          title={t('payments.cabinet.reference')}
        >
          <Group gap="xs">
            <Code fz="md" fw={700} data-testid="cab-deposit-reference">
              {created.reference}
            </Code>
            <CopyButton value={created.reference}>
              {({ copied, copy }) => (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={copied ? <IconCheck size={12} /> : <IconCopy size={12} />}
                  onClick={copy}
                >
                  {copied ? t('payments.cabinet.copied') : t('payments.cabinet.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="sm" mt={6}>
            {t('payments.cabinet.referenceHint')}
          </Text>
        </Alert>
      )}
      <Card withBorder radius="md" padding="lg">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="cab-deposit-instructions-text">
          {created.instructions || t('payments.cabinet.noInstructions')}
        </Text>
      </Card>
      <Group gap="xs">
        <Button component={Link} to="/cabinet/payments" data-testid="cab-deposit-to-history">
          {t('payments.cabinet.toHistory')}
        </Button>
        <Button variant="default" onClick={onAnother}>
          {t('payments.cabinet.another')}
        </Button>
      </Group>
    </Stack>
  );
}
