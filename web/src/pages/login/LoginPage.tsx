import { Anchor, Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import type { LoginResult, MfaEnrolment, User } from '../../../../src/shared/contracts/identity';
import { RecoveryCodesPanel } from '../../components/RecoveryCodesPanel';
import { BrandMark } from '../../layout/BrandMark';
import { LanguageSwitcher } from '../../layout/LanguageSwitcher';
import { ThemeToggle } from '../../layout/ThemeToggle';
import { useCurrentUser } from '../../session/useSession';
import { useSignIn } from '../../session/useSignIn';
import { CredentialsStep } from './CredentialsStep';
import { EnrolmentStep } from './EnrolmentStep';
import { MfaChallengeStep } from './MfaChallengeStep';

type Step =
  | { kind: 'credentials'; notice: string | null }
  | { kind: 'mfa' }
  | { kind: 'enrol'; enrolment: MfaEnrolment }
  // The session already exists here, but we hold the user back until the
  // recovery codes have been acknowledged.
  | { kind: 'recovery-codes'; user: User; codes: string[] };

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const currentUser = useCurrentUser();
  const signIn = useSignIn();
  const [step, setStep] = useState<Step>({ kind: 'credentials', notice: null });

  if (currentUser && step.kind !== 'recovery-codes') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }

  const restart = (notice: string | null = null) => setStep({ kind: 'credentials', notice });

  const onLoginResult = (result: LoginResult) => {
    if (result.status === 'ok') signIn(result.user);
    else if (result.status === 'mfa_required') setStep({ kind: 'mfa' });
    else setStep({ kind: 'enrol', enrolment: result.enrolment });
  };

  const titles: Record<Step['kind'], string> = {
    credentials: t('login.title'),
    mfa: t('mfa.title'),
    enrol: t('enrol.title'),
    'recovery-codes': t('recovery.title'),
  };

  return (
    <Box mih="100vh" bg="var(--mantine-color-body)" style={{ display: 'flex', flexDirection: 'column' }}>
      <Group justify="space-between" p="md">
        <BrandMark />
        <Group gap="xs">
          <LanguageSwitcher />
          <ThemeToggle />
        </Group>
      </Group>
      <Center style={{ flex: 1 }} p="md">
        <Paper
          withBorder
          shadow="sm"
          p="lg"
          radius="md"
          w="100%"
          maw={step.kind === 'enrol' || step.kind === 'recovery-codes' ? 520 : 380}
        >
          <Stack gap={4} mb="md">
            <Title order={2} fz="h3" data-testid="login-step-title" data-step={step.kind}>
              {titles[step.kind]}
            </Title>
            {step.kind === 'credentials' && (
              <Text size="sm" c="dimmed">
                {t('login.subtitle')}
              </Text>
            )}
          </Stack>

          {step.kind === 'credentials' && <CredentialsStep onResult={onLoginResult} notice={step.notice} />}
          {step.kind === 'mfa' && <MfaChallengeStep onVerified={signIn} onRestart={restart} />}
          {step.kind === 'enrol' && (
            <EnrolmentStep
              enrolment={step.enrolment}
              onEnrolled={(user, codes) => setStep({ kind: 'recovery-codes', user, codes })}
              onRestart={restart}
            />
          )}
          {step.kind === 'recovery-codes' && (
            <RecoveryCodesPanel
              codes={step.codes}
              onContinue={() => {
                // Leave the hold-back step so the redirect above applies to the now signed-in user.
                setStep({ kind: 'credentials', notice: null });
                signIn(step.user);
              }}
            />
          )}

          {(step.kind === 'mfa' || step.kind === 'enrol') && (
            <Anchor
              component="button"
              type="button"
              size="xs"
              c="dimmed"
              mt="md"
              onClick={() => restart()}
              data-testid="back-to-login"
            >
              {t('login.backToLogin')}
            </Anchor>
          )}
        </Paper>
      </Center>
      <Text size="xs" c="dimmed" ta="center" pb="md">
        {t('app.tagline')}
      </Text>
    </Box>
  );
}
