import '@mantine/dates/styles.css';
import { Anchor, Button, Grid, Group, Skeleton, Stack, useDirection } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconUserQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { isClientNotFound, useClient } from '../../../api/clients';
import { EmptyBlock } from '../../../components/EmptyBlock';
import { usePermission } from '../../../session/useSession';
import { ErrorState } from '../../../components/ErrorState';
import { CardHeader } from './CardHeader';
import { CommentBox } from './CommentBox';
import { ContactsPanel } from './ContactsPanel';
import { TasksPanel } from './TasksPanel';
import { TimelinePanel } from './TimelinePanel';
import { TradingAlertsStrip } from './trading/TradingAlerts';
import { TradingPanel } from './trading/TradingPanel';
import { PaymentsPanel } from '../../payments/card/PaymentsPanel';
import { SupportPanel } from '../../support/card/SupportPanel';
import { CallsPanel } from '../../telephony/CallsPanel';

/** /clients/:id — contacts, history, comments and tasks: everything a new manager needs to continue. */
export default function ClientCardPage() {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const { id = '' } = useParams();
  const canWrite = usePermission('clients.write');
  const canSeePayments = usePermission('payments.read');
  const location = useLocation();
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch ?? '';
  const client = useClient(id);
  const Back = dir === 'rtl' ? IconArrowRight : IconArrowLeft;

  const back = (
    <Anchor component={Link} to={`/clients${listSearch}`} size="sm" data-testid="client-back">
      <Group gap={4} component="span">
        <Back size={14} />
        {t('clients.card.back')}
      </Group>
    </Anchor>
  );

  if (client.isPending) {
    return (
      <Stack gap="sm" aria-busy="true">
        {back}
        <Skeleton height={110} />
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Skeleton height={320} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Skeleton height={420} />
          </Grid.Col>
        </Grid>
      </Stack>
    );
  }

  if (client.isError) {
    return (
      <Stack gap="sm">
        {back}
        {isClientNotFound(client.error) ? (
          <div data-testid="client-not-found">
            <EmptyBlock
              icon={<IconUserQuestion size={24} />}
              title={t('clients.card.notFoundTitle')}
              description={t('clients.card.notFoundDescription')}
              action={
                <Button component={Link} to="/clients" size="xs" variant="light">
                  {t('clients.card.toList')}
                </Button>
              }
            />
          </div>
        ) : (
          <ErrorState error={client.error} onRetry={() => void client.refetch()} />
        )}
      </Stack>
    );
  }

  return (
    <Stack gap="sm" data-testid="client-card" data-client-id={client.data.id}>
      {back}
      <CardHeader client={client.data} />
      <TradingAlertsStrip clientId={client.data.id} />
      <TradingPanel clientId={client.data.id} />
      {canSeePayments && <PaymentsPanel clientId={client.data.id} />}
      <SupportPanel clientId={client.data.id} />
      <CallsPanel clientId={client.data.id} />
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Stack gap="sm">
            <ContactsPanel client={client.data} />
            <TasksPanel clientId={client.data.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="sm">
            {canWrite && <CommentBox clientId={client.data.id} />}
            <TimelinePanel clientId={client.data.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
