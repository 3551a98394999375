import { Button, Code, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MfaEnrolment } from '../../../src/shared/contracts/identity';
import { CodeInput, useTotpForm } from './CodeInput';
import { FormError } from './FormError';
import { CopyIcon } from './CopyControls';

interface MfaSetupPanelProps {
  enrolment: MfaEnrolment;
  onConfirm: (code: string) => void;
  pending: boolean;
  error: string | null;
  /** Extra buttons next to "Confirm" (e.g. Cancel on the profile page). */
  secondaryAction?: React.ReactNode;
}

/** Authenticator enrolment: QR code, the secret for manual entry, and the first code. */
export function MfaSetupPanel({ enrolment, onConfirm, pending, error, secondaryAction }: MfaSetupPanelProps) {
  const { t } = useTranslation();
  const { code, setCode, complete, submit } = useTotpForm(onConfirm);

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm">{t('enrol.description')}</Text>
        <Group align="flex-start" gap="md" wrap="wrap">
          <Paper withBorder p={6} radius="sm" bg="white">
            <Image src={enrolment.qrDataUrl} alt={t('enrol.qrAlt')} w={168} h={168} data-testid="mfa-qr" />
          </Paper>
          <Stack gap={6} style={{ flex: 1, minWidth: 200 }}>
            <Text size="xs" c="dimmed">
              {t('enrol.secretLabel')}
            </Text>
            <Group gap={4} wrap="nowrap">
              <Code dir="ltr" fz="sm" style={{ wordBreak: 'break-all' }} data-testid="mfa-secret">
                {enrolment.secret}
              </Code>
              <CopyIcon value={enrolment.secret} />
            </Group>
            <CodeInput
              label={t('mfa.codeLabel')}
              description={t('mfa.codeFormat')}
              value={code}
              onChange={setCode}
              data-testid="enrol-code"
              data-autofocus
              maw={220}
              mt="xs"
            />
          </Stack>
        </Group>
        <FormError message={error} />
        <Group gap="xs" justify="flex-end">
          {secondaryAction}
          <Button type="submit" loading={pending} disabled={!complete} data-testid="enrol-submit">
            {t('enrol.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
