import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { DateTimePicker, DatesProvider } from '@mantine/dates';
import { IconCalendarTime, IconChecklist, IconPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import 'dayjs/locale/ar';
import 'dayjs/locale/id';
import 'dayjs/locale/ru';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddTask, useClientTasks, useCompleteTask } from '../../../api/clients';
import type { ClientTask } from '../../../../../src/shared/contracts/clients';
import { ErrorState } from '../../../components/ErrorState';
import { FormError } from '../../../components/FormError';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useLengthLimit } from '../../../components/validation';
import { useFormatters } from '../../../i18n/format';
import { usePermission } from '../../../session/useSession';
import { ToolButton } from '../../../components/ToolButton';
import { HintText } from '../../../components/HintText';

/** DateTimePicker works with local "YYYY-MM-DD HH:mm:ss" strings. */
const PICKER_FORMAT = 'YYYY-MM-DD HH:mm:ss';
type Preset = 'hour' | 'tomorrow' | 'custom';

function presetValue(preset: Exclude<Preset, 'custom'>): string {
  const at =
    preset === 'hour' ? dayjs().add(1, 'hour').second(0) : dayjs().add(1, 'day').hour(10).minute(0).second(0);
  return at.format(PICKER_FORMAT);
}

/** Call-backs and reminders: open ones first; due ones notify the assignee. */
export function TasksPanel({ clientId }: { clientId: string }) {
  const { t, i18n } = useTranslation();
  const limit = useLengthLimit();
  const toMessage = useErrorMessage();
  const { dateTime, relative, pickerDateTimeFormat } = useFormatters();
  const canWrite = usePermission('clients.write');
  const [title, setTitle] = useState('');
  const [preset, setPreset] = useState<Preset>('hour');
  const [due, setDue] = useState<string | null>(() => presetValue('hour'));
  const [titleError, setTitleError] = useState<string | null>(null);

  const tasks = useClientTasks(clientId);
  const add = useAddTask(clientId, {
    onSuccess: () => {
      setTitle('');
      choose('hour');
    },
  });

  const done = useCompleteTask(clientId);

  const choose = (next: Preset) => {
    setPreset(next);
    if (next !== 'custom') setDue(presetValue(next));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setTitleError(t('common.required'));
      return;
    }
    if (limit(title, 200).over) return;
    if (!due) return;
    add.mutate({ title: title.trim(), dueAt: dayjs(due).toISOString() });
  };

  const open = (tasks.data ?? []).filter((task) => !task.doneAt);
  const closed = (tasks.data ?? []).filter((task) => task.doneAt);

  const row = (task: ClientTask) => {
    const overdue = !task.doneAt && new Date(task.dueAt).getTime() < Date.now();
    return (
      <Group
        key={task.id}
        gap="xs"
        wrap="nowrap"
        align="flex-start"
        py={4}
        data-testid="task-row"
        data-task-id={task.id}
        data-done={task.doneAt ? 'true' : 'false'}
        opacity={task.doneAt ? 0.6 : 1}
      >
        <Checkbox
          size="xs"
          mt={3}
          checked={task.doneAt !== null}
          disabled={!canWrite || task.doneAt !== null || (done.isPending && done.variables === task.id)}
          onChange={() => done.mutate(task.id)}
          aria-label={t('clients.tasks.markDone', { title: task.title })}
          data-testid="task-done"
        />
        <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" td={task.doneAt ? 'line-through' : undefined} style={{ overflowWrap: 'anywhere' }}>
            {task.title}
          </Text>
          <Group gap={6}>
            <HintText
              hint={dateTime(task.dueAt)}
              size="xs"
              c={overdue ? 'red' : 'dimmed'}
              fw={overdue ? 600 : undefined}
            >
              {dateTime(task.dueAt)} · {relative(task.dueAt)}
            </HintText>
            {task.assigneeName && (
              <Text size="xs" c="dimmed">
                · {task.assigneeName}
              </Text>
            )}
            {overdue && (
              <Badge size="xs" color="red" variant="light">
                {t('clients.tasks.overdue')}
              </Badge>
            )}
          </Group>
        </Stack>
      </Group>
    );
  };

  return (
    <Card withBorder padding="sm" data-testid="client-tasks">
      <Title order={3} fz="sm" mb="xs">
        {t('clients.tasks.title')}
      </Title>
      {canWrite && (
        <DatesProvider settings={{ locale: i18n.language, firstDayOfWeek: 1 }}>
          <form onSubmit={submit} noValidate data-testid="task-form">
            <Stack gap={6}>
              <TextInput
                size="xs"
                placeholder={t('clients.tasks.titlePlaceholder')}
                aria-label={t('clients.tasks.titleLabel')}
                value={title}
                onChange={(event) => {
                  setTitle(event.currentTarget.value);
                  setTitleError(null);
                }}
                error={titleError ?? limit(title, 200).error}
                data-testid="task-title"
              />
              <Group gap={4}>
                <Text size="xs" c="dimmed">
                  {t('clients.tasks.callBack')}
                </Text>
                {(['hour', 'tomorrow', 'custom'] as const).map((value) => (
                  <Button
                    key={value}
                    size="compact-xs"
                    variant={preset === value ? 'light' : 'subtle'}
                    color={preset === value ? undefined : 'gray'}
                    onClick={() => choose(value)}
                    aria-pressed={preset === value}
                    data-testid={`task-preset-${value}`}
                  >
                    {t(`clients.tasks.presets.${value}`)}
                  </Button>
                ))}
              </Group>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <DateTimePicker
                  size="xs"
                  style={{ flex: 1 }}
                  leftSection={<IconCalendarTime size={14} />}
                  // A real (visually hidden) label: an aria-label would not contain the date the button shows.
                  label={<VisuallyHidden>{t('clients.tasks.due')}</VisuallyHidden>}
                  value={due}
                  onChange={(value) => {
                    setDue(value);
                    setPreset('custom');
                  }}
                  valueFormat={pickerDateTimeFormat}
                  minDate={new Date()}
                  popoverProps={{ withinPortal: true }}
                  data-testid="task-due"
                />
                <ToolButton
                  icon={IconPlus}
                  type="submit"
                  loading={add.isPending}
                  disabled={!due}
                  data-testid="task-submit"
                >
                  {t('clients.tasks.add')}
                </ToolButton>
              </Group>
              <FormError message={add.error ? toMessage(add.error) : null} />
            </Stack>
          </form>
        </DatesProvider>
      )}
      <FormError message={done.error ? toMessage(done.error) : null} />
      {tasks.isPending ? null : tasks.isError ? (
        <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
      ) : tasks.data.length === 0 ? (
        <Group gap={6} mt="xs" c="dimmed">
          <IconChecklist size={16} />
          <Text size="sm">{t('clients.tasks.empty')}</Text>
        </Group>
      ) : (
        <Stack gap={0} mt="xs">
          {open.map(row)}
          {closed.length > 0 && (
            <Text size="xs" c="dimmed" fw={600} mt="xs">
              {t('clients.tasks.done')}
            </Text>
          )}
          {closed.map(row)}
        </Stack>
      )}
    </Card>
  );
}
