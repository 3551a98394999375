import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useDeleteTeam } from '../../../api/teams';
import type { Team } from '../../../api/types';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { useErrorMessage } from '../../../components/useErrorMessage';

/** Confirms deletion; a team with members is refused by the API (409 team_not_empty) and explained here. */
export function DeleteTeamModal({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const remove = useDeleteTeam({
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('teams.deleted') });
      close();
    },
  });

  const close = () => {
    remove.reset();
    onClose();
  };

  return (
    <ConfirmModal
      opened={team !== null}
      title={t('teams.deleteTitle')}
      message={t('teams.deleteConfirm', { name: team?.name ?? '' })}
      confirmLabel={t('common.delete')}
      danger
      loading={remove.isPending}
      error={remove.error ? toMessage(remove.error) : null}
      onConfirm={() => team && remove.mutate(team.id)}
      onClose={close}
    />
  );
}
