import { z } from 'zod';
import {
  AGENT_STATUSES,
  BOT_MESSAGE_KINDS,
  CONVERSATION_PRIORITIES,
  CONVERSATION_STATUSES,
  MESSAGE_AUTHORS,
  MESSAGE_VISIBILITIES,
  SENTIMENT_FLAGS,
  SUPPORT_CHANNELS,
  CONVERSATION_KINDS,
} from '../support.js';
import { isoTime } from './common.js';

// The support desk's answers (agent inbox, widget, cabinet tickets). Value lists: src/shared/support.ts.
// Sections per part of the module, so each grows in its own place.

// ── conversations and messages (src/modules/support/conversations) ──────────────────────────────

/** A FAQ bot's message: its kind and the knowledge-base article it cites (support/bot). */
export const botMessageMeta = z.object({
  kind: z.enum(BOT_MESSAGE_KINDS),
  article: z.object({ id: z.string(), title: z.string(), url: z.string() }).nullable().optional(),
  confidence: z.number().nullable().optional(),
});

/** A file on a message; `url` is served only to those who may see the conversation. */
export const attachmentView = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
  url: z.string(),
});
export type AttachmentView = z.input<typeof attachmentView>;

/** A message as staff see it (the widget's view is narrower: no internal notes, no staff ids). */
export const messageView = z.object({
  id: z.string(),
  seq: z.number(),
  authorKind: z.enum(MESSAGE_AUTHORS),
  authorStaffId: z.string().nullable(),
  authorName: z.string().nullable(),
  visibility: z.enum(MESSAGE_VISIBILITIES),
  body: z.string(),
  /** Sanitized HTML of an email, when it had one. */
  bodyHtml: z.string().nullable(),
  /** A customer message's sentiment (−1..1) and flag; null for staff's messages. */
  sentimentScore: z.number().nullish(),
  sentimentFlag: z.enum(SENTIMENT_FLAGS).nullish(),
  attachments: z.array(attachmentView),
  /** Set on the FAQ bot's messages. */
  bot: botMessageMeta.nullable().optional(),
  createdAt: isoTime,
});
export type MessageView = z.input<typeof messageView>;

/** `GET …/messages?after=seq`: the messages after a seq, oldest first, and the conversation's last seq. */
export const messagePage = z.object({ items: z.array(messageView), lastSeq: z.number() });
export type MessagePage = z.input<typeof messagePage>;

/** The SLA clocks as the inbox shows them (live timers count down to the due instants). */
export const slaView = z.object({
  policyName: z.string().nullable(),
  firstResponseDueAt: isoTime.nullable(),
  nextResponseDueAt: isoTime.nullable(),
  resolutionDueAt: isoTime.nullable(),
  pausedAt: isoTime.nullable(),
  breachedAt: isoTime.nullable(),
});
export type SlaView = z.input<typeof slaView>;

