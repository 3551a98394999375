import {
  IconAlertOctagon,
  IconBook,
  IconBroadcast,
  IconChartBar,
  IconCash,
  IconHeadset,
  IconMessageStar,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { OnlineNavBadge } from '../pages/online/OnlineNavBadge';

export interface NavItem {
  to: string;
  labelKey: string;
  icon: Icon;
  /** Hidden unless the user has this permission (the same one the page's route and API ask for). */
  permission: string;
  /** A live counter shown at the end of the item. */
  badge?: ComponentType;
}

// Only modules that exist: an item is added with its page, never ahead of it as a "coming soon".
export const NAV_ITEMS: NavItem[] = [
  { to: '/clients', labelKey: 'nav.clients', icon: IconUsers, permission: 'clients.read' },
  {
    to: '/online',
    labelKey: 'online.nav',
    icon: IconBroadcast,
    permission: 'clients.read',
    badge: OnlineNavBadge,
  },
  { to: '/payments', labelKey: 'payments.nav', icon: IconCash, permission: 'payments.read' },
  { to: '/support', labelKey: 'support.nav', icon: IconHeadset, permission: 'support.handle' },
  { to: '/surveys', labelKey: 'care.surveys.nav', icon: IconMessageStar, permission: 'clients.read' },
  {
    to: '/complaints',
    labelKey: 'complaints.nav',
    icon: IconAlertOctagon,
    permission: 'complaints.register',
  },
  { to: '/knowledge', labelKey: 'knowledge.nav', icon: IconBook, permission: 'knowledge.write' },
  { to: '/reports', labelKey: 'reports.nav', icon: IconChartBar, permission: 'reports.read' },
  { to: '/admin', labelKey: 'nav.admin', icon: IconSettings, permission: 'admin.access' },
];

/** The items a user with these permissions may open. */
export const navItemsFor = (permissions: readonly string[]): NavItem[] =>
  NAV_ITEMS.filter((item) => permissions.includes(item.permission));
