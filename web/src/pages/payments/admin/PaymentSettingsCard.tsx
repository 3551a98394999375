import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAdjustments, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { usePaymentSettings, useSavePaymentSettings } from '../../../api/payments';
import type { PaymentSettingsView } from '../../../api/paymentTypes';
import { ErrorState } from '../../../components/ErrorState';
import { FormError } from '../../../components/FormError';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { usePaymentsError } from '../usePaymentsError';
import { useFormState } from '../../../components/useFormState';
import { minorToInput, parseMinor } from '../paymentFormat';

interface SettingsForm {
  reasons: { code: string; label: string }[];
  stuckPendingMinutes: number | string;
  /** In the base currency's units as typed. */
  threshold: string;
}

const EMPTY: SettingsForm = { reasons: [], stuckPendingMinutes: 30, threshold: '10000.00' };
const CODE = /^[a-z][a-z0-9_]{0,39}$/;

/** Rejection reasons finance picks from, when a pending deposit counts as stuck, and the two-person threshold. */
export function PaymentSettingsCard() {
  const { t } = useTranslation();
  const toMessage = usePaymentsError(useErrorMessage());
  const settings = usePaymentSettings();
  const base = settings.data?.baseCurrency ?? 'USD';
  const form = useFormState<SettingsForm>(EMPTY, {
    reasons: [
      (list) =>
        list.length === 0
          ? t('payments.settings.needReason')
          : list.some((r) => !CODE.test(r.code) || !r.label.trim() || r.label.length > 200)
            ? t('payments.settings.badReason')
            : new Set(list.map((r) => r.code)).size !== list.length
              ? t('payments.settings.duplicateReason')
              : null,
    ],
    stuckPendingMinutes: [
      (v) => (Number(v) >= 1 && Number(v) <= 10080 ? null : t('payments.settings.badMinutes')),
    ],
    threshold: [(v) => (parseMinor(v, base) !== null ? null : t('payments.systems.badAmount'))],
  });
  const { reset } = form;
  const data = settings.data;
  useEffect(() => {
    if (data)
      reset({
        reasons: data.rejectionReasons.map((r) => ({ ...r })),
        stuckPendingMinutes: data.stuckPendingMinutes,
        threshold: minorToInput(data.twoPersonThreshold, data.baseCurrency),
      });
  }, [data, reset]);

  const save = useSavePaymentSettings({
    onSuccess: () => notifications.show({ color: 'teal', message: t('payments.settings.saved') }),
    onError: (error) => form.showError(error, toMessage),
  });
  const submit = form.handleSubmit((v) => {
    const next: PaymentSettingsView = {
      rejectionReasons: v.reasons.map((r) => ({ code: r.code.trim(), label: r.label.trim() })),
      stuckPendingMinutes: Number(v.stuckPendingMinutes),
      twoPersonThreshold: parseMinor(v.threshold, base) ?? 0,
      baseCurrency: base,
    };
    save.mutate(next);
  });
  const setReason = (index: number, patch: Partial<{ code: string; label: string }>) =>
    form.setField(
      'reasons',
      form.values.reasons.map((r, i) => (i === index ? { ...r, ...patch } : r)),
    );

  return (
    <Card withBorder padding="md" maw={820} data-testid="payment-settings">
      <Group gap="xs" mb="sm">
        <IconAdjustments size={18} />
        <Title order={4} fz="md">
          {t('payments.settings.title')}
        </Title>
      </Group>
      {settings.isPending ? (
        <TableSkeleton rows={4} />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <FormError message={form.formError} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <NumberInput
                label={t('payments.settings.stuckMinutes')}
                description={t('payments.settings.stuckMinutesHint')}
                min={1}
                max={10080}
                allowDecimal={false}
                {...form.valueField('stuckPendingMinutes')}
                data-testid="settings-stuck-minutes"
              />
              <TextInput
                label={t('payments.settings.threshold', { currency: base })}
                description={t('payments.settings.thresholdHint')}
                {...form.textField('threshold')}
                data-testid="settings-threshold"
              />
            </SimpleGrid>
            <Text fz="sm" fw={500}>
              {t('payments.settings.reasons')}
            </Text>
            {form.values.reasons.map((reason, index) => (
              <Group key={index} gap="xs" wrap="nowrap" data-testid="settings-reason">
                <TextInput
                  size="xs"
                  w={200}
                  aria-label={t('payments.settings.reasonCode')}
                  placeholder={t('payments.settings.reasonCode')}
                  value={reason.code}
                  onChange={(e) => setReason(index, { code: e.currentTarget.value })}
                  dir="ltr"
                />
                <TextInput
                  size="xs"
                  style={{ flex: 1 }}
                  aria-label={t('payments.settings.reasonLabel')}
                  placeholder={t('payments.settings.reasonLabel')}
                  value={reason.label}
                  onChange={(e) => setReason(index, { label: e.currentTarget.value })}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('payments.settings.removeReason', { code: reason.code })}
                  onClick={() =>
                    form.setField(
                      'reasons',
                      form.values.reasons.filter((_, i) => i !== index),
                    )
                  }
                >
                  <IconTrash size={14} />
                </ActionIcon>
              </Group>
            ))}
            {form.errors.reasons && (
              <Text fz="xs" c="red">
                {form.errors.reasons}
              </Text>
            )}
            <Group justify="space-between">
              <Button
                size="xs"
                variant="subtle"
                leftSection={<IconPlus size={14} />}
                onClick={() => form.setField('reasons', [...form.values.reasons, { code: '', label: '' }])}
                data-testid="settings-add-reason"
              >
                {t('payments.settings.addReason')}
              </Button>
              <Button type="submit" size="xs" loading={save.isPending} data-testid="settings-save">
                {t('common.saveChanges')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
