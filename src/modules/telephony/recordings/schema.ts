import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { RecordingStatus } from '../../../shared/telephony-recordings.js';
import { calls } from '../schema.js';

const instant = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One call's recording (issue 13). The audio is never in the row: it lives in the recording storage
 * (the data directory, or an S3-compatible bucket) under `storage_key`. A row is written when the
 * provider says the recording is ready (`pending`), filled when the fetcher has stored the audio
 * (`ready`), or marked `failed` (refused URL, not audio, too large, retries exhausted). The retention
 * job deletes the audio and keeps the row (`deleted`, `deleted_at`), so the call record still says
 * there was a recording.
 */
export const callRecordings = pgTable(
  'call_recordings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The call (telephony's `calls.id`); one recording per call. */
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    /** The call's client when it had one: the record scope of the recording (null: all-scope staff only). */
    clientId: uuid('client_id'),
    provider: text('provider').notNull(),
    /** Where the provider offers the audio (fetched only from the configured provider hosts). */
    sourceUrl: text('source_url').notNull(),
    status: text('status').$type<RecordingStatus>().notNull().default('pending'),
    durationSec: integer('duration_sec'),
    storageKey: text('storage_key'),
    mimeType: text('mime_type'),
    size: bigint('size', { mode: 'number' }),
    sha256: text('sha256'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at'),
    /** Why the fetch failed (a code of the fetcher: forbidden_address, not_audio, too_large…). */
    error: text('error'),
    storedAt: instant('stored_at'),
    deletedAt: instant('deleted_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('call_recordings_call_uq').on(t.callId),
    index('call_recordings_status_idx').on(t.status, t.createdAt),
  ],
);
