import { Badge, Group, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../../../src/shared/contracts/trading';
import { useFormatters } from '../../../../i18n/format';
import { Figure } from './figures';
import { StatusDot } from '../../../../components/StatusDot';

/** Green dot "online in the terminal"; offline keeps its width so the chips do not jump. */
export function OnlineDot({ account, size = 8 }: { account: AccountView; size?: number }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const label = !account.online
    ? null
    : account.onlineSince
      ? t('trading.account.onlineSince', { when: dateTime(account.onlineSince) })
      : t('trading.account.online');
  return <StatusDot label={label} size={size} bg="green.6" testId="trading-account-online" />;
}

export function KindBadge({ kind }: { kind: AccountView['kind'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="xs"
      radius="sm"
      variant={kind === 'live' ? 'filled' : 'light'}
      color={kind === 'live' ? 'teal' : 'gray'}
    >
      {t(`trading.kind.${kind}`)}
    </Badge>
  );
}

interface AccountSwitcherProps {
  accounts: AccountView[];
  selectedId: string | undefined;
  onSelect: (accountId: string) => void;
}

/** One compact chip per account (login, Demo/Live, currency, leverage, equity, online dot). */
export function AccountSwitcher({ accounts, selectedId, onSelect }: AccountSwitcherProps) {
  const { t } = useTranslation();
  const { money } = useFormatters();
  return (
    <ScrollArea type="auto" offsetScrollbars="x" scrollbarSize={6}>
      <Group gap={6} wrap="nowrap" role="tablist" aria-label={t('trading.section.accounts')}>
        {accounts.map((account) => {
          const active = account.id === selectedId;
          return (
            <UnstyledButton
              key={account.id}
              role="tab"
              aria-selected={active}
              onClick={() => onSelect(account.id)}
              px="sm"
              py={6}
              data-testid="trading-account-tab"
              data-account-id={account.id}
              data-active={active || undefined}
              style={{
                flexShrink: 0,
                borderRadius: 'var(--mantine-radius-sm)',
                border: `1px solid ${active ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-default-border)'}`,
                background: active ? 'var(--mantine-primary-color-light)' : undefined,
              }}
            >
              <Group gap={6} wrap="nowrap">
                <OnlineDot account={account} />
                <Text fz="sm" fw={600} ff="monospace" dir="ltr">
                  {account.login}
                </Text>
                <KindBadge kind={account.kind} />
              </Group>
              <Group gap={6} wrap="nowrap" mt={2} ps={14}>
                <Text fz="xs" c="dimmed">
                  {account.currency} ·{' '}
                  <span dir="ltr">{t('trading.account.leverage', { leverage: account.leverage })}</span>
                </Text>
                <Figure fz="xs" fw={500}>
                  {money(account.equity, account.currency)}
                </Figure>
              </Group>
            </UnstyledButton>
          );
        })}
      </Group>
    </ScrollArea>
  );
}
