import { ActionIcon, Button, Popover, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconDeviceLandlinePhone } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSimInbound, useSimPbx, type SimPbxStatus } from '../../api/telephony';
import { FormBody } from '../../components/FormModal';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useFormState } from '../../components/useFormState';
import { normalisePhone, useRules } from '../../components/validation';
import { usePermission } from '../../session/useSession';

/**
 * The header's "Phone simulator" (only while the app runs on the built-in simulated PBX): the staff
 * member's extension, how the number called decides the client's answer, and "ring me from a
 * number" — an inbound call to their own extension, known or unknown caller, to try the screen pop.
 */
export function PhoneSimMenu() {
  const { t } = useTranslation();
  const allowed = usePermission('telephony.call');
  const sim = useSimPbx(allowed);
  const [opened, setOpened] = useState(false);
  if (!allowed || !sim.data) return null;
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      width={300}
      position="bottom-end"
      withArrow
      shadow="md"
      trapFocus
    >
      <Popover.Target>
        <Tooltip label={t('telephony.sim.menu')} withArrow disabled={opened}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={t('telephony.sim.menu')}
            aria-expanded={opened}
            onClick={() => setOpened((o) => !o)}
            data-testid="phone-sim-menu"
          >
            <IconDeviceLandlinePhone size={18} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown data-testid="phone-sim-panel">
        <SimPanel status={sim.data} onRang={() => setOpened(false)} />
      </Popover.Dropdown>
    </Popover>
  );
}

function SimPanel({ status, onRang }: { status: SimPbxStatus; onRang: () => void }) {
  const { t } = useTranslation();
  const rules = useRules();
  const toMessage = useErrorMessage();
  const form = useFormState({ from: '' }, { from: [rules.required(), rules.phone()] });
  const inbound = useSimInbound({
    // The screen pop and the call bar are the answer: no toast over them.
    onSuccess: () => onRang(),
    onError: (error) => form.showError(error, toMessage),
  });
  // "…0–6: answers", "…7: busy": consecutive digits with one behaviour on one line.
  const lines: { digits: string; behaviour: string }[] = [];
  for (const [digit, behaviour] of Object.entries(status.byLastDigit).sort()) {
    const prev = lines[lines.length - 1];
    if (prev && prev.behaviour === behaviour) prev.digits = `${prev.digits.split('–')[0]}–${digit}`;
    else lines.push({ digits: digit, behaviour });
  }
  return (
    <Stack gap="xs">
      <Title order={3} fz="sm">
        {t('telephony.sim.title')}
      </Title>
      <Text fz="xs" c="dimmed">
        {status.extension
          ? t('telephony.sim.extension', { extension: status.extension })
          : t('telephony.sim.noExtension')}
      </Text>
      <FormBody
        onSubmit={form.handleSubmit((v) => inbound.mutate(normalisePhone(v.from)))}
        error={form.formError}
        testId="phone-sim-inbound"
      >
        <TextInput
          size="xs"
          label={t('telephony.sim.from')}
          placeholder="+442071234567"
          dir="ltr"
          {...form.textField('from')}
          data-testid="phone-sim-from"
        />
        <Button type="submit" size="xs" loading={inbound.isPending} data-testid="phone-sim-ring">
          {t('telephony.sim.ring')}
        </Button>
      </FormBody>
      <Text fz="xs">{t('telephony.sim.digits')}</Text>
      <Stack gap={0}>
        {lines.map((l) => (
          <Text key={l.digits} fz="xs" c="dimmed">
            {t('telephony.sim.digitLine', {
              digits: l.digits,
              behaviour: t(`telephony.sim.behaviour.${l.behaviour as 'answer'}`),
            })}
          </Text>
        ))}
      </Stack>
      <Text fz="xs" c="dimmed">
        {t('telephony.sim.autoAnswer', { seconds: Math.round(status.timings.staffAnswerMs / 100) / 10 })}
      </Text>
    </Stack>
  );
}
