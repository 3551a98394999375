/**
 * The event catalogue: every domain event type the server appends, with its payload's schema. The
 * server checks each payload against it when appending (src/core/events.ts); the web app switches on
 * the same list (live invalidation, the client timeline, notifications), so an event renamed here fails
 * the type check wherever it is still named the old way.
 *
 * Payloads are described as stored: adding a field to an event means adding it here. Schemas list the
 * fields a reader may rely on; `z.object` lets the run-time check pass a payload with more fields
 * (it only validates, the payload is stored as given), while the type check of an object literal at the
 * append refuses them. Shared by the server and the browser: Zod only, no Node or database imports.
 */
import { z } from 'zod';
import { CALL_EVENTS } from './call-events.js';
import { SURVEY_EVENTS } from './survey-events.js';

const id = z.string();
const nullableId = z.string().nullable();
const text = z.string();
/** A field-by-field diff, `{ field: { from, to } }` (see changedFields). */
const changes = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));
/** Settings and rule inputs are stored as the form sent them. */
const anyObject = z.record(z.string(), z.unknown());
const empty = z.object({});

/** What every event about a client carries, so a timeline row or a toast can name the client. */
const aboutClient = { clientName: text };
/** Trading events of one account of a client (src/modules/trading/ingest-service.ts crmEvents). */
const onAccount = {
  clientId: id,
  clientName: text,
  accountId: id,
  login: text,
  currency: text,
};
const alertFields = {
  alertId: id,
  kind: text,
  ruleId: id,
  ruleName: text,
  accountId: id,
  login: text,
  threshold: z.number().nullable(),
  taskId: nullableId,
  clientId: id,
  clientName: text,
};
const alertRule = { name: text, kind: text };
const sessionsEnded = z.object({ sessionsEnded: z.number() });
/** What every payment event carries (src/modules/payments/events.ts paymentFields). */
const payment = z.object({
  requestId: id,
  clientId: id,
  ...aboutClient,
  direction: text,
  login: text,
  status: text,
  amount: z.number(),
  currency: text,
  systemName: text,
});
/** What every complaint event carries (src/modules/complaints/events.ts). */
const complaint = { complaintId: id, reference: text, clientId: id, clientName: text };
/** What every support conversation event carries (src/modules/support/conversations/events.ts). */
const conversation = {
  conversationId: id,
  number: z.number(),
  channel: text,
  subject: z.string().nullable(),
  clientId: nullableId,
  clientName: z.string().nullable(),
};
/** Reports attribute a client's figures with its team; money moved in the base currency (minor units). */
const forReports = { teamId: nullableId.optional() };
const moved = { accountAmount: z.number(), baseAmount: z.number().optional() };
const count = z.number();
const failedLogin = { reason: text, userAgent: z.string().nullable().optional() };

