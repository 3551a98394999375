import { Badge, Paper, ScrollArea, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type {
  ImportInspection,
  ImportReport,
  ImportRowReport,
} from '../../../../../src/shared/contracts/clients';
import { PROBLEM_ROWS_SHOWN, sampleCells } from './importModel';

/** The first rows of the file as the server read them, under their headers. */
export function SampleTable({ inspection }: { inspection: ImportInspection }) {
  return (
    <ScrollArea type="auto" offsetScrollbars>
      <Table withTableBorder withColumnBorders fz="xs" verticalSpacing={2} dir="ltr">
        <Table.Thead>
          <Table.Tr>
            {inspection.headers.map((header) => (
              <Table.Th key={header} style={{ whiteSpace: 'nowrap' }}>
                {header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {inspection.sample.slice(0, 5).map((row, index) => (
            <Table.Tr key={index}>
              {sampleCells(row, inspection.headers).map((cell, cellIndex) => (
                <Table.Td key={cellIndex} style={{ whiteSpace: 'nowrap' }}>
                  {cell}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

type CountKey = 'total' | 'invalid' | 'duplicates' | 'created' | 'updated' | 'skipped';
const COUNT_COLORS: Partial<Record<CountKey, string>> = {
  invalid: 'red',
  duplicates: 'orange',
  created: 'teal',
  updated: 'blue',
};

/** `planned`: a dry run, so counts read "to create", "to update"… */
export function ReportCounts({
  report,
  keys,
  planned,
}: {
  report: ImportReport;
  keys: CountKey[];
  planned?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 3, sm: keys.length }} spacing="xs">
      {keys.map((key) => (
        <Paper key={key} withBorder p="xs" radius="sm" data-testid={`import-count-${key}`}>
          <Text size="xs" c="dimmed">
            {t(`clients.import.${planned ? 'plannedCounts' : 'counts'}.${key}`)}
          </Text>
          <Text fw={700} fz="lg" c={report[key] > 0 ? COUNT_COLORS[key] : undefined}>
            {report[key]}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function ProblemRows({ rows, truncated }: { rows: ImportRowReport[]; truncated: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600} c="dimmed">
        {t('clients.import.problems')}
      </Text>
      <ScrollArea.Autosize mah={260} type="auto">
        <Table fz="xs" verticalSpacing={2} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{t('clients.import.row')}</Table.Th>
              <Table.Th w={120}>{t('clients.import.status')}</Table.Th>
              <Table.Th>{t('clients.import.errors')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.slice(0, PROBLEM_ROWS_SHOWN).map((row) => (
              <Table.Tr key={row.row} data-testid="import-problem-row">
                <Table.Td>{row.row}</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={row.errors.length ? 'red' : 'orange'} tt="none">
                    {t(`clients.import.rowStatus.${row.status}`, { defaultValue: row.status })}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {row.errors.map((error, index) => (
                    <Text key={index} fz="xs">
                      <Text span fw={600} fz="xs">
                        {t(`clients.fields.${error.field}`, { defaultValue: error.field })}:
                      </Text>{' '}
                      {error.message}
                    </Text>
                  ))}
                  {row.clientId && (
                    <Text fz="xs" component={Link} to={`/clients/${row.clientId}`} c="blue">
                      {t('clients.import.existing')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {(rows.length > PROBLEM_ROWS_SHOWN || truncated) && (
        <Text size="xs" c="dimmed">
          {t('clients.import.moreProblems')}
        </Text>
      )}
    </Stack>
  );
}
