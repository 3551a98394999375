import { Button, Modal, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertOctagon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useRaiseComplaint } from '../../api/complaints';
import { useComplaintError } from './useComplaintError';
import { usePermission } from '../../session/useSession';
import { ComplaintForm } from './ComplaintForm';
import { ComplaintBadge } from './complaintFormat';

/**
 * In the conversation view: raise this conversation as a formal complaint (the regulator's fields),
 * or, once it is one, its badge. Needs the conversation linked to a client.
 */
export function RaiseComplaintButton({
  conversationId,
  kind,
  linked,
}: {
  conversationId: string;
  kind: 'conversation' | 'complaint';
  linked: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, { open, close }] = useDisclosure(false);
  const allowed = usePermission('complaints.handle');
  const toMessage = useComplaintError();
  const raise = useRaiseComplaint();
  if (kind === 'complaint') return <ComplaintBadge />;
  if (!allowed) return null;
  return (
    <>
      <Tooltip label={t('complaints.raise.unlinked')} disabled={linked} withArrow>
        <Button
          size="xs"
          variant="light"
          color="red"
          leftSection={<IconAlertOctagon size={14} />}
          onClick={open}
          disabled={!linked}
          data-testid="raise-complaint"
        >
          {t('complaints.raise.button')}
        </Button>
      </Tooltip>
      <Modal opened={opened} onClose={close} title={t('complaints.raise.title')} size="lg">
        <ComplaintForm
          testId="raise-form"
          submitLabel={t('complaints.raise.submit')}
          pending={raise.isPending}
          toMessage={toMessage}
          onSubmit={(input, fail) =>
            raise.mutate(
              { ...input, conversationId },
              {
                onSuccess: (c) => {
                  close();
                  notifications.show({
                    color: 'teal',
                    message: t('complaints.raise.done', { reference: c.reference }),
                  });
                  navigate(`/complaints/${c.id}`);
                },
                onError: fail,
              },
            )
          }
        />
      </Modal>
    </>
  );
}
