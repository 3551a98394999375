import {
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useProactiveSettings,
  useSaveProactiveSettings,
  type ProactiveSettingsInput,
} from '../../api/surveys';
import { FormError } from '../../components/FormError';
import { QueryCard } from '../../components/QueryCard';
import { useErrorMessage } from '../../components/useErrorMessage';
import type { ProactiveSettingsView } from '../../../../src/shared/contracts/surveys';

const LANGUAGES = ['en', 'ru', 'id', 'ar'] as const;
type Kind = 'followUp' | 'alerts';
// The template placeholders, shown literally (given as values, so i18next does not fill them).
const PLACEHOLDERS = { name: '{{name}}', number: '{{number}}', login: '{{login}}', rule: '{{rule}}' };
type Templates = Record<string, { subject: string; body: string }>;

/**
 * Proactive messages (team leads): the follow-up mailed some hours after a resolved request and the
 * mail after an account alert, each on or off, with a template per language. An empty template means
 * the built-in one, shown as the placeholder.
 */
export function ProactiveSettings() {
  const settings = useProactiveSettings();
  return (
    <QueryCard query={settings} skeletonRows={4}>
      {(data) => <ProactiveForm settings={data} />}
    </QueryCard>
  );
}

function ProactiveForm({ settings }: { settings: ProactiveSettingsView }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [form, setForm] = useState<ProactiveSettingsInput>(() => editable(settings));
  const [language, setLanguage] = useState<string>('en');
  const [invalid, setInvalid] = useState<string | null>(null);
  useEffect(() => setForm(editable(settings)), [settings]);
  const save = useSaveProactiveSettings({
    onSuccess: () =>
      notifications.show({
        color: 'teal',
        message: t('care.proactive.saved'),
        closeButtonProps: { 'aria-label': t('common.close') },
      }),
  });
  const setTemplate = (kind: Kind, field: 'subject' | 'body', value: string) =>
    setForm((f) => {
      const current = f[kind].templates[language] ?? { subject: '', body: '' };
      return {
        ...f,
        [kind]: {
          ...f[kind],
          templates: { ...f[kind].templates, [language]: { ...current, [field]: value } },
        },
      };
    });
  const submit = () => {
    const half = halfFilled(form);
    if (half) {
      setLanguage(half.language);
      setInvalid(t('care.proactive.bothOrNone'));
      return;
    }
    setInvalid(null);
    save.mutate({
      followUp: { ...form.followUp, templates: filled(form.followUp.templates) },
      alerts: { ...form.alerts, templates: filled(form.alerts.templates) },
    });
  };
  const templateFields = (kind: Kind) => {
    const own = form[kind].templates[language];
    const builtIn = settings.defaults[kind][language];
    return (
      <Stack gap={6}>
        <TextInput
          label={t('care.proactive.subject')}
          dir="auto"
          value={own?.subject ?? ''}
          placeholder={builtIn?.subject}
          onChange={(e) => setTemplate(kind, 'subject', e.currentTarget.value)}
          data-testid={`proactive-${kind}-subject`}
        />
        <Textarea
          label={t('care.proactive.body')}
          dir="auto"
          autosize
          minRows={4}
          value={own?.body ?? ''}
          placeholder={builtIn?.body}
          onChange={(e) => setTemplate(kind, 'body', e.currentTarget.value)}
          data-testid={`proactive-${kind}-body`}
        />
      </Stack>
    );
  };
  return (
    <Card withBorder padding="sm" data-testid="proactive-settings">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm" maw={720}>
          <Text fz="sm" c="dimmed">
            {t('care.proactive.hint')}
          </Text>
          <SegmentedControl
            aria-label={t('care.proactive.language')}
            data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
            value={language}
            onChange={setLanguage}
            w="fit-content"
          />
          <Title order={3} fz="md">
            {t('care.proactive.followUp')}
          </Title>
          <Group align="end">
            <Switch
              label={t('care.proactive.enabled')}
              checked={form.followUp.enabled}
              onChange={(e) => {
                const enabled = e.currentTarget.checked;
                setForm((f) => ({ ...f, followUp: { ...f.followUp, enabled } }));
              }}
              data-testid="proactive-followUp-enabled"
            />
            <NumberInput
              label={t('care.proactive.delayHours')}
              min={1}
              max={720}
              w={180}
              value={form.followUp.delayHours}
              onChange={(v) =>
                setForm((f) => ({
                  ...f,
                  followUp: { ...f.followUp, delayHours: typeof v === 'number' ? v : 0 },
                }))
              }
              data-testid="proactive-delay"
            />
          </Group>
          {templateFields('followUp')}
          <Title order={3} fz="md">
            {t('care.proactive.alerts')}
          </Title>
          <Switch
            label={t('care.proactive.enabled')}
            checked={form.alerts.enabled}
            onChange={(e) => {
              const enabled = e.currentTarget.checked;
              setForm((f) => ({ ...f, alerts: { ...f.alerts, enabled } }));
            }}
            data-testid="proactive-alerts-enabled"
          />
          {templateFields('alerts')}
          <Text fz="xs" c="dimmed">
            {t('care.proactive.placeholders', PLACEHOLDERS)}
          </Text>
          <FormError message={invalid ?? (save.error ? errorMessage(save.error) : null)} />
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="proactive-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The settings as the form edits them (the read-only defaults left out). */
function editable(s: ProactiveSettingsView): ProactiveSettingsInput {
  return { followUp: s.followUp, alerts: s.alerts };
}

/** Only the languages given both a subject and a body; cleared ones fall back to the built-in text. */
function filled(templates: Templates): Templates {
  return Object.fromEntries(
    Object.entries(templates).filter(([, v]) => v.subject.trim() !== '' && v.body.trim() !== ''),
  );
}

/** The first template with a subject but no body, or the other way round. */
function halfFilled(form: ProactiveSettingsInput): { language: string } | null {
  for (const kind of ['followUp', 'alerts'] as const)
    for (const [language, v] of Object.entries(form[kind].templates as Templates))
      if ((v.subject.trim() === '') !== (v.body.trim() === '')) return { language };
  return null;
}
