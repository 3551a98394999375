import {
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  Paper,
  Stack,
  Text,
  ActionIcon,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MfaEnrolment } from '../../../src/shared/contracts/identity';
import { CodeInput, isCompleteTotp } from './CodeInput';
import { FormError } from './FormError';

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
  const [code, setCode] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isCompleteTotp(code)) onConfirm(code);
  };

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
              <CopyButton value={enrolment.secret}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
                    <ActionIcon variant="subtle" size="sm" onClick={copy} aria-label={t('common.copy')}>
                      {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
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
          <Button type="submit" loading={pending} disabled={!isCompleteTotp(code)} data-testid="enrol-submit">
            {t('enrol.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
