import { ActionIcon, Alert, Button, Code, CopyButton, Group, Stack, Table, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { OpenedAccountView } from '../../../../src/shared/contracts/trading';

type Credentials = OpenedAccountView['credentials'];

/**
 * The terminal credentials of a just-opened account. They exist only in this answer: the page never
 * asks for them again, so the trader is told plainly to save them (a copy went by email).
 */
export function CredentialsPanel({ credentials, onDone }: { credentials: Credentials; onDone: () => void }) {
  const { t } = useTranslation();
  const rows: { key: keyof Credentials; label: string }[] = [
    { key: 'login', label: t('cabinet.accounts.credentials.login') },
    { key: 'password', label: t('cabinet.accounts.credentials.password') },
    { key: 'investorPassword', label: t('cabinet.accounts.credentials.investorPassword') },
    { key: 'server', label: t('cabinet.accounts.credentials.server') },
  ];
  return (
    <Stack gap="sm" data-testid="cab-credentials">
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
        {t('cabinet.accounts.credentials.once')}
      </Alert>
      <Table verticalSpacing={6} withRowBorders>
        <Table.Tbody>
          {rows.map(({ key, label }) => (
            <Table.Tr key={key}>
              <Table.Td c="dimmed" fz="sm" w="40%">
                {label}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <Code
                    fz="sm"
                    dir="ltr"
                    style={{ overflowWrap: 'anywhere' }}
                    data-testid={`cab-credential-${key}`}
                  >
                    {credentials[key]}
                  </Code>
                  <CopyButton value={credentials[key]} timeout={1500}>
                    {({ copied, copy }) => (
                      <Tooltip
                        label={
                          copied
                            ? t('cabinet.accounts.credentials.copied')
                            : t('cabinet.accounts.credentials.copy')
                        }
                        withArrow
                      >
                        <ActionIcon
                          variant="subtle"
                          color={copied ? 'teal' : 'gray'}
                          onClick={copy}
                          aria-label={`${t('cabinet.accounts.credentials.copy')}: ${label}`}
                          data-testid={`cab-credential-copy-${key}`}
                        >
                          {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </CopyButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="flex-end">
        <Button onClick={onDone} data-testid="cab-credentials-done">
          {t('cabinet.accounts.credentials.done')}
        </Button>
      </Group>
    </Stack>
  );
}
