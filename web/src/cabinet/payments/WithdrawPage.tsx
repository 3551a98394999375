import { Alert, Stack, TextInput } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PortalPaymentView } from '../../api/paymentTypes';
import { useRules } from '../../components/validation';
import { useMinorMoney } from '../../pages/payments/paymentFormat';
import { usePaymentsError } from '../../pages/payments/usePaymentsError';
import { useCabinetError } from '../useCabinetError';
import { useCabinetWithdrawal } from './api';
import { PaymentFields, type PaymentFormValues } from './PaymentFields';
import { PaymentFormPage, PaymentSentActions } from './PaymentFormPage';
import { usePaymentForm } from './usePaymentForm';

interface WithdrawForm extends PaymentFormValues {
  beneficiary: string;
  destination: string;
}

/**
 * /cabinet/withdraw: the amount is held on the account at once (so it cannot be traded away) and waits
 * for finance; it can be at most the free margin, which the page shows and the server checks again.
 */
export function WithdrawPage() {
  const { t } = useTranslation();
  const rules = useRules();
  const toMessage = usePaymentsError(useCabinetError());
  const minorMoney = useMinorMoney();
  const { form, account, minor, fields, frame } = usePaymentForm<WithdrawForm>(
    'withdrawal',
    { beneficiary: '', destination: '' },
    {
      beneficiary: [rules.required(), rules.maxLength(200)],
      destination: [rules.required(), rules.maxLength(200)],
    },
  );
  const [done, setDone] = useState<PortalPaymentView | null>(null);
  const withdraw = useCabinetWithdrawal({
    onSuccess: (answer) => setDone(answer.request),
    onError: (error) => form.showError(error, toMessage),
  });
  const submit = form.handleSubmit((v) => {
    // Free margin is in decimal account units; the request in minor units.
    if (account && minor !== null && minor > Math.round(account.freeMargin * 100)) {
      form.setErrors({ amount: t('payments.cabinet.aboveFreeMargin') });
      return;
    }
    withdraw.mutate({
      login: v.login,
      systemId: v.systemId,
      amount: minor ?? 0,
      details: { beneficiary: v.beneficiary.trim(), destination: v.destination.trim() },
    });
  });

  if (done)
    return (
      <Stack gap="lg" maw={640} data-testid="cab-withdraw-done">
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck size={18} />}
          title={t('payments.cabinet.withdrawDoneTitle')}
        >
          {t('payments.cabinet.withdrawDone', { amount: minorMoney(done.amount, done.currency) })}
        </Alert>
        <PaymentSentActions onAnother={() => setDone(null)} />
      </Stack>
    );

  return (
    <PaymentFormPage
      testId="cab-withdraw"
      title={t('payments.cabinet.withdrawTitle')}
      subtitle={t('payments.cabinet.withdrawSubtitle')}
      {...frame}
      onSubmit={submit}
      submitLabel={t('payments.cabinet.withdrawSubmit')}
      submitting={withdraw.isPending}
    >
      <PaymentFields {...fields} figure="freeMargin" prefix="cab-withdraw" />
      {fields.values.systemId && (
        <>
          <TextInput
            label={t('payments.cabinet.beneficiary')}
            {...form.textField('beneficiary')}
            required
            data-testid="cab-withdraw-beneficiary"
          />
          <TextInput
            label={t('payments.cabinet.destination')}
            description={t('payments.cabinet.destinationHint')}
            dir="ltr"
            {...form.textField('destination')}
            required
            data-testid="cab-withdraw-destination"
          />
        </>
      )}
    </PaymentFormPage>
  );
}
