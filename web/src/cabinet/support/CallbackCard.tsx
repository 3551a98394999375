import { Alert, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCabinetError } from '../useCabinetError';
import { cabinetSupportApi } from './api';

/**
 * "Request a callback" on the cabinet's support page: the number (empty: the one on the trader's
 * record) and a preferred time; the request goes to an agent speaking the cabinet's language.
 */
export function CallbackCard() {
  const { t, i18n } = useTranslation();
  const errorText = useCabinetError();
  const [number, setNumber] = useState('');
  const [when, setWhen] = useState('');
  const request = useMutation({
    mutationFn: () =>
      cabinetSupportApi.requestCallback({
        ...(number.trim() && { number: number.trim() }),
        language: i18n.language.split('-')[0] ?? 'en',
        ...(when && { preferredAt: new Date(when).toISOString() }),
      }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };
  return (
    <Card withBorder maw={560} data-testid="cabinet-callback">
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('supportCabinet.callback.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('supportCabinet.callback.description')}
          </Text>
          <TextInput
            type="tel"
            autoComplete="tel"
            label={t('supportCabinet.callback.number')}
            description={t('supportCabinet.callback.numberHint')}
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            maxLength={32}
          />
          <TextInput
            type="datetime-local"
            label={t('supportCabinet.callback.when')}
            value={when}
            onChange={(e) => setWhen(e.currentTarget.value)}
          />
          {request.isSuccess && (
            <Alert color="green" role="status">
              {t('supportCabinet.callback.done', { number: request.data.number })}
            </Alert>
          )}
          {request.isError && (
            <Alert color="red" role="alert">
              {errorText(request.error)}
            </Alert>
          )}
          <Button type="submit" loading={request.isPending} data-testid="cabinet-callback-send">
            {t('supportCabinet.callback.send')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
