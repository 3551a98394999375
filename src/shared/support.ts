/**
 * Support desk value lists, shared by the server (src/modules/support), the web app and the widget;
 * zod-free so the browser bundles import them as plain arrays.
 */

/** Where a conversation came from. `callback` arrives with telephony (issue 13). */
export const SUPPORT_CHANNELS = ['chat', 'email', 'cabinet', 'callback'] as const;
export type SupportChannel = (typeof SUPPORT_CHANNELS)[number];
/** What a conversation is: an ordinary one, or a formal complaint (the complaints module marks it). */
export const CONVERSATION_KINDS = ['conversation', 'complaint'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

/**
 * open: waiting on us; pending: waiting on the customer (the SLA clock pauses); snoozed: hidden until
 * `snoozedUntil`; resolved: answered, reopens on a new customer message; closed: final.
 */
export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved', 'closed'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const CONVERSATION_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type ConversationPriority = (typeof CONVERSATION_PRIORITIES)[number];

/** Who wrote a message. */
export const MESSAGE_AUTHORS = ['customer', 'agent', 'bot', 'system'] as const;
export type MessageAuthor = (typeof MESSAGE_AUTHORS)[number];

/** public: the customer sees it; internal: a note between staff. */
/** A customer message's sentiment flag (src/core/language/sentiment.ts; null: neither). */
export const SENTIMENT_FLAGS = ['negative', 'very_negative'] as const;
export type SentimentFlag = (typeof SENTIMENT_FLAGS)[number];

export const MESSAGE_VISIBILITIES = ['public', 'internal'] as const;
export type MessageVisibility = (typeof MESSAGE_VISIBILITIES)[number];

/** An agent's availability for routing. */
export const AGENT_STATUSES = ['online', 'away', 'offline'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/** The inbox's saved views. */
export const INBOX_VIEWS = ['mine', 'unassigned', 'team', 'all', 'breached'] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/**
 * Raw support metrics, recorded as they happen (support_metrics), from which reports are rebuilt.
 * first_response: the first public agent reply; reply: every later one (next response time);
 * resolution / reopen: status changes; csat: a rating; handoff: the bot handed over (issue 12, detail
 * = the reason); bot_resolved: the bot's answer was enough (the visitor thanked it, or left it idle);
 * sla_breach: a deadline passed.
 */
export const SUPPORT_METRIC_KINDS = [
  'first_response',
  'reply',
  'resolution',
  'reopen',
  'csat',
  'handoff',
  'bot_resolved',
  'sla_breach',
] as const;
export type SupportMetricKind = (typeof SUPPORT_METRIC_KINDS)[number];

/** The three SLA clocks. */
export const SLA_TARGETS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

/** Languages the desk routes by (seed 004's 14; a team or agent may list any ISO 639-1 code). */
export const SUPPORT_LANGUAGES = [
  'en',
  'ru',
  'id',
  'ar',
  'es',
  'pt',
  'fr',
  'de',
  'it',
  'tr',
  'vi',
  'th',
  'zh',
  'ms',
] as const;

/** Weekly business hours: per ISO weekday (1 = Monday … 7 = Sunday), [start, end) minute ranges. */
export type BusinessHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', [number, number][]>>;

/** What a FAQ bot message is (support/bot): the widget and the inbox label it and show its article. */
export const BOT_MESSAGE_KINDS = [
  'greeting',
  'answer',
  'robot',
  'handover',
  'away',
  'resolved',
  'clarify',
] as const;
export type BotMessageKind = (typeof BOT_MESSAGE_KINDS)[number];

/** Kept on a bot's message (conversation_messages.bot): its kind and the article it cites. */
export interface BotMessageMeta {
  kind: BotMessageKind;
  article?: { id: string; title: string; url: string } | null;
  /** 0–100: how sure the engine was of the article (answers only). */
  confidence?: number | null;
}
