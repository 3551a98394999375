import {
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useEffect, useState, type ComponentProps, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useInspectImport, useRunImport } from '../../../api/clients';
import type {
  ImportDuplicates,
  ImportInspection,
  ImportReport,
} from '../../../../../src/shared/contracts/clients';
import { FormError } from '../../../components/FormError';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useLengthLimit } from '../../../components/validation';
import { cleanMapping, isProblem, MAX_BYTES, TARGETS, type Mapping } from './importModel';
import { ProblemRows, ReportCounts, SampleTable } from './ImportReport';
import { Notice } from '../../../components/Notice';
import { FormActions } from '../../../components/FormActions';

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

  /** Back one step, and the check (a dry run, from the mapping) or the import itself (from the check). */
  const checkOrRun = (dryRun: boolean) => {
    const planned = (check?.created ?? 0) + (check?.updated ?? 0);
    return (
      <Group justify="space-between" gap="xs">
        <Button variant="default" size="xs" onClick={() => setStep(dryRun ? 0 : 1)}>
          {t('clients.import.back')}
        </Button>
        <Button
          size="xs"
          disabled={dryRun ? !mapped : planned === 0}
          loading={run.isPending}
          onClick={() => runImport(dryRun)}
          data-testid={dryRun ? 'import-check' : 'import-run'}
        >
          {dryRun ? t('clients.import.check') : t('clients.import.run', { count: planned })}
        </Button>
      </Group>
    );
  };

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
            <FormActions onCancel={onClose} size="xs">
              <Button
                size="xs"
                disabled={!file}
                loading={inspect.isPending}
                onClick={() => file && inspect.mutate(file.csv)}
                data-testid="import-next"
              >
                {t('common.continue')}
              </Button>
            </FormActions>
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
                  <SampleTable inspection={inspection} />
                </>
              )}
              <FormError message={run.error ? toMessage(run.error) : null} />
              {checkOrRun(true)}
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
                <Notice color="teal" icon={IconCheck} compact>
                  {t('clients.import.noProblems')}
                </Notice>
              ) : (
                <ProblemRows rows={problems} truncated={check.rowsTruncated === true} />
              )}
              <FormError message={run.error ? toMessage(run.error) : null} />
              {checkOrRun(false)}
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Completed>
          {result && (
            <Stack gap="sm" mt="sm" data-testid="import-result">
              <Notice color="teal" icon={IconCheck} compact title={t('clients.import.doneTitle')}>
                {t('clients.import.doneToast', { created: result.created, updated: result.updated })}
              </Notice>
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