/** A row of the inbox. */
export const conversationSummary = z.object({
  id: z.string(),
  number: z.number(),
  channel: z.enum(SUPPORT_CHANNELS),
  kind: z.enum(CONVERSATION_KINDS),
  status: z.enum(CONVERSATION_STATUSES),
  priority: z.enum(CONVERSATION_PRIORITIES),
  language: z.string().nullable(),
  subject: z.string().nullable(),
  /** The last message's first line, for the list. */
  preview: z.string().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  clientId: z.string().nullable(),
  clientName: z.string().nullable(),
  tags: z.array(z.string()),
  lastSeq: z.number(),
  messageCount: z.number(),
  lastMessageAt: isoTime.nullable(),
  waitingSince: isoTime.nullable(),
  sla: slaView,
  csatScore: z.number().nullable(),
  /** The latest customer message's sentiment and flag (support/sentiment). */
  sentimentScore: z.number().nullish(),
  sentimentFlag: z.enum(SENTIMENT_FLAGS).nullish(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type ConversationSummary = z.input<typeof conversationSummary>;
export const conversationList = z.object({ items: z.array(conversationSummary), total: z.number() });
export type ConversationList = z.input<typeof conversationList>;

/** The open conversation: the row plus what the pane beside it shows. */
export const conversationDetail = conversationSummary.extend({
  contactPhone: z.string().nullable(),
  firstResponseAt: isoTime.nullable(),
  resolvedAt: isoTime.nullable(),
  snoozedUntil: isoTime.nullable(),
  csatComment: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
});
export type ConversationDetail = z.input<typeof conversationDetail>;

/** A message of a cabinet ticket as the trader sees it: public only, no staff ids. */
export const ticketMessageView = z.object({
  id: z.string(),
  seq: z.number(),
  authorKind: z.enum(MESSAGE_AUTHORS),
  authorName: z.string().nullable(),
  body: z.string(),
  attachments: z.array(attachmentView),
  createdAt: isoTime,
});
export type TicketMessageView = z.input<typeof ticketMessageView>;

/** A trader's cabinet ticket. */
export const ticketView = z.object({
  id: z.string(),
  number: z.number(),
  subject: z.string().nullable(),
  status: z.enum(CONVERSATION_STATUSES),
  language: z.string().nullable(),
  messageCount: z.number(),
  lastMessageAt: isoTime.nullable(),
  createdAt: isoTime,
});
export type TicketView = z.input<typeof ticketView>;
export const ticketList = z.object({ items: z.array(ticketView), total: z.number() });
export type TicketList = z.input<typeof ticketList>;
export const ticketDetail = ticketView.extend({ messages: z.array(ticketMessageView), lastSeq: z.number() });
export type TicketDetail = z.input<typeof ticketDetail>;

/** A canned response (per language, for one team or all). */
export const cannedView = z.object({
  id: z.string(),
  title: z.string(),
  shortcut: z.string(),
  language: z.string(),
  body: z.string(),
  teamId: z.string().nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type CannedView = z.input<typeof cannedView>;
export const cannedList = z.object({ items: z.array(cannedView) });
export type CannedList = z.input<typeof cannedList>;
/** A canned response with its variables filled in for one conversation (plain text). */
export const cannedRendered = z.object({ body: z.string() });
export type CannedRendered = z.input<typeof cannedRendered>;

// ── routing, agents and SLA policies (src/modules/support/routing, src/modules/support/sla) ───────

/** An agent as routing sees them. */
export const agentView = z.object({
  staffId: z.string(),
  name: z.string(),
  teamIds: z.array(z.string()),
  languages: z.array(z.string()),
  status: z.enum(AGENT_STATUSES),
  capacity: z.number(),
  /** Open chats assigned now. */
  load: z.number(),
  statusChangedAt: isoTime,
});
export type AgentView = z.input<typeof agentView>;
export const agentList = z.object({ items: z.array(agentView) });
export type AgentList = z.input<typeof agentList>;

/** An SLA policy: targets in minutes (null = not measured), the first enabled match by sortOrder wins. */
export const slaPolicyView = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.enum(SUPPORT_CHANNELS).nullable(),
  priority: z.enum(CONVERSATION_PRIORITIES).nullable(),
  firstResponseMinutes: z.number().nullable(),
  nextResponseMinutes: z.number().nullable(),
  resolutionMinutes: z.number().nullable(),
  businessHoursOnly: z.boolean(),
  warnBeforeMinutes: z.number(),
  sortOrder: z.number(),
  enabled: z.boolean(),
  updatedAt: isoTime,
});
export type SlaPolicyView = z.input<typeof slaPolicyView>;
export const slaPolicyList = z.object({ items: z.array(slaPolicyView) });
export type SlaPolicyList = z.input<typeof slaPolicyList>;

/** A support team's calendar: time zone, weekly hours per ISO weekday ([start, end) minutes), holidays. */
export const teamCalendarView = z.object({
  teamId: z.string(),
  timeZone: z.string(),
  businessHours: z.record(z.string(), z.array(z.tuple([z.number(), z.number()]))),
  holidays: z.array(z.string()),
  languages: z.array(z.string()),
  isDefault: z.boolean(),
  updatedAt: isoTime.nullable(),
});
export type TeamCalendarView = z.input<typeof teamCalendarView>;

// ── widget and CSAT (src/modules/support/widget) ─────────────────────────────────────────────────

/**
 * A message as the visitor sees it: public ones only, no staff ids, the agent by the name they show.
 * The widget renders `body` as text, never as HTML.
 */
/** A file on a widget message as the visitor sees it (downloaded with the visitor token). */
export const widgetAttachment = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number(),
});
export type WidgetAttachment = z.input<typeof widgetAttachment>;

export const widgetMessage = z.object({
  seq: z.number(),
  id: z.string(),
  authorKind: z.enum(MESSAGE_AUTHORS),
  authorName: z.string().nullable(),
  body: z.string(),
  /** Present when the message carries files. */
  attachments: z.array(widgetAttachment).optional(),
  /** Present on the FAQ bot's messages: the widget labels them and shows the cited article. */
  bot: botMessageMeta.optional(),
  createdAt: isoTime,
});
export type WidgetMessage = z.input<typeof widgetMessage>;

/** The visitor's chat as the widget shows its header: status, the agent and the queue. */
export const widgetState = z.object({
  conversationId: z.string().nullable(),
  /** `none` before the first message. */
  status: z.enum([...CONVERSATION_STATUSES, 'none']),
  agent: z.object({ name: z.string(), online: z.boolean() }).nullable(),
  /** 1 = next to be answered; null when assigned or not queued. */
  queuePosition: z.number().nullable(),
  lastSeq: z.number(),
  /** Resolved and not yet rated: the widget asks for a rating. */
  csatPending: z.boolean(),
});
export type WidgetState = z.input<typeof widgetState>;

/** `POST /api/support/widget/session`: the visitor's token (keep it; only its hash is stored). */
export const widgetSession = z.object({
  token: z.string(),
  visitor: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    language: z.string().nullable(),
    /** Signed in through the cabinet (the chat is linked to the trader's client). */
    trader: z.boolean(),
  }),
  state: widgetState,
});
export type WidgetSession = z.input<typeof widgetSession>;

