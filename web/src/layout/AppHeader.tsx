import { Burger, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { meApi } from '../api/me';
import { AgentStatusSwitch } from '../pages/support/AgentStatusSwitch';
import { PhoneSimMenu } from '../pages/telephony/PhoneSimMenu';
import { BrandMark } from './BrandMark';
import { ConnectionDot } from './ConnectionDot';
import { LanguageSwitcher } from './LanguageSwitcher';
import { NotificationBell } from './NotificationBell';
import { ThemeToggle } from './ThemeToggle';
import { UserMenu } from './UserMenu';

export function AppHeader({ navOpened, onToggleNav }: { navOpened: boolean; onToggleNav: () => void }) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={t('nav.toggle')}
        />
        <BrandMark />
        <ConnectionDot />
      </Group>
      <Group gap="xs" wrap="nowrap">
        <AgentStatusSwitch />
        <PhoneSimMenu />
        {/* Signed in: the choice is also saved as the user's locale (best effort; the local choice applies). */}
        <LanguageSwitcher onChange={(locale) => void meApi.update({ locale }).catch(() => undefined)} />
        <ThemeToggle />
        <NotificationBell />
        <UserMenu />
      </Group>
    </Group>
  );
}
