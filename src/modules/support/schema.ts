import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type {
  AgentStatus,
  BotMessageMeta,
  BusinessHours,
  ConversationKind,
  ConversationPriority,
  ConversationStatus,
  MessageAuthor,
  MessageVisibility,
  SentimentFlag,
  SupportChannel,
  SupportMetricKind,
} from '../../shared/support.js';
import { clients } from '../clients/schema.js';
import { staffUsers, teams } from '../identity/schema.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const instant = (name: string) => timestamp(name, { withTimezone: true });
const textList = (name: string) =>
  text(name)
    .array()
    .notNull()
    .default(sql`'{}'::text[]`);

/**
 * A support team's working calendar and the languages it serves (the team itself is identity's).
 * Routing sends a conversation to the team serving its language, else to the default team.
 */
export const supportTeams = pgTable('support_teams', {
  teamId: uuid('team_id')
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  timeZone: text('time_zone').notNull().default('UTC'),
  businessHours: jsonb('business_hours').$type<BusinessHours>().notNull().default({}),
  /** ISO dates (YYYY-MM-DD, in the team's time zone) the team does not work. */
  holidays: textList('holidays'),
  languages: textList('languages'),
  isDefault: boolean('is_default').notNull().default(false),
  updatedAt: updatedAt(),
});