export const widgetConfig = z.object({
  /** Some agent is online for this language: a live chat; else the widget leaves a message. */
  online: z.boolean(),
  languages: z.array(z.string()),
  texts: z.object({ greeting: z.string().nullable(), offline: z.string().nullable() }),
});
export type WidgetConfig = z.input<typeof widgetConfig>;

export const widgetMessagePage = z.object({ items: z.array(widgetMessage), state: widgetState });
export type WidgetMessagePage = z.input<typeof widgetMessagePage>;

/** The visitor's upload: the file, on a message of its own in the visitor's conversation. */
export const widgetUploaded = z.object({
  conversationId: z.string(),
  seq: z.number(),
  duplicate: z.boolean(),
  attachment: widgetAttachment.nullable(),
});
export type WidgetUploaded = z.input<typeof widgetUploaded>;

/** A message taken (HTTP fallback): its seq, and whether it was a retry of one already stored. */
export const widgetSent = z.object({
  conversationId: z.string(),
  seq: z.number(),
  duplicate: z.boolean(),
});
export type WidgetSent = z.input<typeof widgetSent>;

/** The cabinet's signed token that identifies the trader to the widget. */
export const chatToken = z.object({ token: z.string(), expiresAt: isoTime });
export type ChatToken = z.input<typeof chatToken>;

/** Where the transcript was mailed. */
export const transcriptSent = z.object({ to: z.string() });

export const csatView = z.object({ score: z.number(), comment: z.string().nullable(), at: isoTime });
export type CsatView = z.input<typeof csatView>;

// ── email channel and attachments (src/modules/support/email) ────────────────────────────────────

// ── FAQ bot (src/modules/support/bot) ─────────────────────────────────────────────────────────────

/** `GET/PUT /api/support/bot/settings`: the bot on or off, and its confidence threshold (0–100). */
export const botSettingsView = z.object({ enabled: z.boolean(), threshold: z.number() });
export type BotSettingsView = z.input<typeof botSettingsView>;
