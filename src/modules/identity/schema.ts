import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    leadId: uuid('lead_id').references((): AnyPgColumn => staffUsers.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('teams_name_uq').on(sql`lower(${t.name})`)],
);

export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    languages: text('languages')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    locale: text('locale').notNull().default('en'),
    active: boolean('active').notNull().default(true),
    /** Out of office: automatic assignment skips them, their clients stay theirs. */
    absent: boolean('absent').notNull().default(false),
    /** Relative share of new clients in round-robin assignment (0 = none). */
    capacity: integer('capacity').notNull().default(10),
    /** Also send notifications by email. */
    emailNotifications: boolean('email_notifications').notNull().default(false),
    /** Notification types that neither pop up nor are emailed (the bell still lists them). */
    mutedNotifications: text('muted_notifications')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** AES-GCM encrypted TOTP seed; null until enrolment is confirmed. */
    mfaSecret: text('mfa_secret'),
    /** Seed being enrolled from the profile page, confirmed by a first code. */
    mfaPendingSecret: text('mfa_pending_secret'),
    /** Last accepted TOTP time step: a code is never accepted twice. */
    mfaLastStep: integer('mfa_last_step'),
    /** SHA-256 hashes of unused one-time recovery codes. */
    recoveryCodes: jsonb('recovery_codes').$type<string[]>().notNull().default([]),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('staff_users_email_uq').on(sql`lower(${t.email})`),
    index('staff_users_team_idx').on(t.teamId),
  ],
);

/**
 * Server-side sessions of staff and of traders (kind), never interchangeable: each guard resolves only its
 * own kind. The cookie holds a random token, the table only its SHA-256.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    kind: text('kind').$type<'staff' | 'trader'>().notNull().default('staff'),
    /** The staff user or the client, by kind. */
    userId: uuid('user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** The half-finished login between a correct password and the second factor. */
export const loginChallenges = pgTable('login_challenges', {
  id: text('id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => staffUsers.id, { onDelete: 'cascade' }),
  purpose: text('purpose').$type<'verify' | 'enrol'>().notNull(),
  /** For enrolment: the encrypted seed the user is scanning. */
  secret: text('secret'),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Failed-login counters per account and per IP, shared by every server instance. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
});
