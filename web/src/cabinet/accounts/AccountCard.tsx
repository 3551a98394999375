import { Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../src/shared/contracts/trading';
import { useFormatters } from '../../i18n/format';
import { marginLevelColor, useTradingFormat } from '../../pages/online/tradingFormat';

/** One trading account as the trader sees it: the login, its terms and where the money stands. */
export function AccountCard({ account }: { account: AccountView }) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const { money, signedMoney, percent, number } = useTradingFormat();
  const live = account.kind === 'live';
  const level = marginLevelColor(account.marginLevel);

  return (
    <Card withBorder radius="md" padding="md" data-testid="cab-account" data-login={account.login}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed">
            {t('cabinet.accounts.login')}
          </Text>
          <Group gap={8} wrap="nowrap">
            <Text fw={700} fz="lg" ff="monospace" dir="ltr" data-testid="cab-account-login">
              {account.login}
            </Text>
            {account.online && (
              <Badge size="xs" color="green" variant="dot" data-testid="cab-account-online">
                {t('cabinet.accounts.online')}
              </Badge>
            )}
          </Group>
        </Stack>
        <Stack gap={4} align="flex-end">
          <Badge color={live ? 'teal' : 'blue'} variant="light" data-testid="cab-account-kind">
            {t(`cabinet.accounts.kind.${account.kind}`)}
          </Badge>
          <Text size="xs" c="dimmed" dir="ltr" style={{ whiteSpace: 'nowrap' }}>
            {account.currency} · 1:{account.leverage}
          </Text>
        </Stack>
      </Group>
      <SimpleGrid cols={2} spacing="xs" verticalSpacing="xs">
        <Figure
          label={t('cabinet.accounts.balance')}
          value={money(account.balance, account.currency)}
          strong
        />
        <Figure label={t('cabinet.accounts.equity')} value={money(account.equity, account.currency)} strong />
        <Figure
          label={t('cabinet.accounts.freeMargin')}
          value={money(account.freeMargin, account.currency)}
        />
        <Figure
          label={t('cabinet.accounts.marginLevel')}
          value={account.marginLevel === null ? '—' : percent(account.marginLevel)}
          color={level}
        />
        <Figure label={t('cabinet.accounts.openPositions')} value={number(account.openPositions)} />
        <Figure
          label={t('cabinet.accounts.floating')}
          value={signedMoney(account.floatingProfit, account.currency)}
          color={account.floatingProfit < 0 ? 'red' : account.floatingProfit > 0 ? 'teal' : undefined}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="sm">
        {t('cabinet.accounts.opened', { date: date(account.createdAt) })}
      </Text>
    </Card>
  );
}

function Figure({
  label,
  value,
  strong,
  color,
}: {
  label: string;
  value: string;
  strong?: boolean;
  color?: string;
}) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text
        size={strong ? 'md' : 'sm'}
        fw={strong ? 600 : 500}
        c={color}
        style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
      >
        {/* Money in an RTL page: isolated left-to-right so the sign and currency stay in place. */}
        <span dir="ltr">{value}</span>
      </Text>
    </Stack>
  );
}
