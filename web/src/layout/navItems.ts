import {
  IconBook2,
  IconChartBar,
  IconCreditCard,
  IconInbox,
  IconSettings,
  IconUsers,
  IconBroadcast,
  type Icon,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { OnlineNavBadge } from '../pages/online/OnlineNavBadge';

export interface NavItem {
  to: string;
  labelKey: string;
  icon: Icon;
  /** Hidden unless the user has this permission. */
  permission?: string;
  /** A live counter shown at the end of the item. */
  badge?: ComponentType;
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/clients', labelKey: 'nav.clients', icon: IconUsers },
  {
    to: '/online',
    labelKey: 'online.nav',
    icon: IconBroadcast,
    permission: 'clients.read',
    badge: OnlineNavBadge,
  },
  { to: '/inbox', labelKey: 'nav.inbox', icon: IconInbox },
  { to: '/payments', labelKey: 'nav.payments', icon: IconCreditCard },
  { to: '/knowledge-base', labelKey: 'nav.knowledgeBase', icon: IconBook2 },
  { to: '/reports', labelKey: 'nav.reports', icon: IconChartBar },
  { to: '/admin', labelKey: 'nav.admin', icon: IconSettings, permission: 'admin.access' },
];
