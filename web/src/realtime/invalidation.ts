import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { queryKeys } from '../api/queryKeys';
import type { EventType } from '../../../src/shared/events';
import type { DomainEvent } from './messages';

type KeysOf = (event: DomainEvent) => QueryKey[];

/**
 * Staff and teams reference each other (team name on a staff row, member count and lead on a team
 * row), so changes to either refresh both.
 */
const staffAndTeams: KeysOf = () => [queryKeys.staff, queryKeys.teams];
const sessions: KeysOf = () => [queryKeys.sessions];
const settings: KeysOf = () => [queryKeys.securitySettings, queryKeys.salesStatuses];
const assignmentRules: KeysOf = () => [queryKeys.assignmentRules];
/** Only the audit trail (added for every event). */
const auditOnly: KeysOf = () => [];
const knowledge: KeysOf = () => [['knowledge']];
/** A client changed: the list, and that client's card, timeline and tasks. */
const client: KeysOf = (e) => [
  queryKeys.clientLists,
  ...(e.subjectId ? [queryKeys.client(e.subjectId)] : []),
];

/** A call changed: the calls lists (keys under ['calls'], web/src/api/telephony.ts) and the client's card. */
const calls: KeysOf = (e) => [['calls'], ...client(e)];
/** The screen pop and the live call bar read the current call; the card is refreshed with it. */
const liveCall: KeysOf = (e) => [
  ['calls'],
  ...(e.subjectType === 'client' && e.subjectId ? [queryKeys.client(e.subjectId)] : []),
];

/**
 * Trading on a client's accounts (opened, online, alerts, margin call…): that client's accounts and
 * alerts, its card (Online flag, Live status) and "Online now"; plus what the event changes besides.
 */
const trading =
  (...also: QueryKey[]): KeysOf =>
  (e) => [
    queryKeys.onlineClients,
    ...also,
    ...(e.subjectType === 'client' && e.subjectId
      ? [queryKeys.tradingClient(e.subjectId), queryKeys.client(e.subjectId)]
      : []),
  ];
/** The client list shows the Online icon and the status (Live), so these refresh it too. */
const presence = trading(queryKeys.clientLists, queryKeys.onlineCount);
const alertRules = trading(queryKeys.alertRules);
/**
 * Payments: every payments query (finance queue, systems, settings, the card's Payments tab) lives
 * under the `payments` domain (web/src/api/payments.ts); a client's payment also changes its card and
 * the list's FTD / net-deposit columns.
 */
const PAYMENTS_DOMAIN: QueryKey = ['payments'];
const payments: KeysOf = (e) => [PAYMENTS_DOMAIN, ...client(e)];
const paymentsOnly: KeysOf = () => [PAYMENTS_DOMAIN];
/**
 * Support: every support query (inbox lists, a conversation, agents, SLA policies) lives under the
 * `support` domain (web/src/api/support.ts); an event about a linked client also changes its card.
 */
const SUPPORT_DOMAIN: QueryKey = ['support'];
/** The support floor's wallboard (web/src/api/reports.ts): every support event may change it. */
const REPORTS_WALLBOARD: QueryKey = ['reports', 'wallboard'];
export const support: KeysOf = (e) => [
  SUPPORT_DOMAIN,
  REPORTS_WALLBOARD,
  ...(e.subjectType === 'client' ? client(e) : []),
];
export const supportOnly: KeysOf = () => [SUPPORT_DOMAIN, REPORTS_WALLBOARD];
/** NPS surveys: every query under the `surveys` domain (web/src/api/surveys.ts); an answer is on the card. */
const SURVEYS_DOMAIN: QueryKey = ['surveys'];
const surveys: KeysOf = (e) => [SURVEYS_DOMAIN, ...(e.subjectType === 'client' ? client(e) : [])];
/** Complaints: every complaints query (register, a complaint, the report) lives under `complaints`. */
const COMPLAINTS_DOMAIN: QueryKey = ['complaints'];
const complaints: KeysOf = () => [COMPLAINTS_DOMAIN, SUPPORT_DOMAIN];

/**
 * Which cached queries each event type makes stale, besides the audit trail (every event is an audit
 * row) and the viewer's own profile (an event about them). Every catalogued type is listed
 * (src/shared/events.ts), so a new or renamed event fails the type check here until it is placed.
 */
/** Call recordings: every telephony query (calls, a client's calls) lives under the `telephony` domain. */
const TELEPHONY_DOMAIN: QueryKey = ['telephony'];
const recordings: KeysOf = (e) => [
  TELEPHONY_DOMAIN,
  ...(typeof e.payload.clientId === 'string' ? [queryKeys.client(e.payload.clientId)] : []),
];

