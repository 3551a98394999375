import { Badge, Button, Card, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmMfa, useDisableMfa, useRegenerateRecoveryCodes, useStartMfaSetup } from '../../api/me';
import type { MfaEnrolment } from '../../../../src/shared/contracts/identity';
import { MfaSetupPanel } from '../../components/MfaSetupPanel';
import { RecoveryCodesPanel } from '../../components/RecoveryCodesPanel';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useUser } from '../../session/useSession';
import { CodeConfirmForm } from './CodeConfirmForm';
import { ToolButton } from '../../components/ToolButton';

type Panel =
  | { kind: 'status' }
  | { kind: 'setup'; enrolment: MfaEnrolment }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'regenerate' }
  | { kind: 'disable' };

export function MfaCard() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const user = useUser();
  const [panel, setPanel] = useState<Panel>({ kind: 'status' });

  const setup = useStartMfaSetup({ onSuccess: (enrolment) => setPanel({ kind: 'setup', enrolment }) });
  const confirm = useConfirmMfa({
    onSuccess: ({ recoveryCodes }) => {
      notifications.show({ color: 'teal', message: t('profile.mfa.enabledToast') });
      setPanel({ kind: 'codes', codes: recoveryCodes });
    },
  });
  const regenerate = useRegenerateRecoveryCodes({
    onSuccess: ({ recoveryCodes }) => setPanel({ kind: 'codes', codes: recoveryCodes }),
  });
  const disable = useDisableMfa({
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('profile.mfa.disabledToast') });
      setPanel({ kind: 'status' });
    },
  });

  const backToStatus = () => {
    [confirm, regenerate, disable].forEach((mutation) => mutation.reset());
    setPanel({ kind: 'status' });
  };

  return (
    <Card withBorder padding="md" data-testid="mfa-card">
      <Group justify="space-between" mb="sm">
        <Title order={4} fz="md">
          {t('profile.mfa.title')}
        </Title>
        <Badge
          color={user.mfaEnabled ? 'teal' : 'gray'}
          variant="light"
          data-testid="mfa-status"
          data-enabled={user.mfaEnabled}
        >
          {user.mfaEnabled ? t('profile.mfa.enabled') : t('profile.mfa.notEnabled')}
        </Badge>
      </Group>

      {panel.kind === 'status' && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {user.mfaEnabled ? t('profile.mfa.descriptionOn') : t('profile.mfa.descriptionOff')}
          </Text>
          {setup.error && (
            <Text size="sm" c="red">
              {toMessage(setup.error)}
            </Text>
          )}
          <Group gap="xs">
            {user.mfaEnabled ? (
              <>
                <ToolButton
                  icon={IconKey}
                  variant="light"
                  onClick={() => setPanel({ kind: 'regenerate' })}
                  data-testid="mfa-regenerate"
                >
                  {t('profile.mfa.regenerate')}
                </ToolButton>
                <Tooltip
                  label={t('profile.mfa.requiredHint')}
                  disabled={!user.mfaRequired}
                  multiline
                  maw={280}
                >
                  {/* The wrapper keeps the tooltip working while the button is disabled. */}
                  <span>
                    <ToolButton
                      icon={IconShieldOff}
                      variant="light"
                      color="red"
                      disabled={user.mfaRequired === true}
                      onClick={() => setPanel({ kind: 'disable' })}
                      data-testid="mfa-disable"
                    >
                      {t('profile.mfa.disable')}
                    </ToolButton>
                  </span>
                </Tooltip>
              </>
            ) : (
              <ToolButton
                icon={IconShieldCheck}
                loading={setup.isPending}
                onClick={() => setup.mutate()}
                data-testid="mfa-enable"
              >
                {t('profile.mfa.enable')}
              </ToolButton>
            )}
          </Group>
        </Stack>
      )}

      {panel.kind === 'setup' && (
        <MfaSetupPanel
          enrolment={panel.enrolment}
          onConfirm={(code) => confirm.mutate(code)}
          pending={confirm.isPending}
          error={confirm.error ? toMessage(confirm.error) : null}
          secondaryAction={
            <Button variant="default" onClick={backToStatus}>
              {t('common.cancel')}
            </Button>
          }
        />
      )}

      {panel.kind === 'codes' && <RecoveryCodesPanel codes={panel.codes} onContinue={backToStatus} />}

      {panel.kind === 'regenerate' && (
        <CodeConfirmForm
          testId="mfa-regenerate-form"
          description={t('profile.mfa.regenerateDescription')}
          submitLabel={t('profile.mfa.regenerate')}
          pending={regenerate.isPending}
          error={regenerate.error ? toMessage(regenerate.error) : null}
          onSubmit={(code) => regenerate.mutate(code)}
          onCancel={backToStatus}
        />
      )}

      {panel.kind === 'disable' && (
        <CodeConfirmForm
          testId="mfa-disable-form"
          description={t('profile.mfa.disableDescription')}
          submitLabel={t('profile.mfa.disable')}
          danger
          pending={disable.isPending}
          error={disable.error ? toMessage(disable.error) : null}
          onSubmit={(code) => disable.mutate(code)}
          onCancel={backToStatus}
        />
      )}
    </Card>
  );
}
