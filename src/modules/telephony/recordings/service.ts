import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import { badRequest } from '../../../core/errors.js';
import type { Db, Executor } from '../../../db/connection.js';
import type { RecordingStatus } from '../../../shared/telephony-recordings.js';
import { appendRecordingEvent, type RecordingRow } from './events.js';
import { PERMANENT_REFUSALS, RecordingFetchError, type FetchedAudio } from './fetcher.js';
import { callRecordings } from './schema.js';
import type { RecordingStorage } from './storage.js';

/** What the telephony core passes when the provider says a call's recording is ready. */
export interface RecordingReadyInput {
  callId: string;
  clientId: string | null;
  url: string;
  durationSec: number | null;
  provider: string;
}

/** A call's recording as the call record shows it (`Call.recording`). */
export interface RecordingSummary {
  status: RecordingStatus;
  durationSec: number | null;
}

/** A fetch is tried this many times (network trouble, provider errors), then the recording is failed. */
export const MAX_FETCH_ATTEMPTS = 5;
/** A recording announced inside a transaction is fetched this long after (the job catches any miss). */
const KICK_AFTER_MS = 200;
/** How long a claimed fetch holds its row before another instance may try it. */
const FETCH_LEASE_MS = 2 * 60_000;
/** Wait before the next try: 10 s, 40 s, 90 s, 160 s. */
const backoffMs = (attempt: number) => 10_000 * attempt * attempt;

/**
 * Call recordings: announced by the telephony core (`recordingReady`), fetched from the provider by
 * the SSRF-safe fetcher outside any transaction (`fetchPending`, a job every few seconds), stored in
 * the recording storage, never in the row.
 */
