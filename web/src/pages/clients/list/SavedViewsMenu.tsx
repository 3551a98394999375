import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconBookmarkPlus, IconChevronDown, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeleteView, useSavedViews, useSaveView } from '../../../api/clients';
import { FormError } from '../../../components/FormError';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useLengthLimit } from '../../../components/validation';
import { ToolButton } from '../../../components/ToolButton';

interface SavedViewsMenuProps {
  /** The filters (and sort) on screen now. */
  current: Record<string, string>;
  onApply: (filters: Record<string, string>) => void;
}

const sameView = (a: Record<string, string>, b: Record<string, string>) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => (a[key] ?? '') === (b[key] ?? ''));
};

/** Own named filter sets: save what is on screen, apply one, delete one. */
export function SavedViewsMenu({ current, onApply }: SavedViewsMenuProps) {
  const { t } = useTranslation();
  const limit = useLengthLimit();
  const toMessage = useErrorMessage();
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const views = useSavedViews();
  const active = views.data?.find((view) => sameView(view.filters, current));

  const save = useSaveView({
    onSuccess: (view) => {
      notifications.show({ color: 'teal', message: t('clients.views.saved', { name: view.name }) });
      setSaving(false);
    },
  });

  const remove = useDeleteView({
    onError: (error) => notifications.show({ color: 'red', message: toMessage(error) }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && !limit(name, 80).over) save.mutate({ name: name.trim(), filters: current });
  };

  return (
    <>
      <Menu position="bottom-end" width={280} withinPortal closeOnItemClick>
        <Menu.Target>
          <ToolButton
            icon={IconBookmark}
            variant="default"
            rightSection={<IconChevronDown size={12} />}
            data-testid="clients-views"
          >
            {active ? active.name : t('clients.views.title')}
          </ToolButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('clients.views.title')}</Menu.Label>
          {views.data?.length === 0 && (
            <Text size="xs" c="dimmed" px="sm" py={6}>
              {t('clients.views.empty')}
            </Text>
          )}
          {views.data?.map((view) => (
            // Delete sits beside the item, not inside it: a button may not contain another button.
            <Group key={view.id} gap={2} wrap="nowrap" pe={4}>
              <Menu.Item
                onClick={() => onApply(view.filters)}
                fw={view.id === active?.id ? 600 : undefined}
                style={{ flex: 1, minWidth: 0 }}
                data-testid="clients-view-item"
              >
                <Text span inherit truncate="end" display="block">
                  {view.name}
                </Text>
              </Menu.Item>
              <ActionIcon
                size="sm"
                variant="subtle"
                color="red"
                aria-label={t('clients.views.delete', { name: view.name })}
                loading={remove.isPending && remove.variables === view.id}
                onClick={() => remove.mutate(view.id)}
                data-testid="clients-view-delete"
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Group>
          ))}
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconBookmarkPlus size={14} />}
            onClick={() => {
              setName('');
              save.reset();
              setSaving(true);
            }}
            data-testid="clients-view-save"
          >
            {t('clients.views.saveCurrent')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>

      <Modal
        opened={saving}
        onClose={() => setSaving(false)}
        title={t('clients.views.saveCurrent')}
        size="sm"
      >
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {Object.keys(current).length === 0 ? t('clients.views.noFilters') : t('clients.views.saveHint')}
            </Text>
            <TextInput
              label={t('clients.views.name')}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={limit(name, 80).error}
              required
              data-autofocus
              data-testid="clients-view-name"
            />
            <FormError message={save.error ? toMessage(save.error) : null} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" size="xs" onClick={() => setSaving(false)}>
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                size="xs"
                loading={save.isPending}
                disabled={!name.trim()}
                data-testid="clients-view-submit"
              >
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
