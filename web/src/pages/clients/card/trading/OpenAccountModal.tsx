import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenAccount } from '../../../../api/trading';
import {
  ACCOUNT_KINDS,
  type AccountKind,
  CURRENCIES,
  type Currency,
  LEVERAGES,
} from '../../../../../../src/shared/trading';
import type { OpenedAccountView } from '../../../../../../src/shared/contracts/trading';
import { FormError } from '../../../../components/FormError';
import { useErrorMessage } from '../../../../components/useErrorMessage';
import { FormActions } from '../../../../components/FormActions';

interface OpenAccountModalProps {
  clientId: string;
  opened: boolean;
  onClose: () => void;
  /** The new account's id, so the card can show it. */
  onOpened: (accountId: string) => void;
}

function CopyValue({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
          <ActionIcon
            size="sm"
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={t('common.copy')}
          >
            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
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
                  <CopyValue value={value} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <CopyButton value={asText}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant="default"
              leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              onClick={copy}
              data-testid="trading-credentials-copy"
            >
              {copied ? t('common.copied') : t('trading.open.copyAll')}
            </Button>
          )}
        </CopyButton>
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
  const [currency, setCurrency] = useState<Currency>('USD');
  const [leverage, setLeverage] = useState<number>(100);
  const [result, setResult] = useState<OpenedAccountView | null>(null);

  const close = () => {
    setResult(null);
    open.reset();
    onClose();
  };

  const submit = () =>
    open.mutate(
      { kind, currency, leverage },
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
              <Select
                label={t('trading.open.currency')}
                data={[...CURRENCIES]}
                value={currency}
                onChange={(value) => value && setCurrency(value as Currency)}
                allowDeselect={false}
                data-testid="trading-open-currency"
              />
              <Select
                label={t('trading.open.leverage')}
                data={LEVERAGES.map((value) => ({
                  value: String(value),
                  label: t('trading.account.leverage', { leverage: value }),
                }))}
                value={String(leverage)}
                onChange={(value) => value && setLeverage(Number(value))}
                allowDeselect={false}
                data-testid="trading-open-leverage"
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
