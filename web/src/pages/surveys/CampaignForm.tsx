import { Button, Checkbox, Group, MultiSelect, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateCampaign } from '../../api/surveys';
import { FormError } from '../../components/FormError';
import { useErrorMessage } from '../../components/useErrorMessage';

const STATUSES = ['lead', 'demo', 'live'];
const LANGUAGES = ['en', 'ru', 'id', 'ar'];

/** Create and send a campaign: name, optional question, segment (status, country, language), channels. */
export function CampaignForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState('');
  const [question, setQuestion] = useState('');
  const [statuses, setStatuses] = useState<string[]>([]);
  const [countries, setCountries] = useState('');
  const [languages, setLanguages] = useState<string[]>([]);
  const [email, setEmail] = useState(true);
  const [cabinet, setCabinet] = useState(true);
  const create = useCreateCampaign({
    onSuccess: (c) => {
      notifications.show({ color: 'green', message: t('care.surveys.sent', { count: c.recipients }) });
      onDone();
    },
  });
  const codes = countries
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({
          name,
          question: question.trim() || null,
          segment: {
            ...(statuses.length && { statuses }),
            ...(codes.length && { countries: codes }),
            ...(languages.length && { languages }),
          },
          channels: [...(email ? (['email'] as const) : []), ...(cabinet ? (['cabinet'] as const) : [])],
        });
      }}
    >
      <Stack gap="xs" maw={560}>
        <TextInput
          label={t('care.surveys.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="campaign-name"
        />
        <TextInput
          label={t('care.surveys.question')}
          value={question}
          onChange={(e) => setQuestion(e.currentTarget.value)}
        />
        <MultiSelect
          label={t('care.surveys.statuses')}
          data={STATUSES.map((s) => ({ value: s, label: t(`clients.status.${s}`, s) }))}
          value={statuses}
          onChange={setStatuses}
        />
        <TextInput
          label={t('care.surveys.countries')}
          value={countries}
          onChange={(e) => setCountries(e.currentTarget.value)}
          data-testid="campaign-countries"
        />
        <MultiSelect
          label={t('care.surveys.languages')}
          data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
          value={languages}
          onChange={setLanguages}
        />
        <Group gap="md" role="group" aria-label={t('care.surveys.channels')}>
          <Checkbox
            label={t('care.surveys.email')}
            checked={email}
            onChange={(e) => setEmail(e.currentTarget.checked)}
          />
          <Checkbox
            label={t('care.surveys.cabinet')}
            checked={cabinet}
            onChange={(e) => setCabinet(e.currentTarget.checked)}
          />
        </Group>
        {create.error && <FormError message={errorMessage(create.error)} />}
        <Group>
          <Button type="submit" loading={create.isPending} data-testid="campaign-send">
            {t('care.surveys.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
