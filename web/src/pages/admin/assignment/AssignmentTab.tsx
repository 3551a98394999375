import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconRoute, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAssignmentRules,
  useDeleteAssignmentRule,
  useReorderAssignmentRules,
  useSetFallbackTeam,
  useToggleAssignmentRule,
} from '../../../api/assignmentRules';
import type { AssignmentRule } from '../../../api/clientTypes';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { EmptyBlock } from '../../../components/EmptyBlock';
import { ErrorState } from '../../../components/ErrorState';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useFormatters } from '../../../i18n/format';
import { useTeams } from '../../../api/teams';
import { RuleFormModal } from './RuleFormModal';

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
  const teams = useTeams();
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

  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  const items = rules.data?.items ?? [];

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
        <Button
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => setEditing(null)}
          data-testid="rule-new"
        >
          {t('clients.rules.new')}
        </Button>
      </Group>
      <Card withBorder padding="xs">
        {rules.isPending ? (
          <TableSkeleton rows={4} />
        ) : rules.isError ? (
          <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
        ) : (
          <>
            <Table.ScrollContainer minWidth={860}>
              <Table data-testid="rules-table" verticalSpacing={6} fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={90}>{t('clients.rules.columns.order')}</Table.Th>
                    <Table.Th>{t('clients.rules.fields.name')}</Table.Th>
                    <Table.Th>{t('clients.rules.fields.countries')}</Table.Th>
                    <Table.Th>{t('clients.rules.fields.languages')}</Table.Th>
                    <Table.Th>{t('clients.rules.fields.sources')}</Table.Th>
                    <Table.Th>{t('clients.rules.fields.team')}</Table.Th>
                    <Table.Th w={80}>{t('clients.rules.fields.active')}</Table.Th>
                    <Table.Th w={80} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((rule, index) => (
                    <Table.Tr
                      key={rule.id}
                      data-testid="rule-row"
                      data-rule-id={rule.id}
                      opacity={rule.active ? 1 : 0.55}
                    >
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          <Text span size="sm" fw={600} w={22}>
                            {index + 1}
                          </Text>
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="gray"
                            disabled={index === 0 || reorder.isPending}
                            onClick={() => move(index, -1)}
                            aria-label={t('clients.rules.moveUp')}
                            data-testid="rule-up"
                          >
                            <IconArrowUp size={14} />
                          </ActionIcon>
                          <ActionIcon
                            size="sm"
                            variant="subtle"
                            color="gray"
                            disabled={index === items.length - 1 || reorder.isPending}
                            onClick={() => move(index, 1)}
                            aria-label={t('clients.rules.moveDown')}
                            data-testid="rule-down"
                          >
                            <IconArrowDown size={14} />
                          </ActionIcon>
                        </Group>
                      </Table.Td>
                      <Table.Td fw={500} data-testid="rule-name">
                        {rule.name}
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
                        <Group gap={2} wrap="nowrap" justify="flex-end">
                          <Tooltip label={t('common.edit')} withArrow>
                            <ActionIcon
                              size="sm"
                              variant="subtle"
                              onClick={() => setEditing(rule)}
                              aria-label={t('common.edit')}
                              data-testid="rule-edit"
                            >
                              <IconPencil size={14} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={t('common.delete')} withArrow>
                            <ActionIcon
                              size="sm"
                              variant="subtle"
                              color="red"
                              onClick={() => setDeleting(rule)}
                              aria-label={t('common.delete')}
                              data-testid="rule-delete"
                            >
                              <IconTrash size={14} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {items.length === 0 && (
              <EmptyBlock
                icon={<IconRoute size={22} />}
                title={t('clients.rules.emptyTitle')}
                description={t('clients.rules.emptyDescription')}
              />
            )}
          </>
        )}
      </Card>

      <RuleFormModal
        opened={editing !== undefined}
        rule={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
      <ConfirmModal
        opened={deleting !== null}
        title={t('clients.rules.deleteTitle')}
        message={t('clients.rules.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        danger
        loading={remove.isPending}
        error={remove.error ? toMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </Stack>
  );
}
