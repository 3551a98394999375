import { Badge, Group, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRoute } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAssignmentRules,
  useDeleteAssignmentRule,
  useReorderAssignmentRules,
  useSetFallbackTeam,
  useToggleAssignmentRule,
} from '../../../api/assignmentRules';
import type { AssignmentRule } from '../../../../../src/shared/contracts/clients';
import { AddButton } from '../../../components/AddButton';
import { ConfirmDeleteModal } from '../../../components/ConfirmDeleteModal';
import { DataTable } from '../../../components/DataTable';
import { EmptyBlock } from '../../../components/EmptyBlock';
import { QueryCard } from '../../../components/QueryCard';
import { RowActions } from '../../../components/RowActions';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useFormatters } from '../../../i18n/format';
import { useTeamOptions } from '../../../api/teams';
import { RuleFormModal } from './RuleFormModal';
import { OrderControls } from '../../../components/OrderControls';

/** `editing`: undefined = closed, null = new rule, rule = editing it. */
type Editing = AssignmentRule | null | undefined;

function Codes({ codes, title }: { codes: string[]; title?: (code: string) => string }) {
  const { t } = useTranslation();
  if (!codes.length)
    return (
      <Text span size="xs" c="dimmed">
        {t('clients.rules.any')}
      </Text>
    );
  return (
    <Group gap={3}>
      {codes.slice(0, 8).map((code) => (
        <Badge key={code} size="xs" variant="default" radius="sm" tt="none" title={title?.(code)}>
          {code}
        </Badge>
      ))}
      {codes.length > 8 && (
        <Text span size="xs" c="dimmed">
          +{codes.length - 8}
        </Text>
      )}
    </Group>
  );
}

/**
 * /admin/assignment: ordered rules that send a new client to a team (first
 * match wins; a manager in it is picked by weighted round-robin), and the
 * fallback team for clients no rule places.
 */
export default function AssignmentTab() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const { countryName, languageName } = useFormatters();
  const teamOptions = useTeamOptions();
  const rules = useAssignmentRules();
  const [editing, setEditing] = useState<Editing>(undefined);
  const [deleting, setDeleting] = useState<AssignmentRule | null>(null);

  const failed = (error: unknown) =>
    notifications.show({ color: 'red', title: t('common.error'), message: toMessage(error) });

  const reorder = useReorderAssignmentRules(failed);
  const toggle = useToggleAssignmentRule({ onError: failed });
  const remove = useDeleteAssignmentRule({
    onSuccess: () => {
      setDeleting(null);
      notifications.show({ color: 'teal', message: t('clients.rules.deleted') });
    },
  });
  const fallback = useSetFallbackTeam({
    onSuccess: () => notifications.show({ color: 'teal', message: t('common.saved') }),
    onError: failed,
  });

  const move = (index: number, by: -1 | 1) => {
    const ids = (rules.data?.items ?? []).map((rule) => rule.id);
    const target = index + by;
    if (target < 0 || target >= ids.length) return;
    [ids[index], ids[target]] = [ids[target]!, ids[index]!];
    reorder.mutate(ids);
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" maw={760}>
        {t('clients.rules.description')}
      </Text>
      <Group justify="space-between" align="flex-end">
        <Select
          size="xs"
          w={320}
          label={t('clients.rules.fallback')}
          description={t('clients.rules.fallbackHint')}
          placeholder={t('clients.rules.noFallback')}
          data={teamOptions}
          value={rules.data?.fallbackTeamId ?? null}
          onChange={(value) => fallback.mutate(value)}
          clearable
          disabled={!rules.data || fallback.isPending}
          data-testid="rules-fallback"
        />
        <AddButton label={t('clients.rules.new')} onClick={() => setEditing(null)} testId="rule-new" />
      </Group>
      <QueryCard query={rules} skeletonRows={4}>
        {({ items }) => (
          <>
            <DataTable
              minWidth={860}
              testId="rules-table"
              verticalSpacing={6}
              fz="sm"
              columns={[
                { label: t('clients.rules.columns.order'), w: 90 },
                { label: t('clients.rules.fields.name') },
                { label: t('clients.rules.fields.countries') },
                { label: t('clients.rules.fields.languages') },
                { label: t('clients.rules.fields.sources') },
                { label: t('clients.rules.fields.team') },
                { label: t('clients.rules.fields.active'), w: 80 },
                { w: 80 },
              ]}
            >
              {items.map((rule, index) => (
                <Table.Tr
                  key={rule.id}
                  data-testid="rule-row"
                  data-rule-id={rule.id}
                  opacity={rule.active ? 1 : 0.55}
                >
                  <Table.Td>
                    <OrderControls
                      index={index}
                      count={items.length}
                      onMove={move}
                      disabled={reorder.isPending}
                      testIdPrefix="rule"
                    />
                  </Table.Td>
                  <Table.Td fw={500} data-testid="rule-name">
                    {rule.name}
                    {rule.kind === 'on_ftd' && (
                      <Badge ms={6} size="xs" variant="light" color="teal" data-testid="rule-kind-ftd">
                        {t('clients.rules.kind.on_ftd')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Codes codes={rule.countries} title={countryName} />
                  </Table.Td>
                  <Table.Td>
                    <Codes codes={rule.languages} title={languageName} />
                  </Table.Td>
                  <Table.Td>
                    <Codes codes={rule.sources} />
                  </Table.Td>
                  <Table.Td>{rule.teamName ?? '—'}</Table.Td>
                  <Table.Td>
                    <Switch
                      size="xs"
                      checked={rule.active}
                      disabled={toggle.isPending && toggle.variables?.id === rule.id}
                      onChange={() => toggle.mutate(rule)}
                      aria-label={t('clients.rules.fields.active')}
                      data-testid="rule-active"
                    />
                  </Table.Td>
                  <Table.Td>
                    <RowActions
                      onEdit={() => setEditing(rule)}
                      onDelete={() => setDeleting(rule)}
                      testIdPrefix="rule"
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
            {items.length === 0 && (
              <EmptyBlock
                icon={<IconRoute size={22} />}
                title={t('clients.rules.emptyTitle')}
                description={t('clients.rules.emptyDescription')}
              />
            )}
          </>
        )}
      </QueryCard>

      <RuleFormModal
        opened={editing !== undefined}
        rule={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
      <ConfirmDeleteModal
        item={deleting}
        title={t('clients.rules.deleteTitle')}
        message={t('clients.rules.deleteConfirm', { name: deleting?.name ?? '' })}
        mutation={remove}
        onConfirm={(rule) => remove.mutate(rule.id)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
