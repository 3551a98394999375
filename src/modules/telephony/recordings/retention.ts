import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import type { Db } from '../../../db/connection.js';
import { appendRecordingEvent } from './events.js';
import { callRecordings } from './schema.js';
import type { RecordingStorage } from './storage.js';

/** Recordings looked at per batch of the retention job. */
const BATCH = 100;

/**
 * Deletes recordings older than the retention period (counted from when the provider announced
 * them): the audio file goes, the row stays with status `deleted` and `deleted_at`, so the call record
 * still says there was a recording and when it was removed. A pending or failed recording past the
 * period is marked too (it will not be fetched any more).
 */
export class RecordingRetention {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly storage: RecordingStorage,
    private readonly retentionDays: number,
  ) {}

  /** One pass; returns how many recordings were deleted. */
  async run(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.retentionDays * 86_400_000);
    let deleted = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        const due = await tx
          .select()
          .from(callRecordings)
          .where(
            and(
              inArray(callRecordings.status, ['pending', 'ready', 'failed']),
              lt(callRecordings.createdAt, cutoff),
            ),
          )
          .orderBy(asc(callRecordings.createdAt))
          .limit(BATCH)
          .for('update', { skipLocked: true });
        for (const row of due) {
          // The file first: if removing it fails, the row stays as it was and the next run tries again.
          if (row.storageKey) await this.storage.remove(row.storageKey);
          const [done] = await tx
            .update(callRecordings)
            .set({ status: 'deleted', storageKey: null, deletedAt: this.clock.now(), nextAttemptAt: null })
            .where(eq(callRecordings.id, row.id))
            .returning();
          await appendRecordingEvent(tx, 'telephony.recording_deleted', done!, null, { reason: 'retention' });
        }
        return due.length;
      });
      deleted += n;
      if (n < BATCH) return deleted;
    }
  }
}
