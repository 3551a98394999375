import { Alert, Button, Code, Group, Stack, Table } from '@mantine/core';
import { CopyIcon } from '../../components/CopyControls';
import { IconAlertTriangle } from '@tabler/icons-react';
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
                  <CopyIcon
                    value={credentials[key]}
                    labels={{
                      copy: t('cabinet.accounts.credentials.copy'),
                      copied: t('cabinet.accounts.credentials.copied'),
                    }}
                    ariaLabel={`${t('cabinet.accounts.credentials.copy')}: ${label}`}
                    size="md"
                    testId={`cab-credential-copy-${key}`}
                  />
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
