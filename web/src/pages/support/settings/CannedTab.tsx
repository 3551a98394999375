import { Badge, Button, Group, Select, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconMessage2 } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCannedResponses, type CannedResponse } from '../../../api/support';
import { useDeleteCanned, useSaveCanned, type CannedInput } from '../../../api/supportSettings';
import { AddButton } from '../../../components/AddButton';
import { ConfirmDeleteModal } from '../../../components/ConfirmDeleteModal';
import { FormActions } from '../../../components/FormActions';
import { FormModal } from '../../../components/FormModal';
import { DataTable } from '../../../components/DataTable';
import { QueryCard } from '../../../components/QueryCard';
import { RowActions } from '../../../components/RowActions';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useFormatters } from '../../../i18n/format';
import { SUPPORT_LANGUAGES } from '../../../../../src/shared/support';

/** What the server fills in when it renders a canned response (part A's canned.ts). */
const VARIABLES = '{{client.name}}, {{client.account}}, {{agent.name}}';

const EMPTY: CannedInput = { title: '', shortcut: '', language: 'en', body: '', teamId: null };

function CannedForm({ editing, onClose }: { editing: CannedResponse | 'new'; onClose: () => void }) {
  const { t } = useTranslation();
  const { languageName } = useFormatters();
  const toMessage = useErrorMessage();
  const start =
    editing === 'new'
      ? EMPTY
      : {
          title: editing.title,
          shortcut: editing.shortcut,
          language: editing.language,
          body: editing.body,
          teamId: editing.teamId,
        };
  const [form, setForm] = useState<CannedInput>(start);
  const save = useSaveCanned({ onSuccess: onClose });
  const fieldError = (field: string) =>
    save.error && 'field' in save.error && save.error.field === field ? toMessage(save.error) : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ id: editing === 'new' ? null : editing.id, input: form });
  };
  const set = (patch: Partial<CannedInput>) => setForm((f) => ({ ...f, ...patch }));
  return (
    <FormModal
      opened
      onClose={onClose}
      title={editing === 'new' ? t('support.settings.canned.new') : t('support.settings.canned.edit')}
      size="lg"
      testId="canned-form"
      onSubmit={onSubmit}
      formError={save.error && !('field' in save.error && save.error.field) ? toMessage(save.error) : null}
    >
      <TextInput
        label={t('support.settings.canned.titleField')}
        required
        data-autofocus
        value={form.title}
        onChange={(e) => set({ title: e.currentTarget.value })}
        error={fieldError('title')}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('support.settings.canned.shortcut')}
          description={t('support.settings.canned.shortcutHint')}
          required
          leftSection="/"
          value={form.shortcut}
          onChange={(e) => set({ shortcut: e.currentTarget.value.toLowerCase() })}
          error={fieldError('shortcut')}
        />
        <Select
          label={t('support.field.language')}
          required
          allowDeselect={false}
          searchable
          data={SUPPORT_LANGUAGES.map((code) => ({ value: code, label: languageName(code) }))}
          value={form.language}
          onChange={(value) => value && set({ language: value })}
          error={fieldError('language')}
        />
      </Group>
      <Textarea
        label={t('support.settings.canned.body')}
        description={t('support.settings.canned.variables', { vars: VARIABLES })}
        required
        autosize
        minRows={5}
        value={form.body}
        onChange={(e) => set({ body: e.currentTarget.value })}
        error={fieldError('body')}
      />
      <FormActions onCancel={onClose}>
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </FormActions>
    </FormModal>
  );
}

/** Support → Settings → Canned responses: the replies agents pick with `/` in the composer. */
export default function CannedTab() {
  const { t } = useTranslation();
  const { languageName } = useFormatters();
  const canned = useCannedResponses();
  const [editing, setEditing] = useState<CannedResponse | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CannedResponse | null>(null);
  const remove = useDeleteCanned({ onSuccess: () => setDeleting(null) });
  return (
    <div data-testid="support-settings-canned">
      <Group justify="space-between" mb="xs">
        <Text fz="sm" c="dimmed">
          {t('support.settings.canned.hint')}
        </Text>
        <AddButton
          label={t('support.settings.canned.new')}
          onClick={() => setEditing('new')}
          testId="canned-new"
        />
      </Group>
      <QueryCard
        query={canned}
        skeletonRows={3}
        empty={{
          isEmpty: (items) => items.length === 0,
          icon: <IconMessage2 size={22} />,
          title: t('support.settings.canned.empty'),
          description: t('support.settings.canned.emptyHint'),
        }}
      >
        {(items) => (
          <DataTable
            minWidth={720}
            testId="canned-table"
            fz="sm"
            verticalSpacing={6}
            highlightOnHover
            columns={[
              { label: t('support.settings.canned.titleField') },
              { label: t('support.settings.canned.shortcut') },
              { label: t('support.field.language') },
              { label: t('support.settings.canned.body') },
              { w: 70 },
            ]}
          >
            {items.map((c) => (
              <Table.Tr key={c.id} data-testid="canned-row">
                <Table.Td fw={600}>{c.title}</Table.Td>
                <Table.Td>
                  <Badge variant="light" tt="none">
                    /{c.shortcut}
                  </Badge>
                </Table.Td>
                <Table.Td>{languageName(c.language)}</Table.Td>
                <Table.Td>
                  <Text fz="sm" c="dimmed" lineClamp={1} maw={420}>
                    {c.body}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RowActions
                    onEdit={() => setEditing(c)}
                    onDelete={() => setDeleting(c)}
                    testIdPrefix="canned"
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryCard>
      {editing && <CannedForm editing={editing} onClose={() => setEditing(null)} />}
      <ConfirmDeleteModal
        item={deleting}
        title={t('support.settings.canned.deleteTitle')}
        message={t('support.settings.canned.deleteMessage', { title: deleting?.title ?? '' })}
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
