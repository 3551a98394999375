import { Button, Card, Group, Loader, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailFast } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DIGEST_FREQUENCIES,
  DIGEST_ROLES,
  type DigestFrequency,
  type DigestRole,
} from '../../../../../src/shared/reports-digest';
import { useDigestSettings, useSaveDigest, useSendDigest } from '../../../api/reports';
import { DataTable } from '../../../components/DataTable';
import { ErrorState } from '../../../components/ErrorState';
import { FormError } from '../../../components/FormError';
import { useErrorMessage } from '../../../components/useErrorMessage';
import { useFormatters } from '../../../i18n/format';

/** Admin → Report digest: which roles get the headline figures by email, daily or weekly, and when. */
export default function DigestTab() {
  const { t } = useTranslation();
  const toMessage = useErrorMessage();
  const { dateTime } = useFormatters();
  const settings = useDigestSettings();
  const [draft, setDraft] = useState<{
    roles: Record<DigestRole, DigestFrequency>;
    hourUtc: number;
    weekday: number;
  } | null>(null);
  const save = useSaveDigest({
    onSuccess: () => {
      setDraft(null);
      notifications.show({ color: 'teal', message: t('reports.digest.saved') });
    },
  });
  const send = useSendDigest({
    onSuccess: (r) =>
      notifications.show({ color: 'teal', message: t('reports.digest.sent', { count: r.queued }) }),
  });
  if (settings.isPending) return <Loader size="sm" />;
  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  const s = settings.data;
  const value = draft ?? {
    roles: s.roles as Record<DigestRole, DigestFrequency>,
    hourUtc: s.hourUtc,
    weekday: s.weekday,
  };
  const edit = (patch: Partial<typeof value>) => setDraft({ ...value, ...patch });
  return (
    <Card withBorder padding="md" maw={720} data-testid="digest-settings">
      <Stack gap="sm">
        <Group gap="xs">
          <IconMailFast size={18} />
          <Title order={4} fz="md">
            {t('reports.digest.title')}
          </Title>
        </Group>
        <Text fz="sm" c="dimmed">
          {t('reports.digest.description')}
        </Text>
        <DataTable
          testId="digest-roles"
          minWidth={360}
          columns={[{ label: t('reports.digest.role') }, { label: t('reports.digest.frequency') }]}
        >
          {DIGEST_ROLES.map((role) => (
            <Table.Tr key={role}>
              <Table.Td>{t(`roles.${role}`, { defaultValue: role })}</Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  aria-label={`${t('reports.digest.frequency')}: ${t(`roles.${role}`, { defaultValue: role })}`}
                  data={DIGEST_FREQUENCIES.map((f) => ({
                    value: f,
                    label: t(`reports.digest.frequencies.${f}`),
                  }))}
                  value={value.roles[role]}
                  allowDeselect={false}
                  onChange={(v) => v && edit({ roles: { ...value.roles, [role]: v as DigestFrequency } })}
                  data-testid={`digest-role-${role}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        <Group gap="sm" align="flex-end">
          <NumberInput
            size="xs"
            w={140}
            label={t('reports.digest.hour')}
            min={0}
            max={23}
            clampBehavior="strict"
            allowDecimal={false}
            value={value.hourUtc}
            onChange={(v) => typeof v === 'number' && edit({ hourUtc: v })}
          />
          <Select
            size="xs"
            w={180}
            label={t('reports.digest.weekday')}
            data={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
              value: String(d),
              label: t(`reports.weekdays.${d - 1}`),
            }))}
            value={String(value.weekday)}
            allowDeselect={false}
            onChange={(v) => v && edit({ weekday: Number(v) })}
          />
        </Group>
        <Text fz="xs" c="dimmed">
          {t('reports.digest.last', {
            daily: s.lastDailyAt ? dateTime(s.lastDailyAt) : '—',
            weekly: s.lastWeeklyAt ? dateTime(s.lastWeeklyAt) : '—',
          })}
        </Text>
        <FormError message={save.error ? toMessage(save.error) : send.error ? toMessage(send.error) : null} />
        <Group gap="xs">
          <Button
            size="xs"
            disabled={!draft}
            loading={save.isPending}
            onClick={() => save.mutate(value)}
            data-testid="digest-save"
          >
            {t('common.save')}
          </Button>
          <Button
            size="xs"
            variant="light"
            loading={send.isPending}
            onClick={() => send.mutate('daily')}
            data-testid="digest-send-daily"
          >
            {t('reports.digest.sendDaily')}
          </Button>
          <Button size="xs" variant="light" loading={send.isPending} onClick={() => send.mutate('weekly')}>
            {t('reports.digest.sendWeekly')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
