import { ActionIcon, Alert, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetSalesStatuses } from '../../../api/clients';
import { ErrorState } from '../../../components/ErrorState';
import { FormError } from '../../../components/FormError';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useSalesStatuses } from '../../clients/useSalesStatuses';
import { ToolButton } from '../../../components/ToolButton';
import { OrderControls } from '../../../components/OrderControls';

interface Row {
  /** Local identity for React; keys can change while typing. */
  uid: number;
  key: string;
  label: string;
  /** Saved before: its key is fixed, since clients may already carry it. */
  saved: boolean;
  /** The key was typed by hand, so it no longer follows the label. */
  keyTouched: boolean;
}

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
let nextUid = 1;

/** "Call back later" → "call_back_later" (Latin letters only; otherwise type the key). */
function keyFromLabel(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[0-9_]+/, '');
  return slug.slice(0, 40);
}

const LABEL_MAX = 60;
const KEY_MAX = 40;

function validate(rows: Row[], t: (key: string, options?: Record<string, unknown>) => string) {
  const errors = new Map<number, { key?: string; label?: string }>();
  const seen = new Set<string>();
  for (const row of rows) {
    const error: { key?: string; label?: string } = {};
    if (!row.label.trim()) error.label = t('common.required');
    else if (row.label.trim().length > LABEL_MAX) error.label = t('form.tooLong', { max: LABEL_MAX });
    if (row.key.length > KEY_MAX) error.key = t('form.tooLong', { max: KEY_MAX });
    else if (!KEY_PATTERN.test(row.key)) error.key = t('clients.salesStatusList.keyFormat');
    else if (seen.has(row.key)) error.key = t('clients.salesStatusList.keyDuplicate');
    seen.add(row.key);
    if (error.key || error.label) errors.set(row.uid, error);
  }
  return errors;
}

/** /admin/sales-statuses: the list managers pick a client's sales status from. */
export default function SalesStatusesTab() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const { query } = useSalesStatuses();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [showErrors, setShowErrors] = useState(false);

  // Load the server list once (and again after a save or a change elsewhere while not editing).
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (query.data && !dirty)
      setRows(query.data.map((status) => ({ uid: nextUid++, ...status, saved: true, keyTouched: true })));
  }, [query.data, dirty]);

  const save = useSetSalesStatuses({
    onSuccess: () => {
      setDirty(false);
      setShowErrors(false);
      notifications.show({ color: 'teal', message: t('clients.salesStatusList.saved') });
    },
  });

  const edit = (next: Row[]) => {
    setRows(next);
    setDirty(true);
    save.reset();
  };
  const update = (uid: number, patch: Partial<Row>) =>
    rows && edit(rows.map((row) => (row.uid === uid ? { ...row, ...patch } : row)));
  const move = (index: number, by: -1 | 1) => {
    if (!rows) return;
    const next = [...rows];
    const target = index + by;
    if (target < 0 || target >= next.length) return;
    [next[index], next[target]] = [next[target]!, next[index]!];
    edit(next);
  };

  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!rows) return <TableSkeleton rows={6} />;

  const errors = validate(rows, t);
  const submit = () => {
    setShowErrors(true);
    if (errors.size === 0 && rows.length > 0)
      save.mutate(rows.map(({ key, label }) => ({ key, label: label.trim() })));
  };

  return (
    <Stack gap="sm" maw={760}>
      <Text size="sm" c="dimmed">
        {t('clients.salesStatusList.description')}
      </Text>
      <Alert variant="light" color="blue" p="xs" icon={<IconInfoCircle size={16} />}>
        <Text size="sm">{t('clients.salesStatusList.keyHint')}</Text>
      </Alert>
      <Card withBorder padding="xs">
        <Table verticalSpacing={4} data-testid="sales-statuses-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={90}>{t('clients.rules.columns.order')}</Table.Th>
              <Table.Th>{t('clients.salesStatusList.label')}</Table.Th>
              <Table.Th w={230}>{t('clients.salesStatusList.key')}</Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => {
              const error = showErrors ? errors.get(row.uid) : undefined;
              // The row's two text cells: each names its column and shows its own error.
              const cell = (field: 'label' | 'key') => ({
                size: 'xs',
                'aria-label': t(`clients.salesStatusList.${field}`),
                value: row[field],
                error: error?.[field],
                'data-testid': `sales-status-${field}`,
              });
              return (
                <Table.Tr key={row.uid} data-testid="sales-status-row">
                  <Table.Td>
                    <OrderControls index={index} count={rows.length} onMove={move} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      {...cell('label')}
                      onChange={(event) => {
                        const label = event.currentTarget.value;
                        update(row.uid, row.keyTouched ? { label } : { label, key: keyFromLabel(label) });
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      {...cell('key')}
                      readOnly={row.saved}
                      variant={row.saved ? 'filled' : 'default'}
                      dir="ltr"
                      ff="monospace"
                      onChange={(event) =>
                        update(row.uid, { key: event.currentTarget.value.toLowerCase(), keyTouched: true })
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      size="sm"
                      variant="subtle"
                      color="red"
                      disabled={rows.length <= 1}
                      onClick={() => edit(rows.filter((other) => other.uid !== row.uid))}
                      aria-label={t('common.delete')}
                      data-testid="sales-status-remove"
                    >
                      <IconTrash size={14} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group justify="space-between" mt="xs">
          <ToolButton
            icon={IconPlus}
            variant="light"
            disabled={rows.length >= 50}
            onClick={() =>
              edit([...rows, { uid: nextUid++, key: '', label: '', saved: false, keyTouched: false }])
            }
            data-testid="sales-status-add"
          >
            {t('clients.salesStatusList.add')}
          </ToolButton>
          <Group gap="xs">
            {dirty && (
              <Button size="xs" variant="default" onClick={() => setDirty(false)}>
                {t('clients.salesStatusList.discard')}
              </Button>
            )}
            <Button
              size="xs"
              onClick={submit}
              loading={save.isPending}
              disabled={!dirty}
              data-testid="sales-status-save"
            >
              {t('common.saveChanges')}
            </Button>
          </Group>
        </Group>
        <FormError message={save.error ? toMessage(save.error) : null} />
      </Card>
    </Stack>
  );
}
