import { Alert, Button, Code, Group, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenAccount } from '../../../../api/trading';
import { ACCOUNT_KINDS, type AccountKind } from '../../../../../../src/shared/trading';
import type { OpenedAccountView } from '../../../../../../src/shared/contracts/trading';
import { FormError } from '../../../../components/FormError';
import { useErrorMessage } from '../../../../components/useErrorMessage';
import { FormActions } from '../../../../components/FormActions';
import { CopyIcon, CopyTextButton } from '../../../../components/CopyControls';
import {
  AccountTermsFields,
  DEFAULT_ACCOUNT_TERMS,
  type AccountTerms,
} from '../../../../components/AccountTermsFields';

interface OpenAccountModalProps {
  clientId: string;
  opened: boolean;
  onClose: () => void;
  /** The new account's id, so the card can show it. */
  onOpened: (accountId: string) => void;
}

/** The terminal credentials, shown exactly once: the server never returns the passwords again. */
function Credentials({ opened, onDone }: { opened: OpenedAccountView; onDone: () => void }) {
  const { t } = useTranslation();
  const c = opened.credentials;
  const rows: [string, string][] = [
    [t('trading.open.login'), c.login],
    [t('trading.open.password'), c.password],
    [t('trading.open.investorPassword'), c.investorPassword],
    [t('trading.open.server'), c.server],
  ];
  const asText = rows.map(([label, value]) => `${label}: ${value}`).join('\n');
  return (
    <Stack gap="sm" data-testid="trading-credentials">
      <Alert color="orange" variant="light" p="xs" icon={<IconAlertTriangle size={18} />}>
        <Text size="sm">{t('trading.open.warning')}</Text>
      </Alert>
      <Table withTableBorder verticalSpacing={4} fz="sm">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Td c="dimmed" w="45%">
                {label}
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="space-between">
                  <Code dir="ltr" fz="sm" style={{ overflowWrap: 'anywhere' }}>
                    {value}
                  </Code>
                  <CopyIcon value={value} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <CopyTextButton value={asText} label={t('trading.open.copyAll')} testId="trading-credentials-copy" />
        <Button size="xs" onClick={onDone} data-testid="trading-credentials-done">
          {t('trading.open.saved')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Staff opens a demo or live account for the client (clients.write). */
export function OpenAccountModal({ clientId, opened, onClose, onOpened }: OpenAccountModalProps) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const open = useOpenAccount(clientId);
  const [kind, setKind] = useState<AccountKind>('demo');
  const [terms, setTerms] = useState<AccountTerms>(DEFAULT_ACCOUNT_TERMS);
  const [result, setResult] = useState<OpenedAccountView | null>(null);

  const close = () => {
    setResult(null);
    open.reset();
    onClose();
  };

  const submit = () =>
    open.mutate(
      { kind, ...terms },
      {
        onSuccess: (opened) => {
          setResult(opened);
          onOpened(opened.account.id);
        },
      },
    );

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={result ? t('trading.open.doneTitle', { login: result.account.login }) : t('trading.open.title')}
      size="md"
      centered
      // While the credentials are on screen, a stray click must not lose them.
      closeOnClickOutside={!result}
      closeOnEscape={!result}
      data-testid="trading-open-modal"
    >
      {result ? (
        <Credentials opened={result} onDone={close} />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm">
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('trading.open.kind')}
              </Text>
              <SegmentedControl
                fullWidth
                value={kind}
                onChange={(value) => setKind(value as AccountKind)}
                data={ACCOUNT_KINDS.map((value) => ({ value, label: t(`trading.kind.${value}`) }))}
                data-testid="trading-open-kind"
              />
              <Text size="xs" c={kind === 'live' ? 'orange' : 'dimmed'}>
                {kind === 'live' ? t('trading.open.kindHintLive') : t('trading.open.kindHintDemo')}
              </Text>
            </Stack>
            <Group grow>
              <AccountTermsFields
                value={terms}
                onChange={setTerms}
                textsKey="trading.open"
                testIdPrefix="trading-open"
              />
            </Group>
            <FormError message={open.isError ? toMessage(open.error) : null} />
            <FormActions onCancel={close} size="xs">
              <Button type="submit" size="xs" loading={open.isPending} data-testid="trading-open-submit">
                {t('trading.open.submit')}
              </Button>
            </FormActions>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
