/**
 * The client timeline's kinds: what each event type on a client card is, for filtering on the server
 * (src/modules/clients/timeline.ts) and for the filter chips and grouping in the web app. This map is
 * the one place an event type gets its kind; a type not listed here is `system`. Keys are catalogue
 * types (shared/events.ts, a type-only import), so a renamed event fails the type check here.
 */
import type { EventType } from './events.js';

export const TIMELINE_KINDS = [
  'comments',
  'status',
  'trading',
  'payments',
  'alerts',
  'emails',
  'support',
  'calls',
  'system',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

const KIND_OF_TYPE: Readonly<Partial<Record<EventType, Exclude<TimelineKind, 'system'>>>> = {
  // What people did with the client: notes, call-backs.
  'client.comment_added': 'comments',
  'client.task_created': 'comments',
  'client.task_done': 'comments',
  'client.task_due': 'comments',
  // Where the client stands and who owns them.
  'client.created': 'status',
  'client.status_changed': 'status',
  'client.sales_status_changed': 'status',
  'client.reassigned': 'status',
  'client.updated': 'status',
  'client.tags_changed': 'status',
  // The platform's reports, mostly automatic.
  'trading.account_opened': 'trading',
  'trading.client_online': 'trading',
  'trading.client_offline': 'trading',
  'trading.balance_operation': 'trading',
  'trading.margin_call': 'trading',
  'trading.stop_out': 'trading',
  // Alert rules (src/modules/trading/alerts).
  'trading.alert_raised': 'alerts',
  'trading.alert_cleared': 'alerts',
  // Deposits and withdrawals (src/modules/payments).
  'payment.requested': 'payments',
  'payment.executed': 'payments',
  'payment.rejected': 'payments',
  'payment.problem': 'payments',
  'payment.ftd': 'payments',
  'payment.refunded': 'payments',
  'payment.charged_back': 'payments',
  'withdrawal.requested': 'payments',
  'withdrawal.approved': 'payments',
  'withdrawal.paid': 'payments',
  'withdrawal.rejected': 'payments',
  'client.email_sent': 'emails',
  'client.email_confirmed': 'emails',
  // Support conversations linked to the client (src/modules/support/conversations/events.ts).
  'support.conversation_opened': 'support',
  'support.conversation_assigned': 'support',
  'support.conversation_status_changed': 'support',
  'support.client_linked': 'support',
  'support.conversations_merged': 'support',
  'support.conversation_converted': 'support',
  'support.negative_run': 'support',
  // NPS answers and proactive messages (src/modules/surveys).
  'survey.answered': 'support',
  'proactive.message_sent': 'support',
  'support.bot_handed_over': 'support',
  // Phone calls (src/modules/telephony): the call record and its recording.
  'call.started': 'calls',
  'call.ended': 'calls',
  'call.disposition_set': 'calls',
  'call.missed': 'calls',
  'call.recording_ready': 'calls',
};

export function timelineKindOf(type: string): TimelineKind {
  return (KIND_OF_TYPE as Readonly<Record<string, Exclude<TimelineKind, 'system'>>>)[type] ?? 'system';
}

/** The event types of a kind (none for `system`: it is "everything not listed"). */
export function typesOfKind(kind: TimelineKind): string[] {
  return (Object.keys(KIND_OF_TYPE) as EventType[]).filter((type) => KIND_OF_TYPE[type] === kind);
}

/**
 * The event types a kind filter shows. `include` lists the types to keep; with `system` among the
 * kinds, everything is kept except `exclude` (the listed types of the kinds left out).
 */
export function typeFilterOf(kinds: readonly TimelineKind[]): { include: string[] } | { exclude: string[] } {
  const chosen = new Set(kinds);
  const listed = TIMELINE_KINDS.filter((k) => k !== 'system');
  if (chosen.has('system')) return { exclude: listed.filter((k) => !chosen.has(k)).flatMap(typesOfKind) };
  return { include: listed.filter((k) => chosen.has(k)).flatMap(typesOfKind) };
}

/** The counts per kind from counts per event type. */
export function countByKind(
  byType: readonly { type: string; count: number }[],
): Record<TimelineKind, number> {
  const out = Object.fromEntries(TIMELINE_KINDS.map((k) => [k, 0])) as Record<TimelineKind, number>;
  for (const { type, count } of byType) out[timelineKindOf(type)] += count;
  return out;
}

/** Trading reports the platform sent by itself (not an account a person opened): they come in bursts. */
export function isAutomatedTrading(item: { type: string; actorKind: string | null }): boolean {
  return timelineKindOf(item.type) === 'trading' && item.actorKind === 'system';
}

export type TimelineRow<T> = { entry: T } | { group: T[] };

/**
 * Collapses each run of at least `minRun` consecutive automated trading events into one group, so a
 * burst of margin calls does not push a person's note off the screen. Order is kept; a run shorter
 * than `minRun` stays as single entries.
 */
export function groupTimeline<T extends { type: string; actorKind: string | null }>(
  items: readonly T[],
  minRun = 3,
): TimelineRow<T>[] {
  const out: TimelineRow<T>[] = [];
  let run: T[] = [];
  const flush = () => {
    if (run.length >= minRun) out.push({ group: run });
    else for (const entry of run) out.push({ entry });
    run = [];
  };
  for (const item of items) {
    if (isAutomatedTrading(item)) run.push(item);
    else {
      flush();
      out.push({ entry: item });
    }
  }
  flush();
  return out;
}