/** A staff member who answers conversations: skills, status and capacity for routing. */
export const supportAgents = pgTable(
  'support_agents',
  {
    staffId: uuid('staff_id')
      .primaryKey()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    /** Support teams the agent takes conversations for (identity teams). */
    teamIds: uuid('team_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    languages: textList('languages'),
    status: text('status').$type<AgentStatus>().notNull().default('offline'),
    /** How many open chats at once. */
    capacity: integer('capacity').notNull().default(5),
    /** Round-robin: among equally loaded agents the one assigned longest ago goes first. */
    lastAssignedAt: instant('last_assigned_at'),
    statusChangedAt: instant('status_changed_at').notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [index('support_agents_status_idx').on(t.status)],
);

/** Response and resolution targets by channel and priority (null = any); the first match wins. */
export const slaPolicies = pgTable('sla_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  channel: text('channel').$type<SupportChannel>(),
  priority: text('priority').$type<ConversationPriority>(),
  firstResponseMinutes: integer('first_response_minutes'),
  nextResponseMinutes: integer('next_response_minutes'),
  resolutionMinutes: integer('resolution_minutes'),
  /** Count only the team's business hours (else calendar time). */
  businessHoursOnly: boolean('business_hours_only').notNull().default(true),
  /** Warn this many minutes before a deadline. */
  warnBeforeMinutes: integer('warn_before_minutes').notNull().default(5),
  sortOrder: integer('sort_order').notNull().default(0),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Someone writing through the widget: identified by a token of their own (only its hash is kept). */
export const supportVisitors = pgTable(
  'support_visitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    name: text('name'),
    email: text('email'),
    language: text('language'),
    /** Set when the visitor is a signed-in trader (the cabinet's signed token) or staff linked them. */
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastSeenAt: instant('last_seen_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('support_visitors_token_uq').on(t.tokenHash)],
);

/** One conversation with a customer, from any channel, from first message to closing. */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The ticket number customers quote (#1042). */
    number: bigserial('number', { mode: 'number' }).notNull(),
    channel: text('channel').$type<SupportChannel>().notNull(),
    /** `complaint` once the complaints module made it a formal complaint (the inbox shows a badge). */
    kind: text('kind').$type<ConversationKind>().notNull().default('conversation'),
    status: text('status').$type<ConversationStatus>().notNull().default('open'),
    priority: text('priority').$type<ConversationPriority>().notNull().default('normal'),
    language: text('language'),
    subject: text('subject'),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    visitorId: uuid('visitor_id').references(() => supportVisitors.id, { onDelete: 'set null' }),
    /** Who wrote in, as they gave it (a visitor's pre-chat form, an email's From). */
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    tags: textList('tags'),
    /** The last message's sequence number: messages are numbered 1, 2, 3… per conversation. */
    lastSeq: integer('last_seq').notNull().default(0),
    messageCount: integer('message_count').notNull().default(0),
    lastMessageAt: instant('last_message_at'),
    /** The oldest customer message not yet answered publicly; null when nothing waits on us. */
    waitingSince: instant('waiting_since'),
    firstResponseAt: instant('first_response_at'),
    resolvedAt: instant('resolved_at'),
    snoozedUntil: instant('snoozed_until'),
    /** When a chat entered the team queue unassigned (queue position orders by this). */
    queuedAt: instant('queued_at'),
    // SLA clocks (src/modules/support/sla): deadlines as computed with the team's calendar, moved when a
    // pause ends; `slaNextDueAt` is the earliest open one, for the breach job and the "breached" view.
    slaPolicyId: uuid('sla_policy_id').references(() => slaPolicies.id, { onDelete: 'set null' }),
    firstResponseDueAt: instant('first_response_due_at'),
    nextResponseDueAt: instant('next_response_due_at'),
    resolutionDueAt: instant('resolution_due_at'),
    slaNextDueAt: instant('sla_next_due_at'),
    slaPausedAt: instant('sla_paused_at'),
    slaBreachedAt: instant('sla_breached_at'),
    /** Warnings and escalations already sent, so the job sends each once: `{ first_response: 'warned' }`. */
    slaNotified: jsonb('sla_notified').$type<Record<string, string>>().notNull().default({}),
    // CSAT: asked after a resolution, in the widget or by an emailed link (token hash), one reminder.
    csatScore: integer('csat_score'),
    csatComment: text('csat_comment'),
    csatAt: instant('csat_at'),
    csatTokenHash: text('csat_token_hash'),
    csatRequestedAt: instant('csat_requested_at'),
    csatRemindedAt: instant('csat_reminded_at'),
    // Sentiment (support/sentiment): the latest customer message's score (−1..1) and flag, and how many
    // negative customer messages came in a row (the team lead hears of a run once, at the threshold).
    sentimentScore: real('sentiment_score'),
    sentimentFlag: text('sentiment_flag').$type<SentimentFlag>(),
    negativeRun: integer('negative_run').notNull().default(0),
    /** Set on the conversation merged away; its messages were copied into this one. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => conversations.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('conversations_number_uq').on(t.number),
    index('conversations_status_idx').on(t.status, t.lastMessageAt),
    index('conversations_assignee_idx').on(t.assigneeId, t.status),
    index('conversations_team_idx').on(t.teamId, t.status),
    index('conversations_client_idx').on(t.clientId, t.createdAt),
    index('conversations_visitor_idx').on(t.visitorId, t.createdAt),
    index('conversations_sla_due_idx')
      .on(t.slaNextDueAt)
      .where(sql`${t.slaNextDueAt} is not null`),
    index('conversations_queue_idx')
      .on(t.teamId, t.queuedAt)
      .where(sql`${t.queuedAt} is not null`),
    index('conversations_csat_token_idx')
      .on(t.csatTokenHash)
      .where(sql`${t.csatTokenHash} is not null`),
  ],
);

/**
 * A message in a conversation, numbered by `seq` (1, 2, 3…): a widget or a screen that reconnects asks
 * for everything after the last seq it saw, so nothing is lost or shown twice.
 */
export const conversationMessages = pgTable(
  'conversation_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    authorKind: text('author_kind').$type<MessageAuthor>().notNull(),
    authorStaffId: uuid('author_staff_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    authorName: text('author_name'),
    visibility: text('visibility').$type<MessageVisibility>().notNull().default('public'),
    /** Plain text (what chat sends; an email's text part). */
    body: text('body').notNull(),
    /** An email's HTML, sanitized when stored; shown instead of `body` when present. */
    bodyHtml: text('body_html'),
    /** The sender's own id for this message (widget retries): one message per (conversation, id). */
    clientMessageId: text('client_message_id'),
    /** Email headers kept for threading and display: messageId, inReplyTo, references, from, to. */
    email: jsonb('email').$type<Record<string, unknown>>(),
    /** Staff mentioned in an internal note (@name). */
    mentions: uuid('mentions')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** A customer message's sentiment (support/sentiment): score −1..1 and flag; null for staff's. */
    sentimentScore: real('sentiment_score'),
    sentimentFlag: text('sentiment_flag').$type<SentimentFlag>(),
    /** A FAQ bot's message: its kind and the article it cites (support/bot). */
    bot: jsonb('bot').$type<BotMessageMeta>(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('conversation_messages_seq_uq').on(t.conversationId, t.seq),
    uniqueIndex('conversation_messages_client_id_uq')
      .on(t.conversationId, t.clientMessageId)
      .where(sql`${t.clientMessageId} is not null`),
  ],
);

/** Every email Message-ID a conversation has sent or received, for threading replies to it. */
export const supportMessageIds = pgTable(
  'support_message_ids',
  {
    messageId: text('message_id').primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /**
     * True for the ids the desk generated for its own mail (acknowledgements, replies): only a
     * delivery report about one of these is acted on, so a forged bounce cannot name a customer's id.
     */
    outbound: boolean('outbound').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('support_message_ids_conversation_idx').on(t.conversationId)],
);

/** A file attached to a message: the bytes live in the data directory, named by `storageKey`. */
export const supportAttachments = pgTable(
  'support_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** Null while uploaded but not yet sent with a message. */
    messageId: uuid('message_id').references(() => conversationMessages.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    /** Sniffed from the content, not taken from the name or the sender. */
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('support_attachments_message_idx').on(t.messageId)],
);

/** Canned responses per language, with {{client.name}}-style variables. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    /** Typed after `/` in the composer. */
    shortcut: text('shortcut').notNull(),
    language: text('language').notNull(),
    body: text('body').notNull(),
    /** Null = every team. */
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('canned_responses_shortcut_uq').on(t.shortcut, t.language)],
);

/**
 * Raw support metrics as they happen (see SUPPORT_METRIC_KINDS): reports roll these up and can be
 * rebuilt from them. Durations in milliseconds, in calendar time and in the team's business hours.
 */
export const supportMetrics = pgTable(
  'support_metrics',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<SupportMetricKind>().notNull(),
    at: instant('at').notNull(),
    calendarMs: bigint('calendar_ms', { mode: 'number' }),
    businessMs: bigint('business_ms', { mode: 'number' }),
    agentId: uuid('agent_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    channel: text('channel').$type<SupportChannel>().notNull(),
    language: text('language'),
    /** A CSAT score (1–5) or an SLA target's name for a breach. */
    score: integer('score'),
    detail: text('detail'),
  },
  (t) => [
    index('support_metrics_at_idx').on(t.at),
    index('support_metrics_conversation_idx').on(t.conversationId, t.kind),
  ],
);

/** The desk's settings, one row: support addresses, auto-acknowledgement, widget origins, CSAT. */
export const supportSettings = pgTable('support_settings', {
  id: integer('id').primaryKey().default(1),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  updatedAt: updatedAt(),
});
