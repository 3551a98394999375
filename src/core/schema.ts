import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Who may receive an event over the realtime channel (besides holders of `events.all`). */
export interface Audience {
  users?: string[];
  /** Staff whose record scope is `team` see events of these teams. */
  teams?: string[];
  /** Anyone holding one of these permissions. */
  permissions?: string[];
}

/** Append-only domain event log: the audit trail, the client timeline and the realtime feed. */
export const events = pgTable(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    actorId: uuid('actor_id'),
    actorKind: text('actor_kind').notNull().default('system'),
    ip: text('ip'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    audience: jsonb('audience').$type<Audience>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_type_idx').on(t.type, t.id),
    index('events_actor_idx').on(t.actorId, t.id),
    index('events_subject_idx').on(t.subjectType, t.subjectId, t.id),
    index('events_created_idx').on(t.createdAt),
  ],
);

/** A staff member's notification centre entry; written in the same transaction as its event. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => events.id),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** Set once the copy by email was queued (staff who opted in), or found not wanted. */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_event_idx').on(t.eventId),
    index('notifications_unemailed_idx')
      .on(t.createdAt)
      .where(sql`${t.emailedAt} is null`),
  ],
);

/** Broker-wide settings editable by admins (key → JSON value). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/** A file attached to an outgoing mail, as `mail_outbox.attachments` stores it. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

/** Every outgoing email; without SMTP_URL it stays here for admins to read. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    /** pending → sent | failed; `kept` when no SMTP server is configured. */
    status: text('status').$type<'pending' | 'sent' | 'failed' | 'kept'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    /** Holds a password or a one-time link: the body is wiped once an SMTP server has accepted it. */
    sensitive: boolean('sensitive').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
    /** Threading headers (From, Reply-To, Message-ID, In-Reply-To, References) of support desk mail. */
    headers: jsonb('headers').$type<{
      from?: string;
      replyTo?: string;
      messageId?: string;
      inReplyTo?: string;
      references?: string[];
    }>(),
    /** Files sent with the mail (a complaint's final response letter), base64; never on sensitive mail. */
    attachments: jsonb('attachments').$type<StoredAttachment[]>(),
  },
  (t) => [index('mail_outbox_created_idx').on(t.createdAt), index('mail_outbox_status_idx').on(t.status)],
);

/**
 * Answers to requests made with an `Idempotency-Key` (src/core/idempotency.ts): a repeat with the same
 * key and body gets the stored answer; `in_flight` while the first is being processed. Kept 24 h.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Who made it and where: `<principal id> <METHOD> <route>`, so keys of different callers never meet. */
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    /** sha256 of method, route and the canonical body. */
    requestHash: text('request_hash').notNull(),
    status: text('status').$type<'in_flight' | 'done'>().notNull(),
    responseStatus: integer('response_status'),
    responseBody: jsonb('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
