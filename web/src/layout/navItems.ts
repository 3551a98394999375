import {
  IconBook2,
  IconChartBar,
  IconCreditCard,
  IconInbox,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';

export interface NavItem {
  to: string;
  labelKey: string;
  icon: Icon;
  /** Hidden unless the user has this permission. */
  permission?: string;
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/clients', labelKey: 'nav.clients', icon: IconUsers },
  { to: '/inbox', labelKey: 'nav.inbox', icon: IconInbox },
  { to: '/payments', labelKey: 'nav.payments', icon: IconCreditCard },
  { to: '/knowledge-base', labelKey: 'nav.knowledgeBase', icon: IconBook2 },
  { to: '/reports', labelKey: 'nav.reports', icon: IconChartBar },
  { to: '/admin', labelKey: 'nav.admin', icon: IconSettings, permission: 'admin.access' },
];
