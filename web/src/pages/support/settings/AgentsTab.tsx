import { Badge, Button, Group, MultiSelect, NumberInput, Table, Text } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSupportAgents } from '../../../api/support';
import { useSaveAgent, type AgentInput } from '../../../api/supportSettings';
import { useTeamOptions } from '../../../api/teams';
import { FormActions } from '../../../components/FormActions';
import { FormModal } from '../../../components/FormModal';
import { DataTable } from '../../../components/DataTable';
import { QueryCard } from '../../../components/QueryCard';
import { RowActions } from '../../../components/RowActions';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useFormatters } from '../../../i18n/format';
import { usePermission } from '../../../session/useSession';
import type { AgentView } from '../../../../../src/shared/contracts/support';
import { SUPPORT_LANGUAGES } from '../../../../../src/shared/support';

const STATUS_COLORS = { online: 'teal', away: 'yellow', offline: 'gray' } as const;

function AgentForm({ agent, onClose }: { agent: AgentView; onClose: () => void }) {
  const { t } = useTranslation();
  const { languageName } = useFormatters();
  const toMessage = useErrorMessage();
  const teams = useTeamOptions();
  const [form, setForm] = useState<AgentInput>({
    teamIds: agent.teamIds,
    languages: agent.languages,
    capacity: agent.capacity,
  });
  const save = useSaveAgent({ onSuccess: onClose });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ staffId: agent.staffId, input: form });
  };
  return (
    <FormModal
      opened
      onClose={onClose}
      title={agent.name}
      testId="agent-form"
      onSubmit={onSubmit}
      formError={save.error ? toMessage(save.error) : null}
    >
      <MultiSelect
        label={t('support.settings.agents.languages')}
        searchable
        data-autofocus
        data={SUPPORT_LANGUAGES.map((code) => ({ value: code, label: languageName(code) }))}
        value={form.languages}
        onChange={(languages) => setForm((f) => ({ ...f, languages }))}
      />
      <MultiSelect
        label={t('support.settings.agents.teams')}
        searchable
        data={teams}
        value={form.teamIds}
        onChange={(teamIds) => setForm((f) => ({ ...f, teamIds }))}
      />
      <NumberInput
        label={t('support.settings.agents.capacity')}
        description={t('support.settings.agents.capacityHint')}
        min={1}
        max={50}
        value={form.capacity}
        onChange={(value) => setForm((f) => ({ ...f, capacity: typeof value === 'number' ? value : 1 }))}
      />
      <FormActions onCancel={onClose}>
        <Button type="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </FormActions>
    </FormModal>
  );
}

/** Support → Settings → Agents: who takes conversations, in which languages and teams, how many at once. */
export default function AgentsTab() {
  const { t } = useTranslation();
  const agents = useSupportAgents();
  const teams = useTeamOptions();
  const teamName = (id: string) => teams.find((team) => team.value === id)?.label ?? '—';
  // Everyone with support.handle is an agent; their teams, languages and capacity are team administration.
  const canEdit = usePermission('teams.write');
  const [editing, setEditing] = useState<AgentView | null>(null);
  return (
    <div data-testid="support-settings-agents">
      <Group justify="space-between" mb="xs">
        <Text fz="sm" c="dimmed">
          {t('support.settings.agents.hint')}
        </Text>
      </Group>
      <QueryCard
        query={agents}
        skeletonRows={3}
        empty={{
          isEmpty: (items) => items.length === 0,
          icon: <IconUsers size={22} />,
          title: t('support.settings.agents.empty'),
          description: t('support.settings.agents.emptyHint'),
        }}
      >
        {(items) => (
          <DataTable
            minWidth={720}
            testId="agents-table"
            fz="sm"
            verticalSpacing={6}
            highlightOnHover
            columns={[
              { label: t('support.settings.agents.staff') },
              { label: t('support.field.status') },
              { label: t('support.settings.agents.languages') },
              { label: t('support.settings.agents.teams') },
              { label: t('support.settings.agents.load'), ta: 'end' },
              { w: 50 },
            ]}
          >
            {items.map((a) => (
              <Table.Tr key={a.staffId} data-testid="agent-row">
                <Table.Td fw={600}>{a.name}</Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={STATUS_COLORS[a.status]}>
                    {t(`support.agentStatus.${a.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{a.languages.map((l) => l.toUpperCase()).join(', ')}</Table.Td>
                <Table.Td>{a.teamIds.map(teamName).join(', ') || '—'}</Table.Td>
                <Table.Td ta="end" ff="monospace">
                  {a.load} / {a.capacity}
                </Table.Td>
                <Table.Td>
                  {canEdit && <RowActions onEdit={() => setEditing(a)} testIdPrefix="agent" />}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryCard>
      {editing && <AgentForm agent={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
