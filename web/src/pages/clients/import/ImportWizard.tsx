import {
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  Paper,
  Radio,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useEffect, useState, type ComponentProps, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useInspectImport, useRunImport } from '../../../api/clients';
import type {
  ImportDuplicates,
  ImportInspection,
  ImportMapping,
  ImportReport,
  ImportRowReport,
} from '../../../api/clientTypes';
import { FormError } from '../../../components/FormError';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useLengthLimit } from '../../../components/validation';

const TARGETS = ['name', 'email', 'phone', 'country', 'language', 'source', 'tags'] as const;
type Target = (typeof TARGETS)[number];
type Mapping = Partial<Record<Target, string>>;

/** Files larger than this are refused before upload (the JSON body would be too large anyway). */
const MAX_BYTES = 15 * 1024 * 1024;
const PROBLEM_ROWS_SHOWN = 200;

/** Sample rows arrive either as arrays of cells or as objects keyed by header. */
function sampleCells(row: unknown, headers: string[]): string[] {
  if (Array.isArray(row)) return row.map((cell) => (cell === null || cell === undefined ? '' : String(cell)));
  if (row && typeof row === 'object') {
    const record = row as Record<string, unknown>;
    return headers.map((header) =>
      record[header] === null || record[header] === undefined ? '' : String(record[header]),
    );
  }
  return [];
}

function cleanMapping(mapping: Mapping): ImportMapping | null {
  if (!mapping.name) return null;
  const out: ImportMapping = { name: mapping.name };
  for (const target of TARGETS) if (target !== 'name' && mapping[target]) out[target] = mapping[target];
  return out;
}

const FINE = ['valid', 'created', 'updated'];
const isProblem = (row: ImportRowReport) => row.errors.length > 0 || !FINE.includes(row.status);

/**
 * CSV import in four steps: choose a file → map its columns → check (a dry
 * run reports every problem row) → import and see what happened.
 */
