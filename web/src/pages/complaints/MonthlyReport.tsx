import { Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useComplaintReport } from '../../api/complaints';
import { useMinorMoney } from '../payments/paymentFormat';

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The monthly regulator report: the register's figures for one month in the policy's time zone. */
export function MonthlyReport() {
  const { t } = useTranslation();
  const money = useMinorMoney();
  const [month, setMonth] = useState(thisMonth());
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const report = useComplaintReport(valid ? month : thisMonth());
  const r = report.data;
  const figure = (label: string, value: number | string | null, testId: string) => (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={700} data-testid={testId}>
        {value ?? '—'}
      </Text>
    </Card>
  );
  return (
    <Stack gap="sm" data-testid="complaints-report">
      <Group align="flex-end">
        <TextInput
          type="month"
          label={t('complaints.report.month')}
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
          w={200}
          data-testid="report-month"
        />
        {r && (
          <Text size="sm" c="dimmed" mb={8}>
            {t('complaints.report.policy', {
              firm: r.firmCode,
              jurisdiction: r.jurisdiction.toUpperCase(),
              zone: r.timeZone,
            })}
          </Text>
        )}
      </Group>
      {r && (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {figure(t('complaints.report.received'), r.received, 'report-received')}
            {figure(t('complaints.report.openAtStart'), r.openAtStart, 'report-open-start')}
            {figure(t('complaints.report.openAtEnd'), r.openAtEnd, 'report-open-end')}
            {figure(t('complaints.report.closed'), r.closed, 'report-closed')}
            {figure(t('complaints.report.withinDeadline'), r.closedWithinDeadline, 'report-in-time')}
            {figure(t('complaints.report.closedLate'), r.closedLate, 'report-late')}
            {figure(t('complaints.report.ackLate'), r.acknowledgedLate, 'report-ack-late')}
            {figure(t('complaints.report.averageDays'), r.averageDaysToClose, 'report-days')}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Breakdown
              title={t('complaints.report.byCategory')}
              rows={r.byCategory.map((b) => [t(`complaints.category.${b.key}`), String(b.count)])}
            />
            <Breakdown
              title={t('complaints.report.byOutcome')}
              rows={r.byOutcome.map((b) => [
                t(`complaints.outcome.${b.key}`, { defaultValue: b.key }),
                String(b.count),
              ])}
            />
            <Breakdown
              title={t('complaints.report.redress')}
              rows={r.redress.map((b) => [b.currency, `${money(b.amount, b.currency)} (${b.count})`])}
            />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}

function Breakdown({ title, rows }: { title: string; rows: [string, string][] }) {
  return (
    <Card withBorder padding="sm">
      <Title order={4} fz="sm" mb={4}>
        {title}
      </Title>
      <Table>
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Td>{k}</Table.Td>
              <Table.Td ta="end">{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
