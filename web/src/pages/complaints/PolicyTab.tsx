import { Button, Card, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useComplaintSettings, useSaveComplaintSettings } from '../../api/complaints';
import { FormError } from '../../components/FormError';
import { QueryCard } from '../../components/QueryCard';
import { useErrorMessage } from '../../components/useErrorMessage';
import { usePermission } from '../../session/useSession';
import { JURISDICTION_PRESETS, JURISDICTIONS, type Jurisdiction } from '../../../../src/shared/complaints';
import type { ComplaintSettings } from '../../../../src/shared/contracts/complaints';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Complaints → Policy: the firm code in references, the regulator's preset (its deadlines), the time
 * zone whose business days count and the public holidays. Everyone who handles complaints reads it;
 * compliance (complaints.oversee) changes it, for complaints received from then on.
 */
export function PolicyTab() {
  const settings = useComplaintSettings();
  return <QueryCard query={settings}>{(data) => <PolicyForm settings={data} />}</QueryCard>;
}

function PolicyForm({ settings }: { settings: ComplaintSettings }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const canEdit = usePermission('complaints.oversee');
  const [firmCode, setFirmCode] = useState(settings.firmCode);
  const [jurisdiction, setJurisdiction] = useState<Jurisdiction>(settings.jurisdiction);
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [holidays, setHolidays] = useState(settings.holidays.join('\n'));
  const [badDate, setBadDate] = useState<string | null>(null);
  useEffect(() => {
    setFirmCode(settings.firmCode);
    setJurisdiction(settings.jurisdiction);
    setTimeZone(settings.timeZone);
    setHolidays(settings.holidays.join('\n'));
  }, [settings]);
  const save = useSaveComplaintSettings({
    onSuccess: () =>
      notifications.show({
        color: 'teal',
        message: t('complaints.policy.saved'),
        closeButtonProps: { 'aria-label': t('common.close') },
      }),
  });
  const rule = (r: { unit: string; n: number }) => `${r.n} (${t(`complaints.policy.unit_${r.unit}`)})`;
  const submit = () => {
    const dates = holidays
      .split(/[\s,]+/)
      .map((d) => d.trim())
      .filter(Boolean);
    const wrong = dates.find((d) => !ISO_DATE.test(d));
    setBadDate(wrong ? t('complaints.policy.badDate', { date: wrong }) : null);
    if (wrong) return;
    save.mutate({
      firmCode,
      jurisdiction,
      ...(timeZone.trim() && { timeZone: timeZone.trim() }),
      holidays: [...new Set(dates)].sort(),
    });
  };
  return (
    <Card withBorder padding="sm" data-testid="complaints-policy">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm" maw={560}>
          <Text fz="sm" c="dimmed">
            {t('complaints.policy.hint')}
          </Text>
          <Text fz="sm" data-testid="complaints-policy-rules">
            {t('complaints.policy.rules', {
              name: settings.rules.name,
              ack: rule(settings.rules.acknowledgement),
              final: rule(settings.rules.finalResponse),
            })}
          </Text>
          <TextInput
            label={t('complaints.policy.firmCode')}
            description={t('complaints.policy.firmCodeHint')}
            value={firmCode}
            disabled={!canEdit}
            maxLength={8}
            onChange={(e) => setFirmCode(e.currentTarget.value)}
            data-testid="complaints-policy-firm"
          />
          <Select
            label={t('complaints.policy.jurisdiction')}
            data={JURISDICTIONS.map((j) => ({ value: j, label: JURISDICTION_PRESETS[j].name }))}
            value={jurisdiction}
            disabled={!canEdit}
            allowDeselect={false}
            onChange={(v) => {
              if (!v) return;
              setJurisdiction(v as Jurisdiction);
              // A new preset brings its own zone and holiday list; the broker edits them from there.
              setTimeZone(JURISDICTION_PRESETS[v as Jurisdiction].timeZone);
              setHolidays(JURISDICTION_PRESETS[v as Jurisdiction].holidays.join('\n'));
            }}
            data-testid="complaints-policy-jurisdiction"
          />
          <TextInput
            label={t('complaints.policy.timeZone')}
            value={timeZone}
            disabled={!canEdit}
            onChange={(e) => setTimeZone(e.currentTarget.value)}
            data-testid="complaints-policy-zone"
          />
          <Textarea
            label={t('complaints.policy.holidays')}
            description={t('complaints.policy.holidaysHint')}
            autosize
            minRows={4}
            maxRows={12}
            value={holidays}
            disabled={!canEdit}
            error={badDate}
            onChange={(e) => setHolidays(e.currentTarget.value)}
            data-testid="complaints-policy-holidays"
          />
          {save.error && <FormError message={errorMessage(save.error)} />}
          {canEdit && (
            <Group>
              <Button type="submit" loading={save.isPending} data-testid="complaints-policy-save">
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}
