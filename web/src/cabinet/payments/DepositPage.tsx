import { Alert, Button, Card, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconBuildingBank, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalDepositCreated } from '../../api/paymentTypes';
import { PageHeader } from '../../components/PageHeader';
import { useMinorMoney } from '../../pages/payments/paymentFormat';
import { usePaymentsError } from '../../pages/payments/usePaymentsError';
import { useCabinetError } from '../useCabinetError';
import { useCabinetDeposit } from './api';
import { PaymentFields, type PaymentFormValues } from './PaymentFields';
import { PaymentFormPage, PaymentSentActions } from './PaymentFormPage';
import { usePaymentForm } from './usePaymentForm';

/**
 * /cabinet/deposit: pick a live account, a system offered for its currency and the trader's country,
 * and an amount. A manual system answers with its instructions and the reference to quote; an automatic
 * one sends the trader to the provider's page, which brings them back to /cabinet/payments/result.
 */
export function DepositPage() {
  const { t } = useTranslation();
  const toMessage = usePaymentsError(useCabinetError());
  const { form, minor, fields, frame } = usePaymentForm<PaymentFormValues>('deposit', {});
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
    <PaymentFormPage
      testId="cab-deposit"
      title={t('payments.cabinet.depositTitle')}
      subtitle={t('payments.cabinet.depositSubtitle')}
      {...frame}
      onSubmit={submit}
      submitLabel={t('payments.cabinet.depositSubmit')}
      // An automatic system's answer navigates away: the button stays busy until the page goes.
      submitting={deposit.isPending || deposit.isSuccess}
    >
      <PaymentFields {...fields} figure="balance" prefix="cab-deposit" />
    </PaymentFormPage>
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
      <PageHeader
        main
        title={t('payments.cabinet.instructionsTitle')}
        description={t('payments.cabinet.instructionsSubtitle', {
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
      <PaymentSentActions onAnother={onAnother} historyTestId="cab-deposit-to-history" />
    </Stack>
  );
}
