import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../api/types';
import { EmptyBlock } from '../../../components/EmptyBlock';
import { ErrorState } from '../../../components/ErrorState';
import { TableSkeleton } from '../../../components/TableSkeleton';
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
    <Button
      size="xs"
      leftSection={<IconPlus size={14} />}
      onClick={() => setEditing(null)}
      data-testid="team-new"
    >
      {t('teams.new')}
    </Button>
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {teams.data ? t('common.total', { count: teams.data.length }) : ' '}
        </Text>
        {newButton}
      </Group>
      <Card withBorder padding="xs">
        {teams.isPending ? (
          <TableSkeleton rows={5} />
        ) : teams.isError ? (
          <ErrorState error={teams.error} onRetry={() => void teams.refetch()} />
        ) : teams.data.length === 0 ? (
          <EmptyBlock
            icon={<IconUsersGroup size={22} />}
            title={t('teams.emptyTitle')}
            description={t('teams.emptyDescription')}
            action={newButton}
          />
        ) : (
          <TeamsTable
            teams={teams.data}
            onEdit={canWrite ? setEditing : undefined}
            onDelete={canWrite ? setDeleting : undefined}
          />
        )}
      </Card>
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
