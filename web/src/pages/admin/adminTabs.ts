import {
  IconBellRinging,
  IconBuildingBank,
  IconChartBar,
  IconHistory,
  IconListDetails,
  IconRoute,
  IconLock,
  IconMail,
  IconShieldCheck,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';

export interface AdminTab {
  path: string;
  labelKey: string;
  icon: Icon;
  /** Tab is hidden without this permission (the API would refuse anyway). */
  permission?: string;
}

export const ADMIN_TABS: AdminTab[] = [
  { path: 'staff', labelKey: 'admin.tabs.staff', icon: IconUsers, permission: 'staff.read' },
  { path: 'teams', labelKey: 'admin.tabs.teams', icon: IconUsersGroup },
  { path: 'roles', labelKey: 'admin.tabs.roles', icon: IconShieldCheck, permission: 'staff.read' },
  { path: 'audit', labelKey: 'admin.tabs.audit', icon: IconHistory, permission: 'audit.read' },
  { path: 'security', labelKey: 'admin.tabs.security', icon: IconLock, permission: 'settings.write' },
  { path: 'outbox', labelKey: 'admin.tabs.outbox', icon: IconMail, permission: 'outbox.read' },
  { path: 'assignment', labelKey: 'admin.tabs.assignment', icon: IconRoute, permission: 'settings.write' },
  {
    path: 'sales-statuses',
    labelKey: 'admin.tabs.salesStatuses',
    icon: IconListDetails,
    permission: 'settings.write',
  },
  {
    path: 'trading-alerts',
    labelKey: 'online.rules.tab',
    icon: IconBellRinging,
    permission: 'settings.write',
  },
  {
    path: 'payment-systems',
    labelKey: 'payments.systems.tab',
    icon: IconBuildingBank,
    permission: 'settings.write',
  },
  { path: 'report-digest', labelKey: 'reports.digest.tab', icon: IconChartBar, permission: 'settings.write' },
];
