/**
 * The manager's working view: timeline filters and groups, grouped notifications and muting, the
 * client list's column chooser. Included in the main dictionary under `workview`; ru/id/ar must match
 * this shape (see ../en.ts).
 */
export const workviewEn = {
  timeline: {
    filterLabel: 'Show in the history',
    all: 'All',
    kinds: {
      comments: 'Comments & tasks',
      status: 'Status & profile',
      trading: 'Trading',
      payments: 'Payments',
      alerts: 'Alerts',
      emails: 'Emails',
      support: 'Support',
      calls: 'Calls',
      system: 'Other',
    },
    group: 'Automatic trading events ({{count}}), {{from}} – {{to}}',
    showGroup: 'Show these events',
    hideGroup: 'Hide these events',
    emptyFiltered: 'Nothing of these kinds yet',
  },
  notifications: {
    showGroup: 'Show all {{count}}',
    hideGroup: 'Hide the earlier ones',
  },
  mute: {
    title: 'Pop-up notifications',
    description:
      'Switch off the kinds you do not want to pop up. They still arrive in the bell, and are not emailed either.',
    types: {
      client_assigned: 'New client assigned to me',
      clients_assigned: 'Imported clients assigned to me',
      client_reassigned: 'Client handed over to me',
      client_status_changed: 'Client status changed',
      client_mentioned: 'Someone mentioned me',
      client_task_due: 'Task due',
      trading_account_opened: 'Live account opened',
      trading_client_online: 'Client online in the terminal',
      trading_alert_raised: 'Trading alert',
      trading_margin_call: 'Margin call',
      trading_stop_out: 'Stop-out',
      staff_joined_team: 'New member in my team',
      staff_role_changed: 'My role changed',
      team_lead_assigned: 'I lead a team',
    },
  },
  columns: {
    chooser: 'Columns',
    chooserTitle: 'Columns of the list',
    reset: 'Default columns',
    online: 'Online',
    phone: 'Phone',
    balance: 'Balance',
    equity: 'Equity',
    marginLevel: 'Margin level',
    lastContact: 'Last contact',
    nextTask: 'Next task',
    never: 'Never',
    demo: 'Demo',
    mixedCurrencies: 'Accounts in other currencies are not added in',
    notSortable: 'Comes from the trading platform: not sortable',
  },
};
