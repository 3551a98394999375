import {
  ActionIcon,
  Button,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFxRates, useSaveFxRates } from '../../api/payments';
import type { FxRateInput } from '../../api/paymentTypes';
import { PAYMENT_CURRENCIES } from '../../api/paymentValues';
import { DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { QueryCard } from '../../components/QueryCard';
import { useErrorMessage } from '../../components/useErrorMessage';
import { usePaymentsError } from './usePaymentsError';
import { useFormatters } from '../../i18n/format';
import { usePermission } from '../../session/useSession';

const RATE = /^\d{1,9}(\.\d{1,10})?$/;
const CURRENCIES = [...PAYMENT_CURRENCIES];

/**
 * /payments/rates: the rates finance maintains for deposits in another currency than the account's.
 * One row per pair; saving sends every row (the server replaces those pairs and records who changed them).
 */
export default function FxRatesPage() {
  const { t } = useTranslation();
  const toMessage = usePaymentsError(useErrorMessage());
  const { dateTime } = useFormatters();
  const canEdit = usePermission('payments.execute');
  const rates = useFxRates();
  const [rows, setRows] = useState<FxRateInput[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (rates.data) setRows(rates.data.map(({ from, to, rate }) => ({ from, to, rate })));
  }, [rates.data]);
  const save = useSaveFxRates({
    onSuccess: () => notifications.show({ color: 'teal', message: t('payments.rates.saved') }),
    onError: (e) => setError(toMessage(e)),
  });
  const stamp = new Map((rates.data ?? []).map((r) => [`${r.from}/${r.to}`, r]));
  const pairs = rows.map((r) => `${r.from}/${r.to}`);
  const rowError = (r: FxRateInput, i: number) =>
    r.from === r.to
      ? t('payments.rates.samePair')
      : pairs.indexOf(`${r.from}/${r.to}`) !== i
        ? t('payments.rates.duplicate')
        : !RATE.test(r.rate.trim()) || Number(r.rate) <= 0
          ? t('payments.rates.badRate')
          : null;
  const set = (i: number, patch: Partial<FxRateInput>) =>
    setRows((current) => current.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const onSave = () => {
    setError(null);
    if (rows.some((r, i) => rowError(r, i))) return setError(t('payments.rates.fixRows'));
    save.mutate(rows.map((r) => ({ ...r, rate: r.rate.trim() })));
  };
  const pick = (i: number, key: 'from' | 'to', label: string) => (
    <Select
      size="xs"
      w={100}
      aria-label={label}
      data={CURRENCIES}
      value={rows[i]![key]}
      onChange={(v) => v && set(i, { [key]: v })}
      allowDeselect={false}
      searchable
      disabled={!canEdit}
    />
  );

  return (
    <Stack gap="sm" data-testid="page-fx-rates">
      <Text size="sm" c="dimmed">
        {t('payments.rates.hint')}
      </Text>
      <QueryCard query={rates} skeletonRows={4}>
        {() => (
          <Stack gap="xs">
            <FormError message={error} />
            <DataTable
              minWidth={640}
              testId="fx-table"
              fz="sm"
              verticalSpacing={4}
              columns={[
                { label: t('payments.rates.from') },
                { label: t('payments.rates.to') },
                { label: t('payments.rates.rate') },
                { label: t('payments.rates.updated') },
                { label: <VisuallyHidden>{t('payments.columns.actions')}</VisuallyHidden>, w: 40 },
              ]}
            >
              {rows.map((r, i) => {
                const problem = rowError(r, i);
                const saved = stamp.get(`${r.from}/${r.to}`);
                return (
                  <Table.Tr key={i} data-testid="fx-row">
                    <Table.Td>{pick(i, 'from', t('payments.rates.from'))}</Table.Td>
                    <Table.Td>{pick(i, 'to', t('payments.rates.to'))}</Table.Td>
                    <Table.Td>
                      <TextInput
                        size="xs"
                        w={160}
                        dir="ltr"
                        aria-label={t('payments.rates.rateFor', { pair: `${r.from}/${r.to}` })}
                        value={r.rate}
                        error={problem}
                        onChange={(e) => set(i, { rate: e.currentTarget.value })}
                        disabled={!canEdit}
                        data-testid="fx-rate"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text span fz="xs" c="dimmed">
                        {saved?.updatedAt ? dateTime(saved.updatedAt) : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {/* Saving replaces the pairs it sends and keeps the others: only a new row can go. */}
                      {canEdit && !saved && (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('payments.rates.remove', { pair: `${r.from}/${r.to}` })}
                          onClick={() => setRows((current) => current.filter((_, j) => j !== i))}
                        >
                          <IconTrash size={14} />
                        </ActionIcon>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </DataTable>
            {rows.length === 0 && (
              <Group gap={6} c="dimmed">
                <IconArrowsExchange size={16} />
                <Text size="sm">{t('payments.rates.empty')}</Text>
              </Group>
            )}
            {canEdit && (
              <Group justify="space-between" pt="xs">
                <Button
                  size="xs"
                  variant="subtle"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setRows((current) => [...current, { from: 'EUR', to: 'USD', rate: '' }])}
                  data-testid="fx-add"
                >
                  {t('payments.rates.add')}
                </Button>
                <Button
                  size="xs"
                  loading={save.isPending}
                  disabled={rows.length === 0}
                  onClick={onSave}
                  data-testid="fx-save"
                >
                  {t('common.saveChanges')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </QueryCard>
    </Stack>
  );
}
