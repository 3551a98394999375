import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVerifyMfa } from '../../api/auth';
import { isApiError } from '../../api/client';
import type { User } from '../../../../src/shared/contracts/identity';
import { CodeInput, isCompleteTotp } from '../../components/CodeInput';
import { FormError } from '../../components/FormError';
import { useErrorMessage } from '../../components/useErrorMessage';

interface MfaChallengeStepProps {
  onVerified: (user: User) => void;
  /** The challenge is gone (expired); start again from the password. */
  onRestart: (notice: string) => void;
}

export function MfaChallengeStep({ onVerified, onRestart }: MfaChallengeStepProps) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const [mode, setMode] = useState<'totp' | 'recovery'>('totp');
  const [code, setCode] = useState('');

  const verify = useVerifyMfa({
    onSuccess: ({ user }) => onVerified(user),
    onError: (error) => {
      if (isApiError(error) && error.code === 'challenge_expired') onRestart(toMessage(error));
      else setCode('');
    },
  });

  const switchMode = () => {
    setMode(mode === 'totp' ? 'recovery' : 'totp');
    setCode('');
    verify.reset();
  };

  const ready = mode === 'totp' ? isCompleteTotp(code) : code.trim().length >= 6;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) verify.mutate(mode === 'totp' ? code : code.trim().toLowerCase());
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {mode === 'totp' ? t('mfa.totpDescription') : t('mfa.recoveryDescription')}
        </Text>
        <FormError message={verify.error ? toMessage(verify.error) : null} testId="mfa-error" />
        <CodeInput
          key={mode}
          mode={mode}
          label={mode === 'totp' ? t('mfa.codeLabel') : t('mfa.recoveryLabel')}
          value={code}
          onChange={setCode}
          data-autofocus
          autoFocus
          data-testid={mode === 'totp' ? 'mfa-code' : 'mfa-recovery-code'}
        />
        <Button type="submit" fullWidth loading={verify.isPending} disabled={!ready} data-testid="mfa-submit">
          {t('mfa.verify')}
        </Button>
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={switchMode}
          data-testid="mfa-toggle-recovery"
        >
          {mode === 'totp' ? t('mfa.useRecovery') : t('mfa.useTotp')}
        </Anchor>
      </Stack>
    </form>
  );
}