export function ImportWizard({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const limit = useLengthLimit();
  const toMessage = useErrorMessage();
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [inspection, setInspection] = useState<ImportInspection | null>(null);
  const [mapping, setMapping] = useState<Mapping>({});
  const [duplicates, setDuplicates] = useState<ImportDuplicates>('skip');
  const [defaultSource, setDefaultSource] = useState('import');
  const [check, setCheck] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);

  useEffect(() => {
    if (!opened) return;
    setStep(0);
    setFile(null);
    setFileError(null);
    setInspection(null);
    setMapping({});
    setDuplicates('skip');
    setDefaultSource('import');
    setCheck(null);
    setResult(null);
  }, [opened]);

  const inspect = useInspectImport({
    onSuccess: (data) => {
      setInspection(data);
      const suggested: Mapping = {};
      for (const target of TARGETS) {
        const header = data.suggestedMapping?.[target];
        if (header && data.headers.includes(header)) suggested[target] = header;
      }
      setMapping(suggested);
      setStep(1);
    },
  });

  const run = useRunImport({
    onSuccess: (report, { dryRun }) => {
      if (dryRun) {
        setCheck(report);
        setStep(2);
        return;
      }
      setResult(report);
      setStep(3);
      notifications.show({
        color: 'teal',
        message: t('clients.import.doneToast', { created: report.created, updated: report.updated }),
      });
    },
  });

  const runImport = (dryRun: boolean) =>
    run.mutate({
      csv: file!.csv,
      mapping: cleanMapping(mapping)!,
      duplicates,
      dryRun,
      ...(defaultSource.trim() ? { defaultSource: defaultSource.trim() } : {}),
    });

  const readFile = async (picked: File | null) => {
    setFileError(null);
    inspect.reset();
    if (!picked) return;
    if (picked.size > MAX_BYTES) {
      setFile(null);
      setFileError(t('clients.import.tooLarge', { size: Math.round(MAX_BYTES / 1024 / 1024) }));
      return;
    }
    const csv = await picked.text();
    if (!csv.trim()) {
      setFile(null);
      setFileError(t('clients.import.emptyFile'));
      return;
    }
    setFile({ name: picked.name, csv });
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    void readFile(event.dataTransfer.files[0] ?? null);
  };

  const headerOptions = inspection?.headers.map((header) => ({ value: header, label: header })) ?? [];
  const mapped = cleanMapping(mapping);
  const problems = (check?.rows ?? []).filter(isProblem);
  const busy = inspect.isPending || run.isPending;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('clients.import.title')}
      size="xl"
      closeOnClickOutside={!busy}
      data-testid="import-wizard"
    >
      <Stepper
        active={step}
        size="xs"
        allowNextStepsSelect={false}
        onStepClick={(index) => !busy && index < step && step < 3 && setStep(index)}
      >
        <Stepper.Step label={t('clients.import.steps.file')}>
          <Stack gap="sm" mt="sm">
            <Paper
              withBorder
              p="lg"
              radius="md"
              style={{ borderStyle: 'dashed', textAlign: 'center' }}
              onDragOver={(event) => event.preventDefault()}
              onDrop={onDrop}
            >
              <Stack align="center" gap={6}>
                <IconFileSpreadsheet size={32} stroke={1.4} color="var(--mantine-color-dimmed)" />
                <Text size="sm">{t('clients.import.dropHint')}</Text>
                <FileButton
                  onChange={(picked) => void readFile(picked)}
                  accept=".csv,text/csv,text/plain"
                  inputProps={{ 'data-testid': 'import-file' } as ComponentProps<'input'>}
                >
                  {(props) => (
                    <Button {...props} size="xs" variant="light" leftSection={<IconUpload size={14} />}>
                      {t('clients.import.choose')}
                    </Button>
                  )}
                </FileButton>
                {file && (
                  <Badge variant="light" size="lg" tt="none" data-testid="import-file-name">
                    {file.name}
                  </Badge>
                )}
              </Stack>
            </Paper>
            <Text size="xs" c="dimmed">
              {t('clients.import.fileHint')}
            </Text>
            <FormError message={fileError ?? (inspect.error ? toMessage(inspect.error) : null)} />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" size="xs" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button
                size="xs"
                disabled={!file}
                loading={inspect.isPending}
                onClick={() => file && inspect.mutate(file.csv)}
                data-testid="import-next"
              >
                {t('common.continue')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>

        <Stepper.Step label={t('clients.import.steps.mapping')}>
          {inspection && (
            <Stack gap="sm" mt="sm">
              <Text size="sm">
                {t('clients.import.rowsFound', { count: inspection.rowCount, file: file?.name ?? '' })}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
                {TARGETS.map((target) => (
                  <Select
                    key={target}
                    size="xs"
                    label={t(`clients.fields.${target}`)}
                    placeholder={t('clients.import.notMapped')}
                    data={headerOptions}
                    value={mapping[target] ?? null}
                    onChange={(value) =>
                      setMapping((current) => ({ ...current, [target]: value ?? undefined }))
                    }
                    clearable={target !== 'name'}
                    required={target === 'name'}
                    error={target === 'name' && !mapping.name ? t('clients.import.nameRequired') : undefined}
                    comboboxProps={{ withinPortal: true }}
                    data-testid={`import-map-${target}`}
                  />
                ))}
                <TextInput
                  size="xs"
                  label={t('clients.import.defaultSource')}
                  description={t('clients.import.defaultSourceHint')}
                  value={defaultSource}
                  onChange={(event) => setDefaultSource(event.currentTarget.value)}
                  error={limit(defaultSource, 80).error}
                  data-testid="import-default-source"
                />
              </SimpleGrid>
              <Radio.Group
                size="xs"
                label={t('clients.import.duplicates')}
                value={duplicates}
                onChange={(value) => setDuplicates(value as ImportDuplicates)}
                data-testid="import-duplicates"
              >
                <Stack gap={6} mt={6}>
                  <Radio value="skip" label={t('clients.import.policy.skip')} />
                  <Radio value="update" label={t('clients.import.policy.update')} />
                  <Radio
                    value="create_phone_duplicates"
                    label={t('clients.import.policy.create_phone_duplicates')}
                  />
                </Stack>
              </Radio.Group>
              {inspection.sample.length > 0 && (
                <>
                  <Text size="xs" fw={600} c="dimmed">
                    {t('clients.import.sample')}
                  </Text>
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
                </>
              )}
              <FormError message={run.error ? toMessage(run.error) : null} />
              <Group justify="space-between" gap="xs">
                <Button variant="default" size="xs" onClick={() => setStep(0)}>
                  {t('clients.import.back')}
                </Button>
                <Button
                  size="xs"
                  disabled={!mapped}
                  loading={run.isPending}
                  onClick={() => runImport(true)}
                  data-testid="import-check"
                >
                  {t('clients.import.check')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Step label={t('clients.import.steps.check')}>
          {check && (
            <Stack gap="sm" mt="sm" data-testid="import-report">
              <ReportCounts
                report={check}
                keys={['total', 'created', 'updated', 'skipped', 'duplicates', 'invalid']}
                planned
              />
              {problems.length === 0 ? (
                <Alert color="teal" variant="light" p="xs" icon={<IconCheck size={16} />}>
                  {t('clients.import.noProblems')}
                </Alert>
              ) : (
                <ProblemRows rows={problems} truncated={check.rowsTruncated === true} />
              )}
              <FormError message={run.error ? toMessage(run.error) : null} />
              <Group justify="space-between" gap="xs">
                <Button variant="default" size="xs" onClick={() => setStep(1)}>
                  {t('clients.import.back')}
                </Button>
                <Button
                  size="xs"
                  disabled={check.created + check.updated === 0}
                  loading={run.isPending}
                  onClick={() => runImport(false)}
                  data-testid="import-run"
                >
                  {t('clients.import.run', { count: check.created + check.updated })}
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Completed>
          {result && (
            <Stack gap="sm" mt="sm" data-testid="import-result">
              <Alert
                color="teal"
                variant="light"
                p="xs"
                icon={<IconCheck size={16} />}
                title={t('clients.import.doneTitle')}
              >
                {t('clients.import.doneToast', { created: result.created, updated: result.updated })}
              </Alert>
              <ReportCounts
                report={result}
                keys={['total', 'created', 'updated', 'skipped', 'duplicates', 'invalid']}
              />
              {result.rows.filter(isProblem).length > 0 && (
                <ProblemRows rows={result.rows.filter(isProblem)} truncated={result.rowsTruncated === true} />
              )}
              <Group justify="flex-end">
                <Button size="xs" onClick={onClose} data-testid="import-close">
                  {t('common.close')}
                </Button>
              </Group>
            </Stack>
          )}
        </Stepper.Completed>
      </Stepper>
    </Modal>
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
function ReportCounts({
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

function ProblemRows({ rows, truncated }: { rows: ImportRowReport[]; truncated: boolean }) {
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
