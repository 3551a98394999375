import { Badge, Button, Group, NumberInput, Select, Switch, Table, Text, TextInput } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useDeleteSlaPolicy,
  useSaveSlaPolicy,
  useSlaPolicies,
  type SlaPolicyInput,
} from '../../../api/supportSettings';
import { AddButton } from '../../../components/AddButton';
import { ConfirmDeleteModal } from '../../../components/ConfirmDeleteModal';
import { FormActions } from '../../../components/FormActions';
import { FormModal } from '../../../components/FormModal';
import { DataTable } from '../../../components/DataTable';
import { QueryCard } from '../../../components/QueryCard';
import { RowActions } from '../../../components/RowActions';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { usePermission } from '../../../session/useSession';
import type { SlaPolicyView } from '../../../../../src/shared/contracts/support';
import {
  CONVERSATION_PRIORITIES,
  SUPPORT_CHANNELS,
  type ConversationPriority,
  type SupportChannel,
} from '../../../../../src/shared/support';

const EMPTY: SlaPolicyInput = {
  name: '',
  channel: null,
  priority: null,
  firstResponseMinutes: 60,
  nextResponseMinutes: 240,
  resolutionMinutes: 1440,
  businessHoursOnly: true,
  warnBeforeMinutes: 5,
  sortOrder: 100,
  enabled: true,
};

/** 90 → "1h 30m", 2880 → "2d", null → "—". */
export function minutesLabel(minutes: number | null): string {
  if (minutes === null) return '—';
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return [d && `${d}d`, h && `${h}h`, m && `${m}m`].filter(Boolean).join(' ') || '0m';
}

function PolicyForm({ editing, onClose }: { editing: SlaPolicyView | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const [form, setForm] = useState<SlaPolicyInput>(() => {
    if (editing === 'new') return EMPTY;
    const { id: _id, updatedAt: _u, ...input } = editing;
    return input;
  });
  const set = (patch: Partial<SlaPolicyInput>) => setForm((f) => ({ ...f, ...patch }));
  const save = useSaveSlaPolicy({ onSuccess: onClose });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: editing === 'new' ? null : editing.id, input: form });
  };
  const minutes = (key: 'firstResponseMinutes' | 'nextResponseMinutes' | 'resolutionMinutes') => (
    <NumberInput
      label={t(`support.settings.sla.${key}`)}
      placeholder={t('support.settings.sla.notMeasured')}
      min={1}
      value={form[key] ?? ''}
      onChange={(value) => set({ [key]: typeof value === 'number' ? value : null })}
      description={minutesLabel(form[key])}
    />
  );
  return (
    <FormModal
      opened
      onClose={onClose}
      title={editing === 'new' ? t('support.settings.sla.new') : t('support.settings.sla.edit')}
      testId="sla-form"
      onSubmit={onSubmit}
      formError={save.error ? toMessage(save.error) : null}
      size="lg"
    >
      <TextInput
        label={t('support.settings.sla.name')}
        required
        data-autofocus
        value={form.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
      />
      <Group grow>
        <Select
          label={t('support.field.channel')}
          placeholder={t('support.inbox.anyChannel')}
          clearable
          data={SUPPORT_CHANNELS.map((c) => ({ value: c, label: t(`support.channel.${c}`) }))}
          value={form.channel}
          onChange={(value) => set({ channel: value as SupportChannel | null })}
        />
        <Select
          label={t('support.field.priority')}
          placeholder={t('support.settings.sla.anyPriority')}
          clearable
          data={CONVERSATION_PRIORITIES.map((p) => ({ value: p, label: t(`support.priority.${p}`) }))}
          value={form.priority}
          onChange={(value) => set({ priority: value as ConversationPriority | null })}
        />
      </Group>
      <Group grow align="flex-start">
        {minutes('firstResponseMinutes')}
        {minutes('nextResponseMinutes')}
        {minutes('resolutionMinutes')}
      </Group>
      <Group grow align="flex-start">
        <NumberInput
          label={t('support.settings.sla.warnBefore')}
          min={0}
          value={form.warnBeforeMinutes}
          onChange={(value) => set({ warnBeforeMinutes: typeof value === 'number' ? value : 0 })}
        />
        <NumberInput
          label={t('support.settings.sla.order')}
          description={t('support.settings.sla.orderHint')}
          min={0}
          value={form.sortOrder}
          onChange={(value) => set({ sortOrder: typeof value === 'number' ? value : 0 })}
        />
      </Group>
      <Switch
        label={t('support.settings.sla.businessHoursOnly')}
        checked={form.businessHoursOnly}
        onChange={(e) => set({ businessHoursOnly: e.currentTarget.checked })}
      />
      <Switch
        label={t('support.settings.sla.enabled')}
        checked={form.enabled}
        onChange={(e) => set({ enabled: e.currentTarget.checked })}
      />
      <FormActions onCancel={onClose}>
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </FormActions>
    </FormModal>
  );
}

