import { Alert, Text } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useEnrolMfa } from '../../api/auth';
import { isApiError } from '../../api/client';
import type { MfaEnrolment, User } from '../../../../src/shared/contracts/identity';
import { MfaSetupPanel } from '../../components/MfaSetupPanel';
import { useErrorMessage } from '../../components/useErrorMessage';

interface EnrolmentStepProps {
  enrolment: MfaEnrolment;
  onEnrolled: (user: User, recoveryCodes: string[]) => void;
  onRestart: (notice: string) => void;
}

/** First sign-in under a 2FA policy: the user must set up an authenticator before entering. */
export function EnrolmentStep({ enrolment, onEnrolled, onRestart }: EnrolmentStepProps) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const enrol = useEnrolMfa({
    onSuccess: ({ user, recoveryCodes }) => onEnrolled(user, recoveryCodes),
    onError: (error) => {
      if (isApiError(error) && error.code === 'challenge_expired') onRestart(toMessage(error));
    },
  });

  return (
    <>
      <Alert variant="light" icon={<IconShieldLock size={18} />} mb="sm" p="xs">
        <Text size="sm">{t('enrol.requiredNotice')}</Text>
      </Alert>
      <MfaSetupPanel
        enrolment={enrolment}
        onConfirm={(code) => enrol.mutate(code)}
        pending={enrol.isPending}
        error={enrol.error ? toMessage(enrol.error) : null}
      />
    </>
  );
}
