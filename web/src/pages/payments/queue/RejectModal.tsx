import { Button, Select, Text, Textarea } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { usePaymentSettings } from '../../../api/payments';
import type { RejectInput } from '../../../api/paymentTypes';
import { DEFAULT_REJECTION_REASONS } from '../../../api/paymentValues';
import { FormActions } from '../../../components/FormActions';
import { FormModal } from '../../../components/FormModal';
import { useFormState } from '../../../components/useFormState';
import { useRules } from '../../../components/validation';

interface RejectForm {
  reasonCode: string;
  note: string;
}
const EMPTY: RejectForm = { reasonCode: '', note: '' };
/** The shorter of the deposit (2000) and withdrawal (1000) limits: one dialog rejects both. */
export const NOTE_MAX = 1000;

interface RejectModalProps {
  /** How many requests are rejected (one from a row, several from the bulk bar); 0 = closed. */
  count: number;
  loading: boolean;
  /** The server's refusal, shown above the fields (or on the field it names). */
  error: unknown;
  toMessage: (error: unknown) => string;
  onSubmit: (input: RejectInput) => void;
  onClose: () => void;
}

/** Rejecting needs a reason from the configured list; the note tells the trader more (it is emailed). */
export function RejectModal({ count, loading, error, toMessage, onSubmit, onClose }: RejectModalProps) {
  const { t } = useTranslation();
  const rules = useRules();
  const settings = usePaymentSettings();
  const reasons = settings.data?.rejectionReasons ?? DEFAULT_REJECTION_REASONS;
  const form = useFormState<RejectForm>(EMPTY, {
    reasonCode: [rules.required(t('payments.reject.reasonRequired'))],
    note: [
      rules.maxLength(NOTE_MAX),
      // "Other" says nothing by itself: the trader must be told what is wrong.
      (note, values) =>
        values.reasonCode === 'other' && !note.trim() ? t('payments.reject.noteRequired') : null,
    ],
  });
  const { reset, showError } = form;
  const opened = count > 0;

  useEffect(() => {
    if (opened) reset(EMPTY);
  }, [opened, reset]);
  useEffect(() => {
    if (error) showError(error, toMessage);
  }, [error, showError, toMessage]);

  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={count > 1 ? t('payments.reject.titleMany', { count }) : t('payments.reject.title')}
      testId="payment-reject-form"
      onSubmit={form.handleSubmit((values) =>
        onSubmit({ reasonCode: values.reasonCode, note: values.note.trim() || null }),
      )}
      formError={form.formError}
    >
      <Text size="sm" c="dimmed">
        {t('payments.reject.hint')}
      </Text>
      <Select
        label={t('payments.reject.reason')}
        data={reasons.map((r) => ({ value: r.code, label: r.label }))}
        {...form.valueField('reasonCode')}
        onChange={(value) => form.setField('reasonCode', value ?? '')}
        required
        data-autofocus
        data-testid="payment-reject-reason"
      />
      <Textarea
        label={t('payments.reject.note')}
        autosize
        minRows={3}
        {...form.textField('note')}
        data-testid="payment-reject-note"
      />
      <FormActions onCancel={onClose} mt="xs">
        <Button type="submit" color="red" loading={loading} data-testid="payment-reject-submit">
          {t('payments.actions.reject')}
        </Button>
      </FormActions>
    </FormModal>
  );
}
