import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients } from '../clients/schema.js';
import { staffUsers } from '../identity/schema.js';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Who a campaign goes to: every list empty or absent means "any". */
export interface SurveySegment {
  statuses?: string[];
  countries?: string[];
  languages?: string[];
  managerIds?: string[];
}

/** An NPS campaign: the question, the segment of traders, the channels; recipients fixed when sent. */
export const surveyCampaigns = pgTable('survey_campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** Shown above the 0–10 scale; empty: the standard NPS question in the trader's language. */
  question: text('question'),
  segment: jsonb('segment').$type<SurveySegment>().notNull().default({}),
  channels: text('channels').array().$type<('email' | 'cabinet')[]>().notNull(),
  recipientCount: integer('recipient_count').notNull().default(0),
  createdBy: uuid('created_by').references(() => staffUsers.id, { onDelete: 'set null' }),
  createdAt: at('created_at').notNull().defaultNow(),
  /** Closed by a team lead: no more answers, gone from the cabinet; its results stay. */
  closedAt: at('closed_at'),
  closedBy: uuid('closed_by').references(() => staffUsers.id, { onDelete: 'set null' }),
});

/** The traders a campaign was sent to, with the hash of their emailed answer link's token. */
export const surveyRecipients = pgTable(
  'survey_recipients',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    emailedAt: at('emailed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.clientId] }),
    uniqueIndex('survey_recipients_token_uq').on(t.tokenHash),
    index('survey_recipients_client_idx').on(t.clientId),
  ],
);

/** One answer per trader per campaign (the primary key makes a repeat a no-op). */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    comment: text('comment'),
    channel: text('channel').$type<'email' | 'cabinet'>().notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.clientId] }),
    index('survey_answers_campaign_idx').on(t.campaignId, t.createdAt),
    check('survey_answers_score_ck', sql`${t.score} between 0 and 10`),
  ],
);

/**
 * Proactive messages (a follow-up after a resolved conversation, a templated message after an account
 * alert): one per (kind, source), sent when due, logged on the client's timeline.
 */
export const proactiveMessages = pgTable(
  'proactive_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<'follow_up' | 'alert'>().notNull(),
    /** The conversation followed up, or the alert event's id. */
    sourceId: text('source_id').notNull(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    toEmail: text('to_email'),
    language: text('language').notNull().default('en'),
    /** Template variables (conversation number, alert rule, login…). */
    vars: jsonb('vars').$type<Record<string, string>>().notNull().default({}),
    dueAt: at('due_at').notNull(),
    sentAt: at('sent_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('proactive_messages_source_uq').on(t.kind, t.sourceId),
    index('proactive_messages_due_idx')
      .on(t.dueAt)
      .where(sql`${t.sentAt} is null`),
  ],
);

/** The proactive settings, one row (delay, templates per language, the alert cursor). */
export const proactiveSettings = pgTable('proactive_settings', {
  id: integer('id').primaryKey().default(1),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  /** The last `trading.alert_raised` event id turned into a message (events are read in id order). */
  alertCursor: bigint('alert_cursor', { mode: 'number' }).notNull().default(0),
  updatedAt: at('updated_at').notNull().defaultNow(),
});
