import { Anchor, Badge, Button, Divider, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconLink, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useClient } from '../../../api/clients';
import { useClientPayments } from '../../../api/payments';
import { useClientAccounts, useClientAlerts } from '../../../api/trading';
import { useFormatters } from '../../../i18n/format';
import { usePermission } from '../../../session/useSession';
import type { ConversationDetail } from '../../../../../src/shared/contracts/support';
import { ClientStatusBadge } from '../../clients/components/ClientStatusBadge';
import { useTradingFormat } from '../../online/tradingFormat';
import { PaymentStatusBadge, useMinorMoney } from '../../payments/paymentFormat';
import { CallbackDetails } from './CallbackDetails';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap={4}>
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

function LinkedClient({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const { money } = useTradingFormat();
  const minor = useMinorMoney();
  const canPayments = usePermission('payments.read');
  const client = useClient(clientId);
  const accounts = useClientAccounts(clientId);
  const alerts = useClientAlerts(clientId);
  const payments = useClientPayments(canPayments ? clientId : '');
  if (client.isPending) return <Skeleton h={120} />;
  if (!client.data)
    return (
      <Text fz="sm" c="dimmed">
        {t('support.client.hidden')}
      </Text>
    );
  const c = client.data;
  return (
    <Stack gap="sm">
      <Stack gap={2}>
        <Anchor component={Link} to={`/clients/${c.id}`} fw={600} dir="auto" data-testid="client-link">
          {c.name}
        </Anchor>
        <Group gap={6}>
          <ClientStatusBadge status={c.status} size="xs" />
          <Text fz="xs" c="dimmed">
            {c.managerName
              ? t('support.client.manager', { name: c.managerName })
              : t('support.client.noManager')}
          </Text>
        </Group>
        {c.email && (
          <Text fz="xs" dir="ltr">
            {c.email}
          </Text>
        )}
        {c.phone && (
          <Text fz="xs" dir="ltr">
            {c.phone}
          </Text>
        )}
      </Stack>
      <Section title={t('support.client.accounts')}>
        {(accounts.data ?? []).length === 0 ? (
          <Text fz="xs" c="dimmed">
            {t('support.client.noAccounts')}
          </Text>
        ) : (
          (accounts.data ?? []).slice(0, 5).map((a) => (
            <Group key={a.id} justify="space-between" gap={4} wrap="nowrap">
              <Text fz="xs" ff="monospace">
                {a.login}{' '}
                <Badge size="xs" variant="light">
                  {a.kind}
                </Badge>
              </Text>
              <Text fz="xs" ff="monospace">
                {money(a.equity, a.currency)}
              </Text>
            </Group>
          ))
        )}
      </Section>
      {canPayments && (
        <Section title={t('support.client.payments')}>
          {(payments.data?.items ?? []).length === 0 ? (
            <Text fz="xs" c="dimmed">
              {t('support.client.noPayments')}
            </Text>
          ) : (
            (payments.data?.items ?? []).slice(0, 4).map((p) => (
              <Group key={p.id} justify="space-between" gap={4} wrap="nowrap">
                <Text fz="xs">
                  {t(`payments.direction.${p.direction}`)} · {minor(p.amount, p.currency)}
                </Text>
                <PaymentStatusBadge status={p.status} />
              </Group>
            ))
          )}
        </Section>
      )}
      <Section title={t('support.client.alerts')}>
        {(alerts.data ?? []).length === 0 ? (
          <Text fz="xs" c="dimmed">
            {t('support.client.noAlerts')}
          </Text>
        ) : (
          (alerts.data ?? []).slice(0, 4).map((a) => (
            <Group key={a.id} gap={4} wrap="nowrap">
              <IconAlertTriangle size={12} color="var(--mantine-color-orange-6)" />
              <Text fz="xs" truncate="end">
                {a.ruleName} · {a.login} · {dateTime(a.raisedAt)}
              </Text>
            </Group>
          ))
        )}
      </Section>
    </Stack>
  );
}

/** Beside the conversation: the linked client (status, manager, accounts, payments, alerts) or the contact. */
export function ClientPanel({
  conversation: c,
  onLink,
  onCreate,
}: {
  conversation: ConversationDetail;
  onLink: () => void;
  onCreate: () => void;
}) {
  const { t } = useTranslation();
  const canClients = usePermission('clients.read');
  return (
    <Stack gap="sm" p="sm">
      {c.channel === 'callback' && <CallbackDetails conversationId={c.id} />}
      <Text fz="sm" fw={600}>
        {t('support.client.title')}
      </Text>
      {c.clientId && canClients ? (
        <LinkedClient clientId={c.clientId} />
      ) : (
        <Stack gap={4}>
          <Text fz="sm" dir="auto">
            {c.contactName ?? t('support.unknownContact')}
          </Text>
          {c.contactEmail && (
            <Text fz="xs" dir="ltr">
              {c.contactEmail}
            </Text>
          )}
          {c.contactPhone && (
            <Text fz="xs" dir="ltr">
              {c.contactPhone}
            </Text>
          )}
          <Text fz="xs" c="dimmed">
            {t('support.client.notLinked')}
          </Text>
          <Stack gap={6} mt={4}>
            <Button
              size="xs"
              variant="light"
              justify="flex-start"
              fullWidth
              leftSection={<IconLink size={14} />}
              onClick={onLink}
            >
              {t('support.actions.link')}
            </Button>
            <Button
              size="xs"
              variant="default"
              justify="flex-start"
              fullWidth
              leftSection={<IconUserPlus size={14} />}
              onClick={onCreate}
            >
              {t('support.actions.createClient')}
            </Button>
          </Stack>
        </Stack>
      )}
      <Divider />
      <Section title={t('support.client.conversation')}>
        <Text fz="xs">{t('support.client.messages', { count: c.messageCount })}</Text>
        {c.teamName && <Text fz="xs">{t('support.client.team', { name: c.teamName })}</Text>}
        {c.csatScore !== null && <Text fz="xs">{t('support.client.csat', { score: c.csatScore })}</Text>}
        {c.sla.policyName && <Text fz="xs">{t('support.client.policy', { name: c.sla.policyName })}</Text>}
      </Section>
    </Stack>
  );
}
