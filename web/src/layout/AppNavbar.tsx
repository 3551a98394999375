import { NavLink, ScrollArea, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, useLocation } from 'react-router-dom';
import { useUser } from '../session/useSession';
import { navItemsFor } from './navItems';

export function AppNavbar({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const { pathname } = useLocation();
  const items = navItemsFor(user.permissions);

  return (
    <ScrollArea type="never">
      <Stack gap={2} component="nav" aria-label={t('nav.label')} data-testid="main-nav">
        {items.map(({ to, labelKey, icon: Icon, badge: ItemBadge }) => (
          <NavLink
            key={to}
            component={RouterLink}
            to={to}
            label={t(labelKey)}
            leftSection={<Icon size={18} stroke={1.6} />}
            rightSection={ItemBadge && <ItemBadge />}
            active={pathname === to || pathname.startsWith(`${to}/`)}
            onClick={onNavigate}
            variant="light"
            py={6}
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            data-testid={`nav-${to.slice(1)}`}
          />
        ))}
      </Stack>
    </ScrollArea>
  );
}
