import { useTranslation } from 'react-i18next';
import { ConfirmModal } from './ConfirmModal';
import { useErrorMessage } from './useErrorMessage';

interface ConfirmDeleteModalProps<T> {
  /** What is about to be deleted; null = closed. */
  item: T | null;
  title: string;
  message: string;
  /** The delete mutation: its progress and error are shown; closing resets it. */
  mutation: { isPending: boolean; error: Error | null; reset: () => void };
  onConfirm: (item: T) => void;
  onClose: () => void;
}

/** "Delete X?" with the delete mutation's progress and error. */
export function ConfirmDeleteModal<T>({
  item,
  title,
  message,
  mutation,
  onConfirm,
  onClose,
}: ConfirmDeleteModalProps<T>) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  return (
    <ConfirmModal
      opened={item !== null}
      title={title}
      message={message}
      confirmLabel={t('common.delete')}
      danger
      loading={mutation.isPending}
      error={mutation.error ? toMessage(mutation.error) : null}
      onConfirm={() => item !== null && onConfirm(item)}
      onClose={() => {
        mutation.reset();
        onClose();
      }}
    />
  );
}
