import { Anchor, Box, Container, Group, Text } from '@mantine/core';
import { IconLogout } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { BrandMark } from '../layout/BrandMark';
import { LanguageSwitcher } from '../layout/LanguageSwitcher';
import { ThemeToggle } from '../layout/ThemeToggle';
import { useCabinetLogout, useTraderQuery } from './api';
import { useSetTraderSession } from './session';
import { ToolButton } from '../components/ToolButton';

/**
 * The cabinet's own frame: brand, language, theme and — once signed in — its two sections and sign-out.
 * Nothing of the staff workspace (navigation, notifications, live socket) is loaded here.
 */
export function CabinetLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const trader = useTraderQuery().data;
  return (
    <Box mih="100vh" bg="var(--mantine-color-body)" style={{ display: 'flex', flexDirection: 'column' }}>
      <Box component="header" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Container size="lg" py="sm">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap">
              <BrandMark />
              <Text size="sm" c="dimmed" visibleFrom="sm">
                {t('cabinet.title')}
              </Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              {trader && <CabinetNav />}
              <LanguageSwitcher />
              <ThemeToggle />
              {trader && <LogoutButton />}
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="lg" w="100%" py="lg" style={{ flex: 1 }}>
        {children}
      </Container>
      <Text size="xs" c="dimmed" ta="center" pb="md">
        {t('app.name')}
      </Text>
    </Box>
  );
}

function CabinetNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const here = pathname.replace(/\/+$/, '') || '/';
  const link = (to: string, label: string, testId: string) => (
    <Anchor
      component={Link}
      to={to}
      size="sm"
      fw={500}
      underline={here === to ? 'always' : 'hover'}
      aria-current={here === to ? 'page' : undefined}
      data-testid={testId}
    >
      {label}
    </Anchor>
  );
  return (
    <Group component="nav" gap="md" aria-label={t('cabinet.nav.label')} visibleFrom="xs" me="sm">
      {link('/cabinet', t('cabinet.nav.dashboard'), 'cab-nav-dashboard')}
      {link('/cabinet/accounts', t('cabinet.nav.accounts'), 'cab-nav-accounts')}
      {link('/cabinet/payments', t('payments.cabinet.nav'), 'cab-nav-payments')}
      {link('/cabinet/support', t('supportCabinet.nav'), 'cab-nav-support')}
      {link('/cabinet/complaints', t('complaints.cabinet.nav'), 'cab-nav-complaints')}
      {link('/cabinet/profile', t('cabinet.nav.profile'), 'cab-nav-profile')}
    </Group>
  );
}

function LogoutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const setSession = useSetTraderSession();
  const logout = useCabinetLogout({
    // Signed out locally even if the server could not be reached: the cookie is gone with the session.
    onSettled: () => {
      setSession(null);
      navigate('/cabinet/login', { replace: true });
    },
  });
  return (
    <ToolButton
      icon={IconLogout}
      variant="default"
      loading={logout.isPending}
      onClick={() => logout.mutate()}
      data-testid="cab-logout"
    >
      {t('cabinet.nav.logout')}
    </ToolButton>
  );
}