export class Recordings {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly storage: RecordingStorage,
    private readonly fetcher: { fetch(url: string): Promise<FetchedAudio> },
    private readonly log?: { error(obj: object, msg: string): void },
  ) {}

  /**
   * The provider has a recording for the call: one row per call (a repeated announcement returns the
   * first row). In the caller's transaction when given; the audio is fetched after it, by the job (or
   * at once when there is no transaction).
   */
  async recordingReady(tx: Executor | null, input: RecordingReadyInput): Promise<RecordingRow> {
    try {
      new URL(input.url);
    } catch {
      throw badRequest('bad_recording_url', 'The recording URL is not a URL', 'recordingUrl');
    }
    const db = tx ?? this.db;
    const [inserted] = await db
      .insert(callRecordings)
      .values({
        callId: input.callId,
        clientId: input.clientId,
        provider: input.provider,
        sourceUrl: input.url,
        durationSec: input.durationSec === null ? null : Math.max(0, Math.round(input.durationSec)),
        createdAt: this.clock.now(),
      })
      .onConflictDoNothing({ target: callRecordings.callId })
      .returning();
    const row =
      inserted ?? (await db.select().from(callRecordings).where(eq(callRecordings.callId, input.callId)))[0]!;
    // Fetched outside the caller's transaction: at once without one, else shortly after (by then it has
    // usually committed; if not, the job's next run takes it).
    if (inserted) {
      const fetch = () =>
        void this.fetchPending().catch((err: unknown) => this.log?.error({ err }, 'recording fetch'));
      if (!tx) fetch();
      else setTimeout(fetch, KICK_AFTER_MS).unref();
    }
    return row;
  }

  /** The telephony core's port (CallRecordings.statusOf): a failed recording shows as none. */
  async statusOf(
    db: Executor,
    callIds: readonly string[],
  ): Promise<Map<string, { status: 'pending' | 'ready' | 'deleted'; durationSec: number | null }>> {
    const all = await this.summaries(db, callIds);
    const out = new Map<string, { status: 'pending' | 'ready' | 'deleted'; durationSec: number | null }>();
    for (const [id, r] of all)
      if (r.status !== 'failed') out.set(id, { status: r.status, durationSec: r.durationSec });
    return out;
  }

  /** The recordings of these calls (absent: the call has none), for the call records. */
  async summaries(db: Executor, callIds: readonly string[]): Promise<Map<string, RecordingSummary>> {
    if (!callIds.length) return new Map();
    const rows = await db
      .select({ callId: callRecordings.callId, status: callRecordings.status, d: callRecordings.durationSec })
      .from(callRecordings)
      .where(inArray(callRecordings.callId, [...new Set(callIds)]));
    return new Map(rows.map((r) => [r.callId, { status: r.status, durationSec: r.d }]));
  }

  /** The client of a call's recordings changed (the call was matched or linked later). */
  async setClient(tx: Executor, callId: string, clientId: string | null): Promise<void> {
    await tx.update(callRecordings).set({ clientId }).where(eq(callRecordings.callId, callId));
  }

  /**
   * Fetches due pending recordings (claimed with SKIP LOCKED, so instances share the work), stores
   * each and marks it ready; a refusal that cannot change (a forbidden address, not audio, too large)
   * or the last attempt marks it failed. Returns how many were tried.
   */
  async fetchPending(limit = 5): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: callRecordings.id })
        .from(callRecordings)
        .where(
          and(
            eq(callRecordings.status, 'pending'),
            or(isNull(callRecordings.nextAttemptAt), lte(callRecordings.nextAttemptAt, now)),
          ),
        )
        .orderBy(asc(callRecordings.createdAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      if (!due.length) return [];
      return tx
        .update(callRecordings)
        .set({
          attempts: sql`${callRecordings.attempts} + 1`,
          // A lease: an instance that dies mid-fetch leaves the row to be tried again after it.
          nextAttemptAt: new Date(now.getTime() + FETCH_LEASE_MS),
        })
        .where(
          inArray(
            callRecordings.id,
            due.map((d) => d.id),
          ),
        )
        .returning();
    });
    for (const row of claimed) await this.fetchOne(row);
    return claimed.length;
  }

  private async fetchOne(row: RecordingRow): Promise<void> {
    let audio: FetchedAudio;
    try {
      audio = await this.fetcher.fetch(row.sourceUrl);
    } catch (err) {
      const code = err instanceof RecordingFetchError ? err.code : 'network';
      const permanent = err instanceof RecordingFetchError && PERMANENT_REFUSALS.has(err.code);
      if (!permanent && row.attempts < MAX_FETCH_ATTEMPTS) {
        const next = new Date(this.clock.now().getTime() + backoffMs(row.attempts));
        await this.db
          .update(callRecordings)
          .set({ error: code, nextAttemptAt: next })
          .where(eq(callRecordings.id, row.id));
        return;
      }
      await this.db.transaction(async (tx) => {
        const [failed] = await tx
          .update(callRecordings)
          .set({ status: 'failed', error: code, nextAttemptAt: null })
          .where(and(eq(callRecordings.id, row.id), eq(callRecordings.status, 'pending')))
          .returning();
        if (failed)
          await appendRecordingEvent(tx, 'telephony.recording_failed', failed, null, { error: code });
      });
      return;
    }
    const at = this.clock.now();
    const key = `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${row.id}.${audio.ext.toLowerCase()}`;
    await this.storage.put(key, audio.data, audio.mimeType);
    const stored = await this.db.transaction(async (tx) => {
      const [ready] = await tx
        .update(callRecordings)
        .set({
          status: 'ready',
          storageKey: key,
          mimeType: audio.mimeType,
          size: audio.data.length,
          sha256: createHash('sha256').update(audio.data).digest('hex'),
          storedAt: at,
          error: null,
          nextAttemptAt: null,
        })
        .where(and(eq(callRecordings.id, row.id), eq(callRecordings.status, 'pending')))
        .returning();
      if (ready)
        await appendRecordingEvent(tx, 'telephony.recording_stored', ready, null, {
          durationSec: ready.durationSec,
        });
      return ready;
    });
    // Deleted by retention (or failed) while it was being fetched: the file is not kept.
    if (!stored) await this.storage.remove(key);
  }

  /** Backoff of the next try after `attempt` tries (for the docs and tests). */
  static backoffMs = backoffMs;
}
