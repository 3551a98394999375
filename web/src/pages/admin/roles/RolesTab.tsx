import { Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconMinus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRolesMatrix } from '../../../api/roles';
import { QueryCard } from '../../../components/QueryCard';

/** Read-only matrix: permissions down the side, roles across the top. */
export default function RolesTab() {
  const { t } = useTranslation();
  const matrix = useRolesMatrix();

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('rolesMatrix.description')}
      </Text>
      <QueryCard query={matrix} skeletonRows={10}>
        {(data) => (
          <Table.ScrollContainer minWidth={760}>
            <Table withColumnBorders data-testid="roles-matrix">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rolesMatrix.permission')}</Table.Th>
                  {data.roles.map(({ role }) => (
                    <Table.Th key={role} ta="center" fz="xs">
                      {t(`roles.${role}`, { defaultValue: role })}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.permissions.map((permission) => (
                  <Table.Tr key={permission} data-testid="permission-row">
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm">{t(`permissions.${permission}`, { defaultValue: permission })}</Text>
                        <Text size="xs" c="dimmed" ff="monospace" dir="ltr" span>
                          {permission}
                        </Text>
                      </Group>
                    </Table.Td>
                    {data.roles.map(({ role, permissions }) => {
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
      </QueryCard>
    </Stack>
  );
}
