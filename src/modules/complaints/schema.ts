import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
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
import type {
  ComplaintCategory,
  ComplaintLevel,
  ComplaintOutcome,
  ComplaintProduct,
  ComplaintSource,
  ComplaintStatus,
  Jurisdiction,
} from '../../shared/complaints.js';
import { clients } from '../clients/schema.js';
import { staffUsers } from '../identity/schema.js';
import { conversations } from '../support/schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true });
const createdAt = () => instant('created_at').notNull().defaultNow();
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** Which warning levels (50/80/100 %) were sent per deadline: `{ acknowledgement: 80 }`. */
export type WarningsSent = Partial<Record<'acknowledgement' | 'final_response', number>>;

/**
 * A formal complaint: a conversation of kind `complaint` (support's), with the regulator's required
 * fields, its reference, its deadlines under the jurisdiction policy in force when it was received, the
 * escalation level, and the outcome once the final response was sent.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Firm code + year + sequence, e.g. BD-2026-000042: unique, without gaps per firm and year. */
    reference: text('reference').notNull(),
    firmCode: text('firm_code').notNull(),
    year: integer('year').notNull(),
    sequence: integer('sequence').notNull(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id),
    source: text('source').$type<ComplaintSource>().notNull(),
    status: text('status').$type<ComplaintStatus>().notNull().default('open'),
    level: text('level').$type<ComplaintLevel>().notNull().default('agent'),
    category: text('category').$type<ComplaintCategory>().notNull(),
    product: text('product').$type<ComplaintProduct>().notNull(),
    /** The trading account (login) the complaint is about. */
    account: text('account').notNull(),
    amountAtStake: bigint('amount_at_stake', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    desiredOutcome: text('desired_outcome').notNull(),
    description: text('description').notNull(),
    language: text('language').notNull(),
    jurisdiction: text('jurisdiction').$type<Jurisdiction>().notNull(),
    timeZone: text('time_zone').notNull(),
    receivedAt: instant('received_at').notNull(),
    acknowledgementDueAt: instant('acknowledgement_due_at').notNull(),
    finalResponseDueAt: instant('final_response_due_at').notNull(),
    acknowledgedAt: instant('acknowledged_at'),
    finalResponseAt: instant('final_response_at'),
    warningsSent: jsonb('warnings_sent').$type<WarningsSent>().notNull().default({}),
    /** The next warning due (null when nothing is left to warn about): the warnings job's index. */
    nextWarningAt: instant('next_warning_at'),
    outcome: text('outcome').$type<ComplaintOutcome>(),
    redressAmount: bigint('redress_amount', { mode: 'number' }),
    redressCurrency: text('redress_currency'),
    handlerId: uuid('handler_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdById: uuid('created_by_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('complaints_reference_uq').on(t.reference),
    uniqueIndex('complaints_sequence_uq').on(t.firmCode, t.year, t.sequence),
    uniqueIndex('complaints_conversation_uq').on(t.conversationId),
    index('complaints_client_idx').on(t.clientId, t.receivedAt),
    index('complaints_received_idx').on(t.receivedAt),
    index('complaints_next_warning_idx')
      .on(t.nextWarningAt)
      .where(sql`${t.nextWarningAt} is not null`),
    check('complaints_amount_ck', sql`${t.amountAtStake} >= 0`),
    check('complaints_redress_ck', sql`${t.redressAmount} is null or ${t.redressAmount} >= 0`),
  ],
);

/** The last sequence number given per firm code and year: the reference counter (locked per row). */
export const complaintSequences = pgTable(
  'complaint_sequences',
  {
    firmCode: text('firm_code').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.firmCode, t.year] })],
);

/** Investigation notes (internal, staff only). */
export const complaintNotes = pgTable(
  'complaint_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('complaint_notes_complaint_idx').on(t.complaintId, t.createdAt)],
);

/** Each step up the escalation path: who, when, from which level to which, and why. */
export const complaintEscalations = pgTable(
  'complaint_escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    fromLevel: text('from_level').$type<ComplaintLevel>().notNull(),
    toLevel: text('to_level').$type<ComplaintLevel>().notNull(),
    byId: uuid('by_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('complaint_escalations_complaint_idx').on(t.complaintId, t.createdAt)],
);

/** The final response letter as sent: the PDF kept with its hash. */
export const complaintLetters = pgTable(
  'complaint_letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaints.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    fileName: text('file_name').notNull(),
    pdf: bytea('pdf').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mailedTo: text('mailed_to'),
    createdById: uuid('created_by_id').references(() => staffUsers.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('complaint_letters_complaint_uq').on(t.complaintId)],
);
