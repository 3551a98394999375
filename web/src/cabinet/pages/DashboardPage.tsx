import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconChartCandle, IconCircleCheck, IconHeadset, IconWallet } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyBlock } from '../../components/EmptyBlock';
import { AccountsSummary } from '../accounts/AccountsSummary';
import { EmailNotConfirmedAlert } from '../EmailNotConfirmedAlert';
import { StatusBadge } from '../StatusBadge';
import { useTrader } from '../session';
import { PageHeader } from '../../components/PageHeader';
import { NpsPrompt } from '../surveys/NpsPrompt';

/** The cabinet's home: who you are, where your account stands, and the sections later releases fill. */
export function DashboardPage() {
  const { t } = useTranslation();
  const trader = useTrader();
  const linkSent = trader.confirmationLinkSentAt !== null;
  return (
    <Stack gap="lg" data-testid="cab-dashboard">
      <PageHeader
        main
        title={t('cabinet.dashboard.greeting', { name: trader.name })}
        titleTestId="cab-greeting"
        description={t(`cabinet.dashboard.statusHint.${trader.status}`)}
        actions={
          <>
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
          </>
        }
      />
      <NpsPrompt />

      {!trader.emailConfirmed && (
        // Only claim a link was sent while one that works is out there (a manager's cabinet has none).
        <EmailNotConfirmedAlert
          inline
          title={t('cabinet.dashboard.emailUnconfirmedTitle')}
          message={t(
            linkSent ? 'cabinet.dashboard.emailUnconfirmed' : 'cabinet.dashboard.emailUnconfirmedNoLink',
            {
              email: trader.email ?? '',
            },
          )}
          resendLabel={t(linkSent ? 'cabinet.dashboard.resend' : 'cabinet.dashboard.send')}
          sentMessage={t(linkSent ? 'cabinet.dashboard.resent' : 'cabinet.dashboard.sent')}
          testId="cab-email-banner"
          resendTestId="cab-email-resend"
        />
      )}

      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <Section
          icon={<IconChartCandle size={18} />}
          title={t('cabinet.dashboard.accounts.title')}
          testId="cab-card-accounts"
        >
          <AccountsSummary />
        </Section>
        <ComingSection area="payments" Icon={IconWallet} />
        <ComingSection area="support" Icon={IconHeadset} />
      </SimpleGrid>
    </Stack>
  );
}

/** A section a later release fills: for now its icon and a note of what will be there. */
function ComingSection({ area, Icon }: { area: 'payments' | 'support'; Icon: typeof IconWallet }) {
  const { t } = useTranslation();
  return (
    <Section
      icon={<Icon size={18} />}
      title={t(`cabinet.dashboard.${area}.title`)}
      testId={`cab-card-${area}`}
    >
      <EmptyBlock
        icon={<Icon size={20} />}
        title={t(`cabinet.dashboard.${area}.empty`)}
        description={t(`cabinet.dashboard.${area}.emptyHint`)}
      />
    </Section>
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