/** Support → Settings → SLA policies: targets per channel and priority, the first enabled match wins. */
export default function SlaPoliciesTab() {
  const { t } = useTranslation();
  const canEdit = usePermission('settings.write');
  const policies = useSlaPolicies();
  const [editing, setEditing] = useState<SlaPolicyView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SlaPolicyView | null>(null);
  const remove = useDeleteSlaPolicy({ onSuccess: () => setDeleting(null) });
  return (
    <div data-testid="support-settings-sla">
      <Group justify="space-between" mb="xs">
        <Text fz="sm" c="dimmed">
          {t('support.settings.sla.hint')}
        </Text>
        {canEdit && (
          <AddButton
            label={t('support.settings.sla.new')}
            onClick={() => setEditing('new')}
            testId="sla-new"
          />
        )}
      </Group>
      <QueryCard
        query={policies}
        skeletonRows={3}
        empty={{
          isEmpty: (items) => items.length === 0,
          icon: <IconClockHour4 size={22} />,
          title: t('support.settings.sla.empty'),
          description: t('support.settings.sla.emptyHint'),
        }}
      >
        {(items) => (
          <DataTable
            minWidth={860}
            testId="sla-table"
            fz="sm"
            verticalSpacing={6}
            highlightOnHover
            columns={[
              { label: t('support.settings.sla.order'), w: 60 },
              { label: t('support.settings.sla.name') },
              { label: t('support.settings.sla.matches') },
              { label: t('support.settings.sla.firstResponseMinutes') },
              { label: t('support.settings.sla.nextResponseMinutes') },
              { label: t('support.settings.sla.resolutionMinutes') },
              {},
              { w: 70 },
            ]}
          >
            {items.map((p) => (
              <Table.Tr key={p.id} data-testid="sla-row" opacity={p.enabled ? 1 : 0.6}>
                <Table.Td ff="monospace">{p.sortOrder}</Table.Td>
                <Table.Td fw={600}>{p.name}</Table.Td>
                <Table.Td>
                  {p.channel ? t(`support.channel.${p.channel}`) : t('support.inbox.anyChannel')} ·{' '}
                  {p.priority ? t(`support.priority.${p.priority}`) : t('support.settings.sla.anyPriority')}
                </Table.Td>
                <Table.Td ff="monospace">{minutesLabel(p.firstResponseMinutes)}</Table.Td>
                <Table.Td ff="monospace">{minutesLabel(p.nextResponseMinutes)}</Table.Td>
                <Table.Td ff="monospace">{minutesLabel(p.resolutionMinutes)}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {p.businessHoursOnly && (
                      <Badge size="xs" variant="light">
                        {t('support.settings.sla.businessHours')}
                      </Badge>
                    )}
                    {!p.enabled && (
                      <Badge size="xs" variant="light" color="gray">
                        {t('support.settings.sla.disabled')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {canEdit && (
                    <RowActions
                      onEdit={() => setEditing(p)}
                      onDelete={() => setDeleting(p)}
                      testIdPrefix="sla"
                    />
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryCard>
      {editing && <PolicyForm editing={editing} onClose={() => setEditing(null)} />}
      <ConfirmDeleteModal
        item={deleting}
        title={t('support.settings.sla.deleteTitle')}
        message={t('support.settings.sla.deleteMessage', { name: deleting?.name ?? '' })}
        mutation={remove}
        onConfirm={(item) => remove.mutate(item.id)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </div>
  );
}