export const EVENT_CATALOGUE = {
  // Assignment rules and the fallback team (src/modules/clients/setup-service.ts).
  'assignment.rule_created': anyObject,
  'assignment.rule_updated': anyObject,
  'assignment.rule_deleted': z.object({ name: text }),
  'assignment.rules_reordered': z.object({ ids: z.array(id) }),
  'assignment.fallback_changed': z.object({ fallbackTeamId: nullableId }),

  // Staff sign-in and security (src/modules/identity/auth-service.ts).
  'auth.login': z.object({ method: text, userAgent: z.string().nullable().optional(), email: text }),
  'auth.login_failed': z.object({ email: text, ...failedLogin }),
  'auth.logout': z.object({ sessionId: text }),
  'auth.session_ended': z.object({ sessionId: text }),
  'auth.password_changed': sessionsEnded,
  'auth.mfa_enrolled': empty,
  'auth.mfa_disabled': empty,
  'auth.recovery_codes_regenerated': empty,

  // A client's card (src/modules/clients, the cabinet).
  'client.created': z.object({
    name: text,
    ...aboutClient,
    kind: text,
    source: z.string().nullable(),
    country: z.string().nullable(),
    status: text,
    managerId: nullableId,
    assignedVia: z.string().nullable(),
    ruleId: nullableId.optional(),
    ...forReports,
    campaign: z.string().nullable().optional(),
  }),
  'client.updated': z.object({ changes, ...aboutClient, via: z.enum(['import', 'cabinet']).optional() }),
  'client.sales_status_changed': z.object({ changes, ...aboutClient }),
  'client.status_changed': z.object({
    from: text,
    to: text,
    trigger: text,
    ...aboutClient,
    /** Set by the cause (a cabinet registration): who registered and, by staff, the login given. */
    via: z.string().optional(),
    login: z.string().optional(),
  }),
  'client.reassigned': z.object({
    from: nullableId,
    to: id,
    toName: text,
    reason: text,
    ...aboutClient,
    clientId: id,
    ...forReports,
  }),
  'client.tags_changed': z.object({ from: z.array(text), to: z.array(text), ...aboutClient }),
  'client.comment_added': z.object({
    body: text,
    mentions: z.array(z.object({ id, name: text })),
    ...aboutClient,
  }),
  'client.task_created': z.object({
    taskId: id,
    title: text,
    dueAt: text,
    assigneeId: nullableId,
    ...aboutClient,
  }),
  'client.task_done': z.object({ taskId: id, title: text, ...aboutClient }),
  'client.task_due': z.object({ taskId: id, title: text, dueAt: text, ...aboutClient, clientId: id }),
  'client.email_sent': z.object({ subject: text, to: z.string().nullable(), ...aboutClient }),
  'client.email_confirmed': z.object({
    email: z.string().nullable(),
    ...aboutClient,
    via: z.literal('emailed_password').optional(),
  }),
  'client.cabinet_login': z.object({ ...aboutClient, userAgent: z.string().nullable().optional() }),
  'client.cabinet_password_changed': z.object({ sessionsEnded: z.number(), ...aboutClient }),
  'client.cabinet_password_reset': z.object({ sessionsEnded: z.number(), ...aboutClient }),

  // Many clients at once (src/modules/clients import and export).
  'clients.imported': z.object({ duplicatesMode: text, mapping: anyObject, failed: z.boolean() }),
  'clients.assigned': z.object({ count: z.number(), importId: id }),
  'clients.exported': z.object({ filters: z.unknown(), rowCount: z.number(), truncated: z.boolean() }),

  // The mail outbox (src/modules/activity).
  'mail.sensitive_viewed': z.object({ to: text, subject: text }),

  // The trader cabinet's sign-in (audit trail only).
  'portal.login_failed': z.object({ login: text, ...failedLogin }),

  // Settings: security (mfaRequiredForAll) and the sales statuses.
  'settings.updated': anyObject,

  // Staff accounts (src/modules/identity/staff-service.ts, the profile in auth-service.ts).
  'staff.created': z.object({
    name: text,
    email: text,
    role: text,
    teamId: nullableId,
    staffName: text,
  }),
  'staff.updated': z.object({ changes, staffName: text }),
  'staff.deactivated': z.object({ changes, staffName: text }),
  'staff.password_reset': sessionsEnded,
  'staff.mfa_reset': empty,
  'staff.profile_updated': anyObject,

  // Teams (src/modules/identity/team-service.ts).
  'team.created': z.object({ name: text, kind: text }),
  'team.updated': anyObject,
  'team.deleted': z.object({ name: text }),
  'team.lead_assigned': z.object({ teamId: id, teamName: text, leadName: text }),
  'team.lead_removed': empty,

  // Trading (src/modules/trading): accounts, the platform's reports, alerts and their rules.
  'trading.account_opened': z.object({
    accountId: id,
    login: text,
    kind: text,
    currency: text,
    leverage: z.number(),
    ...aboutClient,
  }),
  'trading.client_online': z.object({ ...onAccount, since: text }),
  /** From ingestion (the account's session ended) or from presence expiry (`reason: 'expired'`). */
  'trading.client_offline': z.object({
    clientId: id,
    clientName: text,
    accountId: id.optional(),
    login: text.optional(),
    currency: text.optional(),
    reason: z.literal('expired').optional(),
  }),
  'trading.balance_operation': z.object({
    ...onAccount,
    opId: id,
    kind: text,
    amount: z.number(),
    comment: z.string().nullable(),
  }),
  'trading.margin_call': z.object({
    ...onAccount,
    marginLevel: z.number().nullable(),
    equity: z.number(),
    at: text,
  }),
  'trading.stop_out': z.object({
    ...onAccount,
    marginLevel: z.number().nullable(),
    equity: z.number(),
    closedPositions: z.unknown(),
    at: text,
  }),
  'trading.gap_detected': z.object({ gaps: z.number() }),
  'trading.gateway_secret_viewed': empty,
  'trading.alert_raised': z.object({
    ...alertFields,
    currency: text,
    value: z.number().nullable(),
    title: text,
  }),
  'trading.alert_cleared': z.object({ ...alertFields, reason: text, value: z.number().nullable() }),
  'trading.alert_rule_created': z.object({
    ...alertRule,
    input: anyObject.optional(),
    default: z.boolean().optional(),
  }),
  'trading.alert_rule_updated': z.object({ ...alertRule, changes: anyObject }),
  'trading.alert_rule_deleted': z.object(alertRule),

  // Payments (src/modules/payments): deposits, withdrawals, the ledger's reconciliation.
  'payment.requested': payment,
  'payment.executed': z.object({ ...payment.shape, ...moved, rate: z.string().nullable() }),
  'payment.rejected': z.object({ ...payment.shape, reasonCode: text, note: z.string().nullable() }),
  'payment.problem': z.object({ ...payment.shape, problem: z.string().nullable() }),
  'payment.ftd': z.object({ ...payment.shape, baseAmount: z.number() }),
  'payment.refunded': z.object({ ...payment.shape, ...moved }),
  'payment.charged_back': z.object({ ...payment.shape, ...moved }),
  'payments.settings_updated': anyObject,
  'payments.system_saved': z.object({ name: text, changes: anyObject }),
  'payments.rates_updated': z.object({ rates: z.array(z.object({ from: text, to: text, rate: text })) }),
  'payments.exported': z.object({ filters: z.unknown(), rowCount: z.number(), truncated: z.boolean() }),
  'withdrawal.requested': payment,
  'withdrawal.approved': z.object({ ...payment.shape, step: z.enum(['first', 'final']) }),
  'withdrawal.paid': z.object({ ...payment.shape, baseAmount: moved.baseAmount }),
  'withdrawal.rejected': z.object({ ...payment.shape, reasonCode: text, note: z.string().nullable() }),
  'payments.reconciliation_diff': z.object({ runId: id, differences: z.number(), accounts: z.number() }),
  // Support desk (src/modules/support). A conversation's events name it and, when linked, its client
  // (subject `client`), so the client card's timeline shows the support history.
  // support — conversations (src/modules/support/conversations/events.ts conversationFields):
  'support.conversation_opened': z.object({ ...conversation, actorName: z.string().nullable() }),
  'support.conversation_assigned': z.object({
    ...conversation,
    assigneeId: nullableId,
    assigneeName: z.string().nullable(),
    previousAssigneeId: nullableId,
    teamId: nullableId,
    queued: z.boolean(),
  }),
  'support.conversation_status_changed': z.object({ ...conversation, from: text, to: text }),
  /** `linked: false` is an unlink; its subject is the client it was unlinked from. */
  'support.client_linked': z.object({ ...conversation, linked: z.boolean(), created: z.boolean() }),
  /** Appended on the conversation merged away (`conversationId`), naming the one it went into. */
  'support.conversations_merged': z.object({
    ...conversation,
    intoId: id,
    intoNumber: z.number(),
    /** The target's client, and whether the two were different customers (a supervisor's forced merge). */
    intoClientId: nullableId.optional(),
    differentCustomers: z.boolean().optional(),
  }),
  /** Staff @mentioned in a note; each is notified (the event is theirs only). */
  'support.mentioned': z.object({ ...conversation, seq: z.number(), byName: z.string().nullable() }),
  'support.conversation_converted': z.object({ ...conversation, from: text, to: text }),
  // support — routing and SLA: a warning before an SLA deadline and the escalation at it (target:
  // first_response | next_response | resolution), and an agent's availability.
  'support.sla_warning': z.object({ ...conversation, target: text, dueAt: text }),
  'support.sla_breached': z.object({ ...conversation, target: text, dueAt: text, priority: text }),
  'support.agent_status_changed': z.object({ staffId: id, name: z.string(), from: text, to: text }),
  /** Priority, tags or language changed from the inbox (`changes`: field → { from, to }). */
  'support.conversation_updated': z.object({ conversationId: id, number: z.number(), changes }),
  /** Desk settings: area canned | sla_policy | agent | team_calendar; action created | updated | deleted. */
  'support.settings_changed': z.object({ area: text, action: text, id: nullableId, changes: anyObject }),
  // support — widget and CSAT (src/modules/support/widget/csat.ts): a customer rated a resolved one.
  'support.csat_received': z.object({
    ...conversation,
    score: z.number(),
    comment: z.string().nullable(),
    agentId: nullableId,
  }),
  // support — sentiment (src/modules/support/sentiment): a run of negative customer messages reached the
  // threshold; the team lead (or the supervisors) is notified.
  'support.negative_run': z.object({ ...conversation, run: z.number(), flag: text, score: z.number() }),
  // support — FAQ bot (src/modules/support/bot): it handed a chat to people (reason: asked | unsure |
  // failed | angry), or its answer resolved one.
  'support.bot_handed_over': z.object({ ...conversation, reason: text, language: z.string().nullable() }),
  // support — email:

  // NPS surveys and proactive messages (shared/survey-events.ts).
  ...SURVEY_EVENTS,
  // knowledge (src/modules/knowledge): articles, their translations, languages, categories, feedback.
  'knowledge.article_created': z.object({ articleId: id, slug: text }),
  /** Place, slug or internal flag (language null), or a translation's draft (changes: field → { from, to }). */
  'knowledge.article_updated': z.object({ articleId: id, slug: text, language: nullableId, changes }),
  'knowledge.article_published': z.object({ articleId: id, slug: text, language: text, version: z.number() }),
  'knowledge.article_unpublished': z.object({ articleId: id, slug: text, language: text }),
  /** Deleted once no language was published; titles: language → the draft's title (the audit trail). */
  'knowledge.article_deleted': z.object({
    articleId: id,
    slug: text,
    titles: z.record(z.string(), z.string()),
  }),
  /** area category | language; action created | updated. */
  'knowledge.settings_changed': z.object({ area: text, action: text, id: nullableId, changes: anyObject }),
  'knowledge.feedback_received': z.object({ articleId: id, language: text, helpful: z.boolean() }),
  // complaints (src/modules/complaints/events.ts complaintFields): subject `complaint`, the audit trail.
  'complaints.created': z.object({
    ...complaint,
    conversationId: id,
    source: text,
    category: text,
    acknowledgementDueAt: text,
    finalResponseDueAt: text,
  }),
  'complaints.acknowledged': z.object({ ...complaint, mailedTo: z.string().nullable() }),
  'complaints.note_added': z.object({ ...complaint, noteId: id }),
  'complaints.escalated': z.object({ ...complaint, from: text, to: text, reason: text }),
  /** A share (50, 80, 100 %) of a deadline (acknowledgement | final_response) has passed. */
  'complaints.deadline_warning': z.object({ ...complaint, deadline: text, level: z.number(), dueAt: text }),
  'complaints.final_response_sent': z.object({
    ...complaint,
    outcome: text,
    redressAmount: z.number().nullable(),
    redressCurrency: z.string().nullable(),
    letterId: id,
    mailedTo: z.string().nullable(),
  }),
  'complaints.exported': z.object({ filters: anyObject, rowCount: z.number(), truncated: z.boolean() }),
  'complaints.settings_updated': anyObject,
  // telephony: a call's life and its recording (shared/call-events.ts).
  ...CALL_EVENTS,
  // reports (src/modules/reports): an export of report rows (audit), a rebuild of the rollups.
  'reports.exported': z.object({ what: text, filters: anyObject, rowCount: count, truncated: z.boolean() }),
  'reports.rollups_rebuilt': z.object({ facts: count, eventCursor: count, metricCursor: count }),
} as const satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type EventCatalogue = typeof EVENT_CATALOGUE;
export type EventType = keyof EventCatalogue;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];
/** The payload of an event type, as an appender writes it. */
export type EventPayload<T extends EventType> = z.input<EventCatalogue[T]>;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_CATALOGUE, type);
}

/**
 * Types that exist only as notifications, never as events: an event's `notify` entry may give its
 * notification another type than the event's (a comment's mention, the new lead's "joined your team").
 */
export const NOTIFICATION_ONLY_TYPES = [
  'client.assigned',
  'client.mentioned',
  'staff.joined_team',
  'staff.role_changed',
] as const;
export type NotificationOnlyType = (typeof NOTIFICATION_ONLY_TYPES)[number];
/** What a notification's `type` may be: its event's type or one of the notification-only types. */
export type AnyNotificationType = EventType | NotificationOnlyType;

/** Why a payload does not fit its event type, or null if it does (or the type is unknown: see isEventType). */
export function payloadProblem(type: EventType, payload: unknown): string | null {
  const result = EVENT_CATALOGUE[type].safeParse(payload);
  return result.success ? null : z.prettifyError(result.error);
}
