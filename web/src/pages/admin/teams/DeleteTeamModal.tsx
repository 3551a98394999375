import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useDeleteTeam } from '../../../api/teams';
import type { Team } from '../../../../../src/shared/contracts/identity';
import { ConfirmDeleteModal } from '../../../components/ConfirmDeleteModal';

/** Confirms deletion; a team with members is refused by the API (409 team_not_empty) and explained here. */
export function DeleteTeamModal({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteTeam({
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('teams.deleted') });
      remove.reset();
      onClose();
    },
  });

  return (
    <ConfirmDeleteModal
      item={team}
      title={t('teams.deleteTitle')}
      message={t('teams.deleteConfirm', { name: team?.name ?? '' })}
      mutation={remove}
      onConfirm={(chosen) => remove.mutate(chosen.id)}
      onClose={onClose}
    />
  );
}
