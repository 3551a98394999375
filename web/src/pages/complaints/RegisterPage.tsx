import { Anchor, Button, Checkbox, Group, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { IconDownload, IconFileReport, IconList, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { complaintsApi, useComplaintList, type RegisterQuery } from '../../api/complaints';
import { EmptyBlock } from '../../components/EmptyBlock';
import { PageHeader } from '../../components/PageHeader';
import { SortableTh } from '../../components/SortableTh';
import { TablePager } from '../../components/TablePager';
import { useFormatters } from '../../i18n/format';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from '../../../../src/shared/complaints';
import { useMinorMoney } from '../payments/paymentFormat';
import { ComplaintStatusBadge, lastMinute } from './complaintFormat';
import { MonthlyReport } from './MonthlyReport';
import { PolicyTab } from './PolicyTab';

type Sort = NonNullable<RegisterQuery['sort']>;

/** /complaints: the complaint register (filters, sort, paging, CSV) and the monthly regulator report. */
export default function RegisterPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('register');
  return (
    <Stack gap="sm" data-testid="complaints-page">
      <PageHeader title={t('complaints.page.title')} description={t('complaints.page.description')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab
            value="register"
            leftSection={<IconList size={15} />}
            data-testid="complaints-tab-register"
          >
            {t('complaints.tabs.register')}
          </Tabs.Tab>
          <Tabs.Tab
            value="report"
            leftSection={<IconFileReport size={15} />}
            data-testid="complaints-tab-report"
          >
            {t('complaints.tabs.report')}
          </Tabs.Tab>
          <Tabs.Tab
            value="policy"
            leftSection={<IconSettings size={15} />}
            data-testid="complaints-tab-policy"
          >
            {t('complaints.tabs.policy')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="register" pt="sm">
          <Register />
        </Tabs.Panel>
        <Tabs.Panel value="report" pt="sm">
          <MonthlyReport />
        </Tabs.Panel>
        <Tabs.Panel value="policy" pt="sm">
          <PolicyTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Register() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const money = useMinorMoney();
  const [q, setQ] = useState<RegisterQuery>({ sort: 'receivedAt', order: 'desc', page: 1, pageSize: 25 });
  const list = useComplaintList(q);
  const set = (patch: Partial<RegisterQuery>) => setQ((cur) => ({ ...cur, page: 1, ...patch }));
  const onSort = (field: Sort) =>
    setQ((cur) => ({
      ...cur,
      sort: field,
      order: cur.sort === field && cur.order === 'desc' ? 'asc' : 'desc',
    }));
  const sortProps = { sort: q.sort ?? 'receivedAt', order: q.order ?? 'desc', onSort } as const;
  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={t('complaints.filters.search')}
          value={q.q ?? ''}
          onChange={(e) => set({ q: e.currentTarget.value })}
          data-testid="complaints-search"
          w={240}
        />
        <Select
          label={t('complaints.filters.status')}
          clearable
          data={COMPLAINT_STATUSES.map((s) => ({ value: s, label: t(`complaints.status.${s}`) }))}
          value={q.status ?? null}
          onChange={(v) => set({ status: (v as RegisterQuery['status']) ?? null })}
          w={200}
        />
        <Select
          label={t('complaints.filters.category')}
          clearable
          data={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: t(`complaints.category.${c}`) }))}
          value={q.category ?? null}
          onChange={(v) => set({ category: (v as RegisterQuery['category']) ?? null })}
          w={200}
        />
        <Checkbox
          label={t('complaints.filters.overdue')}
          checked={!!q.overdue}
          onChange={(e) => set({ overdue: e.currentTarget.checked })}
          mb={8}
        />
        <Button
          component="a"
          href={complaintsApi.exportUrl(q)}
          variant="default"
          leftSection={<IconDownload size={16} />}
          ms="auto"
          data-testid="complaints-export"
        >
          {t('complaints.export')}
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={980}>
        <Table data-testid="complaints-table" striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <SortableTh field="reference" {...sortProps}>
                {t('complaints.fields.reference')}
              </SortableTh>
              <SortableTh field="receivedAt" {...sortProps}>
                {t('complaints.fields.received')}
              </SortableTh>
              <SortableTh field="clientName" {...sortProps}>
                {t('complaints.fields.client')}
              </SortableTh>
              <Table.Th>{t('complaints.fields.category')}</Table.Th>
              <SortableTh field="amountAtStake" {...sortProps}>
                {t('complaints.fields.amountAtStake')}
              </SortableTh>
              <Table.Th>{t('complaints.fields.level')}</Table.Th>
              <SortableTh field="finalResponseDueAt" {...sortProps}>
                {t('complaints.fields.finalDue')}
              </SortableTh>
              <SortableTh field="status" {...sortProps}>
                {t('complaints.fields.status')}
              </SortableTh>
              <Table.Th>{t('complaints.fields.outcome')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id} data-testid="complaint-row">
                <Table.Td>
                  <Anchor component={Link} to={`/complaints/${c.id}`} ff="monospace" fz="sm">
                    {c.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td>{fmt.dateTime(c.receivedAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm" dir="auto">
                    {c.clientName}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`complaints.category.${c.category}`)}</Table.Td>
                <Table.Td>{money(c.amountAtStake, c.currency)}</Table.Td>
                <Table.Td>{t(`complaints.level.${c.level}`)}</Table.Td>
                <Table.Td>
                  <Text size="sm" c={c.late ? 'red' : undefined}>
                    {fmt.dateTime(lastMinute(c.finalResponseDueAt))}
                    {c.late ? ` · ${t('complaints.late')}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ComplaintStatusBadge status={c.status} />
                </Table.Td>
                <Table.Td>
                  {c.outcome ? t(`complaints.outcome.${c.outcome}`) : '—'}
                  {c.redressAmount ? ` · ${money(c.redressAmount, c.redressCurrency ?? c.currency)}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.isSuccess && items.length === 0 && (
        <EmptyBlock icon={<IconList size={20} />} title={t('complaints.empty')} />
      )}
      <TablePager
        page={q.page ?? 1}
        pageSize={q.pageSize ?? 25}
        total={list.data?.total ?? 0}
        onPage={(page) => setQ((cur) => ({ ...cur, page }))}
        onPageSize={(pageSize) => set({ pageSize })}
      />
    </Stack>
  );
}
