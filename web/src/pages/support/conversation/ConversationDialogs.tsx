import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClientList } from '../../../api/clients';
import { useConversations } from '../../../api/support';
import type { ConversationDetail } from '../../../../../src/shared/contracts/support';

/** Merge this conversation into another one (found by number, subject or contact). */
export function MergeModal({
  opened,
  conversation,
  onClose,
  onMerge,
  busy,
}: {
  opened: boolean;
  conversation: ConversationDetail;
  onClose: () => void;
  onMerge: (intoId: string) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const [intoId, setIntoId] = useState<string | null>(null);
  const found = useConversations({ view: 'all', q: q || null, page: 1, pageSize: 20 });
  const data = (found.data?.items ?? [])
    .filter((c) => c.id !== conversation.id)
    .map((c) => ({
      value: c.id,
      label:
        `#${c.number} · ${c.contactName ?? c.contactEmail ?? '—'} · ${c.subject ?? c.preview ?? ''}`.slice(
          0,
          90,
        ),
    }));
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('support.merge.title', { number: conversation.number })}
    >
      <Stack>
        <Text fz="sm" c="dimmed">
          {t('support.merge.hint')}
        </Text>
        <Select
          label={t('support.merge.into')}
          searchable
          data={data}
          searchValue={search}
          onSearchChange={setSearch}
          value={intoId}
          onChange={setIntoId}
          nothingFoundMessage={t('support.merge.none')}
          filter={({ options }) => options}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" disabled={!intoId} loading={busy} onClick={() => intoId && onMerge(intoId)}>
            {t('support.merge.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Link the conversation to an existing client (searched by name, email, phone). */
export function LinkClientModal({
  opened,
  onClose,
  onLink,
  busy,
  initialSearch,
}: {
  opened: boolean;
  onClose: () => void;
  onLink: (clientId: string) => void;
  busy: boolean;
  initialSearch: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(initialSearch);
  const [q] = useDebouncedValue(search, 250);
  const [clientId, setClientId] = useState<string | null>(null);
  const found = useClientList({ q: q || undefined, sort: 'name', order: 'asc', page: 1, pageSize: 20 });
  const data = (found.data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.name + (c.email ? ` · ${c.email}` : ''),
  }));
  return (
    <Modal opened={opened} onClose={onClose} title={t('support.link.title')}>
      <Stack>
        <Select
          label={t('support.link.client')}
          searchable
          data={data}
          searchValue={search}
          onSearchChange={setSearch}
          value={clientId}
          onChange={setClientId}
          nothingFoundMessage={t('support.link.none')}
          filter={({ options }) => options}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!clientId} loading={busy} onClick={() => clientId && onLink(clientId)}>
            {t('support.link.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