const KEYS: Record<EventType, KeysOf> = {
  'assignment.rule_created': assignmentRules,
  'assignment.rule_updated': assignmentRules,
  'assignment.rule_deleted': assignmentRules,
  'assignment.rules_reordered': assignmentRules,
  'assignment.fallback_changed': assignmentRules,
  'auth.login': sessions,
  'auth.login_failed': sessions,
  'auth.logout': sessions,
  'auth.session_ended': sessions,
  'auth.password_changed': sessions,
  'auth.mfa_enrolled': sessions,
  'auth.mfa_disabled': sessions,
  'auth.recovery_codes_regenerated': sessions,
  'client.created': client,
  'client.updated': client,
  'client.sales_status_changed': client,
  'client.status_changed': client,
  'client.reassigned': client,
  'client.tags_changed': client,
  'client.comment_added': client,
  'client.task_created': client,
  'client.task_done': client,
  'client.task_due': client,
  'client.email_sent': client,
  'client.email_confirmed': client,
  'client.cabinet_login': client,
  'client.cabinet_password_changed': client,
  'client.cabinet_password_reset': client,
  'clients.imported': auditOnly,
  'clients.assigned': auditOnly,
  'clients.exported': auditOnly,
  'mail.sensitive_viewed': auditOnly,
  'portal.login_failed': auditOnly,
  'settings.updated': settings,
  'staff.created': staffAndTeams,
  'staff.updated': staffAndTeams,
  'staff.deactivated': staffAndTeams,
  'staff.password_reset': staffAndTeams,
  'staff.mfa_reset': staffAndTeams,
  'staff.profile_updated': staffAndTeams,
  'team.created': staffAndTeams,
  'team.updated': staffAndTeams,
  'team.deleted': staffAndTeams,
  'team.lead_assigned': staffAndTeams,
  'team.lead_removed': staffAndTeams,
  'trading.account_opened': trading(queryKeys.clientLists),
  'trading.client_online': presence,
  'trading.client_offline': presence,
  'trading.balance_operation': trading(),
  'trading.margin_call': trading(),
  'trading.stop_out': trading(),
  'trading.gap_detected': trading(),
  'trading.gateway_secret_viewed': trading(),
  'trading.alert_raised': trading(),
  'trading.alert_cleared': trading(),
  'trading.alert_rule_created': alertRules,
  'trading.alert_rule_updated': alertRules,
  'trading.alert_rule_deleted': alertRules,
  'payment.requested': payments,
  'payment.executed': payments,
  'payment.rejected': payments,
  'payment.problem': payments,
  'payment.ftd': payments,
  'payment.refunded': payments,
  'payment.charged_back': payments,
  'payments.settings_updated': paymentsOnly,
  'payments.system_saved': paymentsOnly,
  'payments.rates_updated': paymentsOnly,
  'payments.exported': auditOnly,
  'withdrawal.requested': payments,
  'withdrawal.approved': payments,
  'withdrawal.paid': payments,
  'withdrawal.rejected': payments,
  'payments.reconciliation_diff': paymentsOnly,
  // support — conversations:
  'support.conversation_opened': support,
  'support.conversation_assigned': support,
  'support.conversation_status_changed': support,
  'support.client_linked': support,
  'support.conversations_merged': support,
  'support.mentioned': supportOnly,
  'support.conversation_converted': support,
  // support — routing and SLA:
  'support.sla_warning': support,
  'support.sla_breached': support,
  'support.agent_status_changed': supportOnly,
  'support.conversation_updated': supportOnly,
  'support.settings_changed': supportOnly,
  // support — widget and CSAT:
  'support.csat_received': support,
  'support.negative_run': support,
  'survey.campaign_sent': surveys,
  'survey.campaign_closed': surveys,
  'survey.answered': surveys,
  'proactive.message_sent': client,
  'proactive.settings_changed': surveys,
  'support.bot_handed_over': support,
  // support — email:
  // knowledge: the staff article list and editor (keys of web/src/api/knowledge.ts).
  'knowledge.article_created': knowledge,
  'knowledge.article_updated': knowledge,
  'knowledge.article_published': knowledge,
  'knowledge.article_unpublished': knowledge,
  'knowledge.article_deleted': knowledge,
  'knowledge.settings_changed': knowledge,
  'knowledge.feedback_received': knowledge,
  // complaints:
  'complaints.created': complaints,
  'complaints.acknowledged': complaints,
  'complaints.note_added': complaints,
  'complaints.escalated': complaints,
  'complaints.deadline_warning': complaints,
  'complaints.final_response_sent': complaints,
  'complaints.exported': auditOnly,
  'reports.exported': auditOnly,
  'reports.rollups_rebuilt': auditOnly,
  'complaints.settings_updated': complaints,
  // Call recordings: the call's record (its recording status) on the card; a listen is an audit row only.
  'telephony.recording_stored': recordings,
  'telephony.recording_failed': recordings,
  'telephony.recording_played': auditOnly,
  'telephony.recording_downloaded': auditOnly,
  'telephony.recording_deleted': recordings,
  // telephony: the live call bar, the screen pop and the calls on the client card.
  'call.started': calls,
  'call.ringing': liveCall,
  'call.answered': liveCall,
  'call.ended': calls,
  'call.disposition_set': calls,
  'call.inbound_ringing': liveCall,
  'call.missed': calls,
  'call.recording_ready': calls,
};

export function keysForEvent(event: DomainEvent, currentUserId: string | null): QueryKey[] {
  const keys: QueryKey[] = [queryKeys.audit]; // every event is an audit row
  // A type this build does not know (a newer server) refreshes only the audit trail.
  if (Object.hasOwn(KEYS, event.type)) keys.push(...KEYS[event.type as EventType](event));
  // Something happened to me (role, team, 2FA reset…): refresh my profile and permissions.
  if (currentUserId && event.subjectType === 'staff' && event.subjectId === currentUserId)
    keys.push(queryKeys.me);
  return keys;
}

/**
 * Collects keys for a short moment before invalidating, so a burst of
 * replayed events after a reconnect causes one refetch per list, not hundreds.
 */
export function createInvalidationBatcher(queryClient: QueryClient, delayMs = 150) {
  const pending = new Map<string, QueryKey>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const keys = [...pending.values()];
    pending.clear();
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
  };

  return {
    add(keys: QueryKey[]) {
      for (const key of keys) pending.set(JSON.stringify(key), key);
      timer ??= setTimeout(flush, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}
