import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The reports module's tables (issue 14), all derived: a rebuild empties them and folds the event log
 * and the support metrics in again, giving the same rows (docs/reports.md). Nothing here is a foreign key
 * into another module: the facts are what the raw records said when they were written.
 */
const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One measurable fact per raw record (an event or a support metric; `seq` numbers several facts of one
 * record): the rows a drill-down lists, and the values percentiles are taken over.
 */
export const reportFacts = pgTable(
  'report_facts',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    /** `e` = the events table, `m` = support_metrics. */
    src: text('src').$type<'e' | 'm'>().notNull(),
    srcId: bigint('src_id', { mode: 'number' }).notNull(),
    seq: smallint('seq').notNull().default(0),
    kind: text('kind').notNull(),
    at: instant('at').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** Hour of the week, 0 = Monday 00:00–01:00 UTC … 167. */
    how: smallint('how').notNull(),
    clientId: uuid('client_id'),
    clientName: text('client_name'),
    conversationId: uuid('conversation_id'),
    /** The manager (sales, retention) or agent (support) the fact counts for, and their team then. */
    staffId: uuid('staff_id'),
    teamId: uuid('team_id'),
    channel: text('channel'),
    language: text('language'),
    country: text('country'),
    source: text('source'),
    campaign: text('campaign'),
    /** +1, or −1 for a correction (a first-contact resolution that was reopened). */
    n: integer('n').notNull().default(1),
    amount: bigint('amount', { mode: 'number' }),
    calMs: bigint('cal_ms', { mode: 'number' }),
    busMs: bigint('bus_ms', { mode: 'number' }),
    score: integer('score'),
    detail: text('detail'),
  },
  (t) => [
    uniqueIndex('report_facts_src_uq').on(t.src, t.srcId, t.seq),
    index('report_facts_kind_at_idx').on(t.kind, t.at),
    index('report_facts_kind_staff_idx').on(t.kind, t.staffId, t.at),
    index('report_facts_kind_team_idx').on(t.kind, t.teamId, t.at),
    index('report_facts_kind_cal_idx').on(t.kind, t.day, t.calMs),
    index('report_facts_conversation_idx')
      .on(t.conversationId, t.kind)
      .where(sql`${t.conversationId} is not null`),
  ],
);

/** Sums and counts per UTC day and dimension keys ('' where a fact has none): what figures add up. */
export const reportDaily = pgTable(
  'report_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    staffKey: text('staff_key').notNull().default(''),
    teamKey: text('team_key').notNull().default(''),
    channel: text('channel').notNull().default(''),
    language: text('language').notNull().default(''),
    country: text('country').notNull().default(''),
    source: text('source').notNull().default(''),
    campaign: text('campaign').notNull().default(''),
    detail: text('detail').notNull().default(''),
    n: bigint('n', { mode: 'number' }).notNull().default(0),
    amount: bigint('amount', { mode: 'number' }).notNull().default(0),
    calMs: bigint('cal_ms', { mode: 'number' }).notNull().default(0),
    busMs: bigint('bus_ms', { mode: 'number' }).notNull().default(0),
    score: bigint('score', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: 'report_daily_pk',
      columns: [
        t.kind,
        t.day,
        t.staffKey,
        t.teamKey,
        t.channel,
        t.language,
        t.country,
        t.source,
        t.campaign,
        t.detail,
      ],
    }),
  ],
);

/**
 * Per client, what the funnel, cohorts and "gone quiet" need, as the event log tells it: the lead's
 * manager, each step's time, the FTD's manager and amount, the last trading activity.
 */
export const reportClients = pgTable(
  'report_clients',
  {
    clientId: uuid('client_id').primaryKey(),
    name: text('name').notNull(),
    country: text('country'),
    source: text('source'),
    campaign: text('campaign'),
    /** The current manager and team (scope for retention lists). */
    staffId: uuid('staff_id'),
    teamId: uuid('team_id'),
    /** The sales manager: the manager before an FTD hand-over. */
    salesStaffId: uuid('sales_staff_id'),
    salesTeamId: uuid('sales_team_id'),
    createdAt: instant('created_at').notNull(),
    demoAt: instant('demo_at'),
    liveAt: instant('live_at'),
    ftdAt: instant('ftd_at'),
    ftdAmount: bigint('ftd_amount', { mode: 'number' }),
    ftdStaffId: uuid('ftd_staff_id'),
    ftdTeamId: uuid('ftd_team_id'),
    lastActiveAt: instant('last_active_at'),
  },
  (t) => [index('report_clients_created_idx').on(t.createdAt), index('report_clients_ftd_idx').on(t.ftdAt)],
);

/** Clients with trading activity per UTC month (active traders), attributed to the manager then. */
export const reportActiveMonths = pgTable(
  'report_active_months',
  {
    month: date('month', { mode: 'string' }).notNull(),
    clientId: uuid('client_id').notNull(),
    staffId: uuid('staff_id'),
    teamId: uuid('team_id'),
    country: text('country'),
  },
  (t) => [primaryKey({ name: 'report_active_months_pk', columns: [t.month, t.clientId] })],
);

/** Staff and their teams as the event log tells it, so a fact's team is the manager's team then. */
export const reportStaff = pgTable('report_staff', {
  staffId: uuid('staff_id').primaryKey(),
  teamId: uuid('team_id'),
});

/** Per conversation, what its metrics need of the ones before: first resolution, replies, breaches. */
export const reportConversations = pgTable('report_conversations', {
  conversationId: uuid('conversation_id').primaryKey(),
  answered: boolean('answered').notNull().default(false),
  replies: integer('replies').notNull().default(0),
  resolvedAt: instant('resolved_at'),
  /** The first resolution counted as first-contact (a later reopen takes it back). */
  fcr: boolean('fcr').notNull().default(false),
  frBreached: boolean('fr_breached').notNull().default(false),
  nrBreached: boolean('nr_breached').notNull().default(false),
  resBreached: boolean('res_breached').notNull().default(false),
  fcrStaffId: uuid('fcr_staff_id'),
  fcrTeamId: uuid('fcr_team_id'),
  fcrChannel: text('fcr_channel'),
  fcrLanguage: text('fcr_language'),
});

/** Complaints' deadlines, kept from `complaints.created` to measure the final response against. */
export const reportComplaints = pgTable('report_complaints', {
  complaintId: uuid('complaint_id').primaryKey(),
  createdAt: instant('created_at').notNull(),
  dueAt: instant('due_at').notNull(),
  answered: boolean('answered').notNull().default(false),
});

/** The fold's position: the last event and support metric folded in. One row. */
export const reportCursor = pgTable('report_cursor', {
  id: integer('id').primaryKey().default(1),
  eventId: bigint('event_id', { mode: 'number' }).notNull().default(0),
  metricId: bigint('metric_id', { mode: 'number' }).notNull().default(0),
  updatedAt: instant('updated_at'),
});
