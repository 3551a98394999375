import { Button, Modal, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRetagClients } from '../../../api/clients';
import { FormError } from '../../../components/FormError';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { FormActions } from '../../../components/FormActions';

interface TagModalProps {
  opened: boolean;
  clientIds: string[];
  /** Tags already on the selected clients, offered for removal. */
  knownTags: string[];
  onClose: () => void;
}

/** Adds and removes tags on many clients at once. */
export function TagModal({ opened, clientIds, knownTags, onClose }: TagModalProps) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const [add, setAdd] = useState<string[]>([]);
  const [remove, setRemove] = useState<string[]>([]);

  useEffect(() => {
    if (!opened) return;
    setAdd([]);
    setRemove([]);
  }, [opened]);

  const retag = useRetagClients({
    onSuccess: ({ updated }) => {
      notifications.show({ color: 'teal', message: t('clients.tagging.done', { count: updated }) });
      onClose();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (add.length || remove.length) retag.mutate({ clientIds, add, remove });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('clients.tagging.title')} size="md">
      <form onSubmit={submit} data-testid="tag-form">
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('clients.assign.selected', { count: clientIds.length })}
          </Text>
          <TagsInput
            label={t('clients.tagging.add')}
            value={add}
            onChange={setAdd}
            maxTags={20}
            acceptValueOnBlur
            clearable
            data-autofocus
            data-testid="bulk-tag-add"
          />
          <TagsInput
            label={t('clients.tagging.remove')}
            data={knownTags}
            value={remove}
            onChange={setRemove}
            maxTags={20}
            acceptValueOnBlur
            clearable
            data-testid="bulk-tag-remove"
          />
          <FormError message={retag.error ? toMessage(retag.error) : null} />
          <FormActions onCancel={onClose} size="xs">
            <Button
              type="submit"
              size="xs"
              loading={retag.isPending}
              disabled={!add.length && !remove.length}
              data-testid="bulk-tag-submit"
            >
              {t('clients.tagging.submit')}
            </Button>
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
