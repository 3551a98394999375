import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../../../src/shared/contracts/identity';
import { RowActions } from '../../../components/RowActions';

interface TeamsTableProps {
  teams: Team[];
  /** Omitted for read-only viewers. */
  onEdit?: (team: Team) => void;
  onDelete?: (team: Team) => void;
}

export function TeamsTable({ teams, onEdit, onDelete }: TeamsTableProps) {
  const { t } = useTranslation();
  const editable = Boolean(onEdit || onDelete);

  return (
    <Table.ScrollContainer minWidth={600}>
      <Table data-testid="teams-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('teams.columns.name')}</Table.Th>
            <Table.Th>{t('teams.columns.kind')}</Table.Th>
            <Table.Th>{t('teams.columns.lead')}</Table.Th>
            <Table.Th ta="end">{t('teams.columns.members')}</Table.Th>
            {editable && <Table.Th w={90} aria-label={t('common.actions')} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.map((team) => (
            <Table.Tr key={team.id} data-testid="team-row" data-team-id={team.id}>
              <Table.Td fw={500}>{team.name}</Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color="gray" radius="sm" tt="none">
                  {t(`teamKinds.${team.kind}`, { defaultValue: team.kind })}
                </Badge>
              </Table.Td>
              <Table.Td>
                {team.leadName ?? (
                  <Text span c="dimmed">
                    {t('common.none')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="end" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {team.memberCount}
              </Table.Td>
              {editable && (
                <Table.Td>
                  <RowActions
                    onEdit={onEdit && (() => onEdit(team))}
                    onDelete={onDelete && (() => onDelete(team))}
                    testIdPrefix="team"
                    iconSize={15}
                    withArrow={false}
                    gap={4}
                  />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
