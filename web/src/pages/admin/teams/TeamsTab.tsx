import { Group, Stack, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../../../src/shared/contracts/identity';
import { AddButton } from '../../../components/AddButton';
import { QueryCard } from '../../../components/QueryCard';
import { usePermission } from '../../../session/useSession';
import { DeleteTeamModal } from './DeleteTeamModal';
import { TeamFormModal } from './TeamFormModal';
import { TeamsTable } from './TeamsTable';
import { useTeams } from '../../../api/teams';

/** `editing`: undefined = modal closed, null = creating, Team = editing that team. */
type Editing = Team | null | undefined;

export default function TeamsTab() {
  const { t } = useTranslation();
  const canWrite = usePermission('teams.write');
  const teams = useTeams();
  const [editing, setEditing] = useState<Editing>(undefined);
  const [deleting, setDeleting] = useState<Team | null>(null);

  const newButton = canWrite && (
    <AddButton label={t('teams.new')} onClick={() => setEditing(null)} testId="team-new" />
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {teams.data ? t('common.total', { count: teams.data.length }) : ' '}
        </Text>
        {newButton}
      </Group>
      <QueryCard
        query={teams}
        skeletonRows={5}
        empty={{
          isEmpty: (data) => data.length === 0,
          icon: <IconUsersGroup size={22} />,
          title: t('teams.emptyTitle'),
          description: t('teams.emptyDescription'),
          action: newButton,
        }}
      >
        {(data) => (
          <TeamsTable
            teams={data}
            onEdit={canWrite ? setEditing : undefined}
            onDelete={canWrite ? setDeleting : undefined}
          />
        )}
      </QueryCard>
      {canWrite && (
        <>
          <TeamFormModal
            opened={editing !== undefined}
            team={editing ?? null}
            onClose={() => setEditing(undefined)}
          />
          <DeleteTeamModal team={deleting} onClose={() => setDeleting(null)} />
        </>
      )}
    </Stack>
  );
}
