import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { conversations } from '../schema.js';

/** active: the bot answers; handed_over: people have it; resolved: the bot's answer was enough. */
export const BOT_SESSION_STATES = ['active', 'handed_over', 'resolved'] as const;
export type BotSessionState = (typeof BOT_SESSION_STATES)[number];

/** Why the bot handed a chat to people (the `handoff` metric's detail). */
export const HANDOVER_REASONS = ['asked', 'unsure', 'failed', 'angry'] as const;
export type HandoverReason = (typeof HANDOVER_REASONS)[number];

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The FAQ bot's state of a chat it took (support/bot): one row per conversation, written in the same
 * transaction as the conversation's open. While `active` routing and the SLA clocks leave the chat
 * alone; the handover routes it and starts them.
 */
export const supportBotSessions = pgTable(
  'support_bot_sessions',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    state: text('state').$type<BotSessionState>().notNull().default('active'),
    /** Answers given, and how many of them did not help (the visitor said so, or asked the same again). */
    answers: integer('answers').notNull().default(0),
    failedAnswers: integer('failed_answers').notNull().default(0),
    lastArticleId: uuid('last_article_id'),
    /** The seq of the bot's last answer: idle after it, the chat counts as resolved by the bot. */
    lastAnswerSeq: integer('last_answer_seq'),
    lastAnswerAt: instant('last_answer_at'),
    handoverReason: text('handover_reason').$type<HandoverReason>(),
    handedOverAt: instant('handed_over_at'),
    resolvedAt: instant('resolved_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [index('support_bot_sessions_idle_idx').on(t.state, t.lastAnswerAt)],
);
