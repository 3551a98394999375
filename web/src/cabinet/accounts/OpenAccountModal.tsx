import { Button, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { AccountKind } from '../../../../src/shared/trading';
import {
  AccountTermsFields,
  DEFAULT_ACCOUNT_TERMS,
  type AccountTerms,
} from '../../components/AccountTermsFields';
import type { OpenedAccountView } from '../../../../src/shared/contracts/trading';
import { FormError } from '../../components/FormError';
import { EmailNotConfirmedAlert } from '../EmailNotConfirmedAlert';
import { useTrader } from '../session';
import { useCabinetError } from '../useCabinetError';
import { CredentialsPanel } from './CredentialsPanel';
import { useOpenCabinetAccount } from '../api';
import { FormActions } from '../../components/FormActions';

/**
 * "Open demo/live account": choose currency and leverage, then — once — the terminal credentials.
 * `kind` null means closed.
 */
export function OpenAccountModal({ kind, onClose }: { kind: AccountKind | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toMessage = useCabinetError();
  const trader = useTrader();
  const linkSent = trader.confirmationLinkSentAt !== null;
  const open = useOpenCabinetAccount();
  const [terms, setTerms] = useState<AccountTerms>(DEFAULT_ACCOUNT_TERMS);
  const [opened, setOpened] = useState<OpenedAccountView | null>(null);
  // Remember the last kind while the closing animation runs (kind is already null then).
  const [shownKind, setShownKind] = useState<AccountKind>('demo');
  const { reset } = open;

  useEffect(() => {
    if (!kind) return;
    setShownKind(kind);
    setTerms(DEFAULT_ACCOUNT_TERMS);
    setOpened(null);
    reset();
  }, [kind, reset]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate({ kind: shownKind, ...terms }, { onSuccess: setOpened });
  };

  // Closing while the request runs would lose the credentials it brings back.
  const close = () => {
    if (!open.isPending) onClose();
  };

  const notConfirmed = isApiError(open.error) && open.error.code === 'email_not_confirmed';
  const title = opened
    ? t('cabinet.accounts.credentials.title')
    : shownKind === 'live'
      ? t('cabinet.accounts.open.liveTitle')
      : t('cabinet.accounts.open.demoTitle');

  return (
    <Modal
      opened={kind !== null}
      onClose={close}
      title={title}
      size="md"
      // The credentials are shown once: a stray click outside must not throw them away.
      closeOnClickOutside={!opened}
      closeOnEscape={!opened}
      data-testid="cab-open-account-modal"
    >
      {opened ? (
        <CredentialsPanel credentials={opened.credentials} onDone={onClose} />
      ) : (
        <form onSubmit={submit} noValidate data-testid="cab-open-account-form">
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {shownKind === 'live'
                ? t('cabinet.accounts.open.liveHint')
                : t('cabinet.accounts.open.demoHint')}
            </Text>
            {notConfirmed ? (
              // 403 email_not_confirmed: say why, and offer a confirmation link right here.
              <EmailNotConfirmedAlert
                message={t(
                  linkSent ? 'cabinet.accounts.notConfirmedLinkSent' : 'cabinet.accounts.notConfirmedNoLink',
                  { email: trader.email ?? '' },
                )}
                resendLabel={t(linkSent ? 'cabinet.accounts.resend' : 'cabinet.accounts.send')}
                sentMessage={t(linkSent ? 'cabinet.accounts.resent' : 'cabinet.accounts.sent')}
                testId="cab-open-email-error"
              />
            ) : (
              <FormError message={open.error ? toMessage(open.error) : null} />
            )}
            <AccountTermsFields
              value={terms}
              onChange={setTerms}
              textsKey="cabinet.accounts.open"
              withHint
              testIdPrefix="cab-open"
            />
            <FormActions onCancel={close} cancelDisabled={open.isPending}>
              <Button type="submit" loading={open.isPending} data-testid="cab-open-submit">
                {t('cabinet.accounts.open.submit')}
              </Button>
            </FormActions>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
