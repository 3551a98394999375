import { Button, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall, useSetDisposition, type CallView } from '../../api/telephony';
import { FormBody } from '../../components/FormModal';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormState } from '../../components/useFormState';
import { useRules } from '../../components/validation';
import { CALL_DISPOSITIONS, type CallDisposition, type CallEndCause } from '../../../../src/shared/telephony';
import { formatDuration } from './callFormat';

const NOTE_MAX = 2000;

/** The outcome the end cause suggests; the staff member confirms or changes it. */
const SUGGESTED: Partial<Record<CallEndCause, CallDisposition>> = {
  completed: 'reached',
  no_answer: 'no_answer',
  canceled: 'no_answer',
  busy: 'busy',
  rejected: 'busy',
};

/** After a call: its outcome (disposition) and a note, saved on the call record. */
export function DispositionModal({ callId, onDone }: { callId: string | null; onDone: () => void }) {
  const call = useCall(callId);
  const data = call.data;
  // Already recorded (another tab, or before a reload): nothing to ask.
  useEffect(() => {
    if (data?.disposition || call.isError) onDone();
  }, [data?.disposition, call.isError, onDone]);
  const open = !!callId && !!data && !data.disposition && data.state === 'ended';
  return open ? <DispositionForm call={data} onDone={onDone} /> : null;
}

function DispositionForm({ call, onDone }: { call: CallView; onDone: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const toMessage = useErrorMessage();
  const form = useFormState(
    { disposition: (call.endCause && SUGGESTED[call.endCause]) ?? '', note: '' },
    { disposition: [rules.required()], note: [rules.maxLength(NOTE_MAX)] },
  );
  const save = useSetDisposition({
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('telephony.dispositionModal.saved'), autoClose: 2000 });
      onDone();
    },
    onError: (error) => form.showError(error, toMessage),
  });
  const submit = form.handleSubmit((values) =>
    save.mutate({
      callId: call.id,
      disposition: values.disposition as CallDisposition,
      ...(values.note.trim() ? { note: values.note.trim() } : {}),
    }),
  );
  return (
    <Modal
      opened
      onClose={onDone}
      title={t('telephony.dispositionModal.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid="disposition-modal"
    >
      <FormBody onSubmit={submit} error={form.formError} testId="disposition-form">
        <Text fz="sm" c="dimmed">
          {t('telephony.dispositionModal.summary', {
            name: call.clientName ?? t('telephony.bar.unknownCaller'),
            number: call.number,
            duration: formatDuration(call.durationSec ?? 0),
          })}
        </Text>
        <Radio.Group
          label={t('telephony.dispositionModal.outcome')}
          value={form.values.disposition}
          onChange={(value) => form.setField('disposition', value)}
          error={form.errors.disposition}
          required
        >
          <Stack gap={6} mt={6}>
            {CALL_DISPOSITIONS.map((d) => (
              <Radio
                key={d}
                value={d}
                label={t(`telephony.disposition.${d}`)}
                data-testid={`disposition-${d}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('telephony.dispositionModal.note')}
          placeholder={t('telephony.dispositionModal.notePlaceholder')}
          autosize
          minRows={2}
          maxRows={6}
          {...form.textField('note')}
          data-testid="disposition-note"
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="xs" onClick={onDone}>
            {t('telephony.dispositionModal.later')}
          </Button>
          <Button type="submit" size="xs" loading={save.isPending} data-testid="disposition-save">
            {t('telephony.dispositionModal.save')}
          </Button>
        </Group>
      </FormBody>
    </Modal>
  );
}
