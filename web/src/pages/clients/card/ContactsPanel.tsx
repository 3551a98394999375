import { Badge, Card, Divider, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Client, ClientPatch } from '../../../../../src/shared/contracts/clients';
import { useFormatters } from '../../../i18n/format';
import { usePermission } from '../../../session/useSession';
import { InlineField } from './InlineField';
import { useClientUpdate } from '../../../api/clients';

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

function ReadOnly({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text
        size="sm"
        fw={500}
        mih={26}
        style={{ overflowWrap: 'anywhere', display: 'flex', alignItems: 'center' }}
      >
        {children}
      </Text>
    </Stack>
  );
}

/** Contacts and origin of the client; contacts are edited in place. */
export function ContactsPanel({ client }: { client: Client }) {
  const { t } = useTranslation();
  const { countryName, languageName, dateTime } = useFormatters();
  const canWrite = usePermission('clients.write');
  const update = useClientUpdate(client.id);

  const saver = (field: keyof ClientPatch) =>
    canWrite ? (value: string | null) => update.mutateAsync({ [field]: value } as ClientPatch) : undefined;

  const utm = UTM_KEYS.filter((key) => client.utm?.[key]);

  return (
    <Card withBorder padding="sm" data-testid="client-contacts">
      <Title order={3} fz="sm" mb="xs">
        {t('clients.card.contacts')}
      </Title>
      <Stack gap="xs">
        <InlineField
          name="name"
          label={t('clients.fields.name')}
          value={client.name}
          onSave={saver('name')}
          required
        />
        {(['email', 'phone'] as const).map((name) => (
          <InlineField
            key={name}
            name={name}
            label={t(`clients.fields.${name}`)}
            value={client[name]}
            editor={name === 'email' ? 'email' : 'tel'}
            ltr
            onSave={saver(name)}
          />
        ))}
        <SimpleGrid cols={2} spacing="xs">
          {(['country', 'language'] as const).map((kind) => {
            const code = client[kind];
            const nameOf = kind === 'country' ? countryName : languageName;
            return (
              <InlineField
                key={kind}
                name={kind}
                label={t(`clients.fields.${kind}`)}
                value={code}
                editor={kind}
                display={code ? `${nameOf(code)} (${code})` : null}
                onSave={saver(kind)}
              />
            );
          })}
        </SimpleGrid>
        <Divider />
        <SimpleGrid cols={2} spacing="xs">
          <ReadOnly label={t('clients.fields.login')} testId="client-login">
            {client.login ? (
              <span dir="ltr">{client.login}</span>
            ) : (
              <Text span c="dimmed" size="sm">
                {t('clients.card.noCabinet')}
              </Text>
            )}
          </ReadOnly>
          <ReadOnly label={t('clients.fields.source')}>{client.source}</ReadOnly>
          {client.referralCode && (
            <ReadOnly label={t('clients.fields.referralCode')}>
              <span dir="ltr">{client.referralCode}</span>
            </ReadOnly>
          )}
          <ReadOnly label={t('clients.fields.createdAt')}>{dateTime(client.createdAt)}</ReadOnly>
        </SimpleGrid>
        {utm.length > 0 && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              {t('clients.fields.utm')}
            </Text>
            <Group gap={4}>
              {utm.map((key) => (
                <Badge key={key} size="sm" variant="default" radius="sm" tt="none" dir="ltr">
                  {key}: {client.utm[key]}
                </Badge>
              ))}
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
