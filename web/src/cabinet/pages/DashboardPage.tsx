import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconChartCandle,
  IconCircleCheck,
  IconHeadset,
  IconMailExclamation,
  IconWallet,
} from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyBlock } from '../../components/EmptyBlock';
import { AccountsSummary } from '../accounts/AccountsSummary';
import { cabinetApi, type Trader } from '../api';
import { StatusBadge } from '../StatusBadge';
import { useTrader } from '../session';
import { useCabinetError } from '../useCabinetError';

/** The cabinet's home: who you are, where your account stands, and the sections later releases fill. */
export function DashboardPage() {
  const { t } = useTranslation();
  const trader = useTrader();
  return (
    <Stack gap="lg" data-testid="cab-dashboard">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={1} fz="h2" data-testid="cab-greeting">
            {t('cabinet.dashboard.greeting', { name: trader.name })}
          </Title>
          <Text size="sm" c="dimmed">
            {t(`cabinet.dashboard.statusHint.${trader.status}`)}
          </Text>
        </Stack>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('cabinet.dashboard.statusLabel')}
          </Text>
          <StatusBadge status={trader.status} />
          {trader.emailConfirmed && (
            <Badge
              color="teal"
              variant="outline"
              leftSection={<IconCircleCheck size={12} />}
              data-testid="cab-email-confirmed"
            >
              {t('cabinet.dashboard.emailConfirmed')}
            </Badge>
          )}
        </Group>
      </Group>

      {!trader.emailConfirmed && <EmailBanner trader={trader} />}

      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Section
          icon={<IconChartCandle size={18} />}
          title={t('cabinet.dashboard.accounts.title')}
          testId="cab-card-accounts"
        >
          <AccountsSummary />
        </Section>
        <Section
          icon={<IconWallet size={18} />}
          title={t('cabinet.dashboard.payments.title')}
          testId="cab-card-payments"
        >
          <EmptyBlock
            icon={<IconWallet size={20} />}
            title={t('cabinet.dashboard.payments.empty')}
            description={t('cabinet.dashboard.payments.emptyHint')}
          />
        </Section>
        <Section
          icon={<IconHeadset size={18} />}
          title={t('cabinet.dashboard.support.title')}
          testId="cab-card-support"
        >
          <EmptyBlock
            icon={<IconHeadset size={20} />}
            title={t('cabinet.dashboard.support.empty')}
            description={t('cabinet.dashboard.support.emptyHint')}
          />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

function Section({
  icon,
  title,
  testId,
  children,
}: {
  icon: ReactNode;
  title: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder padding="md" radius="md" data-testid={testId}>
      <Group gap="xs" mb="xs">
        {icon}
        <Title order={2} fz="md">
          {title}
        </Title>
      </Group>
      {children}
    </Card>
  );
}

function EmailBanner({ trader }: { trader: Trader }) {
  const { t } = useTranslation();
  const toMessage = useCabinetError();
  const resend = useMutation({
    mutationFn: cabinetApi.resendConfirmation,
    onSuccess: () => notifications.show({ color: 'teal', message: t('cabinet.dashboard.resent') }),
    onError: (error) => notifications.show({ color: 'red', message: toMessage(error) }),
  });
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconMailExclamation size={18} />}
      title={t('cabinet.dashboard.emailUnconfirmedTitle')}
      data-testid="cab-email-banner"
    >
      <Group justify="space-between" gap="sm">
        <Text size="sm">{t('cabinet.dashboard.emailUnconfirmed', { email: trader.email ?? '' })}</Text>
        <Button
          size="xs"
          variant="white"
          color="yellow"
          loading={resend.isPending}
          disabled={resend.isSuccess}
          onClick={() => resend.mutate()}
          data-testid="cab-email-resend"
        >
          {t('cabinet.dashboard.resend')}
        </Button>
      </Group>
    </Alert>
  );
}
