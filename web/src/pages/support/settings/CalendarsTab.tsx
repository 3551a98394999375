import {
  Button,
  Card,
  Group,
  MultiSelect,
  Select,
  Skeleton,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveTeamCalendar, useTeamCalendar, type TeamCalendarInput } from '../../../api/supportSettings';
import { useTeamOptions } from '../../../api/teams';
import { FormBody } from '../../../components/FormModal';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useFormatters } from '../../../i18n/format';
import { usePermission } from '../../../session/useSession';
import type { TeamCalendarView } from '../../../../../src/shared/contracts/support';
import { SUPPORT_LANGUAGES } from '../../../../../src/shared/support';
import { formatRanges, parseRanges } from './hours';

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** Every IANA zone the browser knows, for the picker (a short list when it cannot say). */
const TIME_ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['UTC', 'Europe/London', 'Europe/Moscow', 'Asia/Jakarta', 'Asia/Dubai'];
  }
})();

function CalendarForm({ calendar, canEdit }: { calendar: TeamCalendarView; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const { languageName } = useFormatters();
  const toMessage = useErrorMessage();
  const [timeZone, setTimeZone] = useState(calendar.timeZone);
  const [hours, setHours] = useState<Record<string, string>>(() =>
    Object.fromEntries(WEEKDAYS.map((d) => [d, formatRanges(calendar.businessHours[d])])),
  );
  const [holidays, setHolidays] = useState(calendar.holidays);
  const [languages, setLanguages] = useState(calendar.languages);
  const [isDefault, setIsDefault] = useState(calendar.isDefault);
  const save = useSaveTeamCalendar({
    onSuccess: () => notifications.show({ color: 'teal', message: t('support.settings.calendars.saved') }),
  });
  const parsed = Object.fromEntries(WEEKDAYS.map((d) => [d, parseRanges(hours[d] ?? '')]));
  const invalid = WEEKDAYS.filter((d) => parsed[d] === null);
  // Monday first, in the UI language (2024-01-01 was a Monday).
  const dayName = (d: string) =>
    new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, Number(d))),
    );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid.length > 0) return;
    const businessHours = Object.fromEntries(
      WEEKDAYS.filter((d) => (parsed[d] ?? []).length > 0).map((d) => [d, parsed[d]!]),
    );
    const input: TeamCalendarInput = { timeZone, businessHours, holidays, languages, isDefault };
    save.mutate({ teamId: calendar.teamId, input });
  };
  return (
    <FormBody onSubmit={onSubmit} error={save.error ? toMessage(save.error) : null} testId="calendar-form">
      <Group grow align="flex-start">
        <Select
          label={t('support.settings.calendars.timeZone')}
          searchable
          allowDeselect={false}
          // The stored zone first: the browser's list may not name it ("UTC" is missing from some).
          data={[...new Set([calendar.timeZone, ...TIME_ZONES])]}
          value={timeZone}
          onChange={(value) => value && setTimeZone(value)}
          disabled={!canEdit}
        />
        <MultiSelect
          label={t('support.settings.calendars.languages')}
          description={t('support.settings.calendars.languagesHint')}
          searchable
          data={SUPPORT_LANGUAGES.map((code) => ({ value: code, label: languageName(code) }))}
          value={languages}
          onChange={setLanguages}
          disabled={!canEdit}
        />
      </Group>
      <Text fz="sm" fw={600}>
        {t('support.settings.calendars.hours')}
      </Text>
      <Text fz="xs" c="dimmed" mt={-8}>
        {t('support.settings.calendars.hoursHint')}
      </Text>
      <Stack gap={6}>
        {WEEKDAYS.map((d) => (
          <Group key={d} gap="sm" wrap="nowrap">
            <Text fz="sm" w={120} tt="capitalize">
              {dayName(d)}
            </Text>
            <TextInput
              style={{ flex: 1 }}
              size="xs"
              aria-label={dayName(d)}
              placeholder={t('support.settings.calendars.closed')}
              value={hours[d]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setHours((h) => ({ ...h, [d]: value }));
              }}
              error={parsed[d] === null ? t('support.settings.calendars.badHours') : undefined}
              disabled={!canEdit}
              dir="ltr"
            />
          </Group>
        ))}
      </Stack>
      <TagsInput
        label={t('support.settings.calendars.holidays')}
        description={t('support.settings.calendars.holidaysHint')}
        value={holidays}
        onChange={(values) => setHolidays(values.filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)))}
        disabled={!canEdit}
      />
      <Switch
        label={t('support.settings.calendars.isDefault')}
        checked={isDefault}
        onChange={(e) => setIsDefault(e.currentTarget.checked)}
        disabled={!canEdit}
      />
      {canEdit && (
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={invalid.length > 0}>
            {t('common.save')}
          </Button>
        </Group>
      )}
    </FormBody>
  );
}

/** Support → Settings → Team calendars: each team's time zone, business hours, holidays and languages. */
export default function CalendarsTab() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const canEdit = usePermission('teams.write');
  const teams = useTeamOptions();
  const [picked, setPicked] = useState<string | null>(null);
  const teamId = picked ?? teams[0]?.value ?? null;
  const calendar = useTeamCalendar(teamId);
  return (
    <Stack gap="sm" data-testid="support-settings-calendars">
      <Group justify="space-between" align="flex-end">
        <Select
          label={t('support.settings.calendars.team')}
          w={280}
          allowDeselect={false}
          data={teams}
          value={teamId}
          onChange={setPicked}
          placeholder={t('support.settings.calendars.noTeams')}
        />
        <Text fz="sm" c="dimmed" maw={520}>
          {t('support.settings.calendars.hint')}
        </Text>
      </Group>
      <Card withBorder padding="md" maw={820}>
        {!teamId ? (
          <Text fz="sm" c="dimmed">
            {t('support.settings.calendars.noTeams')}
          </Text>
        ) : calendar.data ? (
          <CalendarForm
            key={`${teamId}:${calendar.data.updatedAt ?? ''}`}
            calendar={calendar.data}
            canEdit={canEdit}
          />
        ) : calendar.isError ? (
          <Text fz="sm" c="red">
            {toMessage(calendar.error)}
          </Text>
        ) : (
          <Skeleton h={280} />
        )}
      </Card>
    </Stack>
  );
}
