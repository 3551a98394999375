import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { staffUsers, teams } from '../identity/schema.js';

import { CLIENT_STATUSES, type ClientStatus } from '../../shared/contracts/clients.js';
import type { PaymentProblem } from '../../shared/payments.js';

// The statuses are a value list the web app shares (src/shared/contracts/clients.ts).
export { CLIENT_STATUSES, type ClientStatus };

export interface Utm {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
}

/** Every person the broker meets: a lead, a cabinet (demo) user, a live trader. */
export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Derived from events only (see status.ts); never set by a request. */
    status: text('status').$type<ClientStatus>().notNull().default('lead'),
    salesStatus: text('sales_status').notNull().default('new'),
    name: text('name').notNull(),
    email: text('email'),
    /** E.164, digits with a leading +. */
    phone: text('phone'),
    country: text('country'),
    language: text('language'),
    /** Where the client came from: campaign / utm_source / "phone" / "office" / "import". */
    source: text('source').notNull().default('unknown'),
    utm: jsonb('utm').$type<Utm>().notNull().default({}),
    referralCode: text('referral_code'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    managerId: uuid('manager_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** The cabinet login once the client has one. */
    login: text('login'),
    /** Set while any of the client's trading accounts is logged in to the terminal (see trading/presence). */
    onlineSince: timestamp('online_since', { withTimezone: true }),
    /** The last time staff recorded talking to the client (a comment, a task done); null = never. */
    lastContactAt: timestamp('last_contact_at', { withTimezone: true }),
    // Payments (written only through recordClientPayment / setClientPaymentTrouble): the first
    // successful deposit, net deposits in the base currency's minor units, and open deposit trouble.
    ftdAt: timestamp('ftd_at', { withTimezone: true }),
    ftdAmount: bigint('ftd_amount', { mode: 'number' }),
    netDeposits: bigint('net_deposits', { mode: 'number' }).notNull().default(0),
    lastDepositAt: timestamp('last_deposit_at', { withTimezone: true }),
    paymentProblem: text('payment_problem').$type<PaymentProblem>(),
    paymentProblemAt: timestamp('payment_problem_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    // Verification (pay-withdraw): set by compliance (verification.ts); withdrawals need it.
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by').references(() => staffUsers.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('clients_email_uq').on(sql`lower(${t.email})`),
    uniqueIndex('clients_login_uq').on(sql`lower(${t.login})`),
    index('clients_phone_idx').on(t.phone),
    index('clients_manager_idx').on(t.managerId, t.createdAt),
    index('clients_team_idx').on(t.teamId, t.createdAt),
    index('clients_created_idx').on(t.createdAt),
    index('clients_status_idx').on(t.status, t.createdAt),
    // The list's typical filters over a million clients (bench/clients.ts): country with status, and a
    // manager's sales statuses ("my call-backs"), each already in created order for the first page.
    index('clients_country_status_idx').on(t.country, t.status, t.createdAt),
    index('clients_manager_sales_idx').on(t.managerId, t.salesStatus, t.createdAt),
    index('clients_online_idx')
      .on(t.onlineSince)
      .where(sql`${t.onlineSince} is not null`),
    index('clients_tags_idx').using('gin', t.tags),
    // The list's payment columns, sortable over a million clients.
    index('clients_ftd_idx').on(t.ftdAt, t.id),
    index('clients_net_deposits_idx').on(t.netDeposits, t.id),
    index('clients_last_deposit_idx').on(t.lastDepositAt, t.id),
    index('clients_payment_problem_idx')
      .on(t.paymentProblemAt)
      .where(sql`${t.paymentProblem} is not null`),
    // "Longest without contact" first: never-contacted clients count as the oldest, in both directions.
    index('clients_last_contact_idx').on(t.lastContactAt.asc().nullsFirst(), t.id),
    // One trigram index over everything people search by: name, email, phone, login.
    index('clients_search_trgm_idx').using(
      'gin',
      sql`(lower(${t.name} || ' ' || coalesce(${t.email}, '') || ' ' || coalesce(${t.phone}, '') || ' ' || coalesce(${t.login}, ''))) gin_trgm_ops`,
    ),
  ],
);

/** Ordered rules that send a new client to a team by country, language and source. */
export const assignmentRules = pgTable('assignment_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** `on_create` places a new client; `on_ftd` hands a client over at the first deposit (retention). */
  kind: text('kind').$type<'on_create' | 'on_ftd'>().notNull().default('on_create'),
  position: integer('position').notNull(),
  name: text('name').notNull(),
  countries: text('countries')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  languages: text('languages')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  sources: text('sources')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  teamId: uuid('team_id')
    .notNull()
    .references(() => teams.id, { onDelete: 'cascade' }),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Smooth weighted round-robin state per team: each manager's running weight. */
export const assignmentCursors = pgTable('assignment_cursors', {
  teamId: uuid('team_id')
    .primaryKey()
    .references(() => teams.id, { onDelete: 'cascade' }),
  weights: jsonb('weights').$type<Record<string, number>>().notNull().default({}),
});

/** Call-backs and reminders on a client; due ones notify the assignee. */
export const clientTasks = pgTable(
  'client_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    assigneeId: uuid('assignee_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('client_tasks_client_idx').on(t.clientId), index('client_tasks_due_idx').on(t.dueAt)],
);

/** A staff member's named filter set on the client list. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('saved_views_owner_idx').on(t.ownerId)],
);
