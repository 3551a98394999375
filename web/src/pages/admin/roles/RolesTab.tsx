import { Card, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconMinus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRolesMatrix } from '../../../api/roles';
import { ErrorState } from '../../../components/ErrorState';
import { TableSkeleton } from '../../../components/TableSkeleton';

/** Read-only matrix: permissions down the side, roles across the top. */
export default function RolesTab() {
  const { t } = useTranslation();
  const matrix = useRolesMatrix();

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('rolesMatrix.description')}
      </Text>
      <Card withBorder padding="xs">
        {matrix.isPending ? (
          <TableSkeleton rows={10} />
        ) : matrix.isError ? (
          <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table withColumnBorders data-testid="roles-matrix">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rolesMatrix.permission')}</Table.Th>
                  {matrix.data.roles.map(({ role }) => (
                    <Table.Th key={role} ta="center" fz="xs">
                      {t(`roles.${role}`, { defaultValue: role })}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {matrix.data.permissions.map((permission) => (
                  <Table.Tr key={permission} data-testid="permission-row">
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm">{t(`permissions.${permission}`, { defaultValue: permission })}</Text>
                        <Text size="xs" c="dimmed" ff="monospace" dir="ltr" span>
                          {permission}
                        </Text>
                      </Group>
                    </Table.Td>
                    {matrix.data.roles.map(({ role, permissions }) => {
                      const granted = permissions.includes(permission);
                      return (
                        <Table.Td key={role} ta="center" data-granted={granted}>
                          <Tooltip
                            label={granted ? t('rolesMatrix.granted') : t('rolesMatrix.notGranted')}
                            openDelay={300}
                          >
                            {granted ? (
                              <IconCheck
                                size={16}
                                color="var(--mantine-color-teal-6)"
                                aria-label={t('rolesMatrix.granted')}
                              />
                            ) : (
                              <IconMinus
                                size={14}
                                color="var(--mantine-color-gray-4)"
                                aria-label={t('rolesMatrix.notGranted')}
                              />
                            )}
                          </Tooltip>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
