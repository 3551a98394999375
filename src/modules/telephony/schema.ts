import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  CallDirection,
  CallDisposition,
  CallEndCause,
  CallEventKind,
  CallState,
} from '../../shared/telephony.js';
import { clients } from '../clients/schema.js';
import { staffUsers } from '../identity/schema.js';
import { conversations } from '../support/schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One phone call. Its provider facts (state, times, cause, extension, recording) are the fold of its
 * `call_events` (reduce.ts), written by the ingest only; the staff's own fields (disposition, note)
 * by the disposition route. An inbound call is created by its first event, keyed by the provider's id.
 */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    direction: text('direction').$type<CallDirection>().notNull(),
    state: text('state').$type<CallState>().notNull().default('dialing'),
    provider: text('provider').notNull(),
    /** The provider's id of the call (set by originate's answer or the first event). */
    providerCallId: text('provider_call_id'),
    staffId: uuid('staff_id').references(() => staffUsers.id),
    /** The staff extension that rang (the originating one, or the one an inbound call rang or was moved to). */
    extension: text('extension'),
    clientId: uuid('client_id').references(() => clients.id),
    /** The other party, E.164 when it parses. */
    number: text('number').notNull(),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    startedAt: instant('started_at').notNull(),
    ringingAt: instant('ringing_at'),
    answeredAt: instant('answered_at'),
    endedAt: instant('ended_at'),
    endCause: text('end_cause').$type<CallEndCause>(),
    durationSec: integer('duration_sec'),
    /** The provider's recording (T2's recordings take it from here on recording_ready). */
    recordingUrl: text('recording_url'),
    recordingDurationSec: integer('recording_duration_sec'),
    disposition: text('disposition').$type<CallDisposition>(),
    note: text('note'),
    dispositionBy: uuid('disposition_by').references(() => staffUsers.id),
    dispositionAt: instant('disposition_at'),
    /** The call-back task a missed inbound call created (clients' client_tasks). */
    missedTaskId: uuid('missed_task_id'),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('calls_provider_call_uq').on(t.provider, t.providerCallId),
    index('calls_client_idx').on(t.clientId, t.startedAt),
    index('calls_staff_live_idx')
      .on(t.staffId, t.startedAt)
      .where(sql`${t.state} <> 'ended'`),
    check('calls_direction_ck', sql`${t.direction} in ('outbound', 'inbound')`),
    check('calls_state_ck', sql`${t.state} in ('dialing', 'ringing', 'answered', 'ended')`),
  ],
);
export type CallRow = typeof calls.$inferSelect;

/**
 * Every provider event as received, once per (provider, event id): a repeat is dropped by the unique
 * index. The call's row is the fold of these, so their arrival order does not matter.
 */
export const callEvents = pgTable(
  'call_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull(),
    eventId: text('event_id').notNull(),
    providerCallId: text('provider_call_id').notNull(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<CallEventKind>().notNull(),
    at: instant('at').notNull(),
    /** The normalised event as received (CallEvent). */
    body: jsonb('body').$type<Record<string, unknown>>().notNull(),
    receivedAt: instant('received_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('call_events_provider_event_uq').on(t.provider, t.eventId),
    index('call_events_call_idx').on(t.callId),
  ],
);
export type CallEventRow = typeof callEvents.$inferSelect;

/** A staff member's extension on the phone system (one each; allocated on first use). */
export const staffExtensions = pgTable(
  'staff_extensions',
  {
    staffId: uuid('staff_id')
      .primaryKey()
      .references(() => staffUsers.id, { onDelete: 'cascade' }),
    extension: text('extension').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('staff_extensions_extension_uq').on(t.extension)],
);
