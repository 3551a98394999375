import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import { AppError, notFound } from '../../../core/errors.js';
import type { Viewer } from '../../../core/events.js';
import type { Db } from '../../../db/connection.js';
import type { RecordingPurpose } from '../../../shared/telephony-recordings.js';
import { assertClientVisible } from '../../clients/index.js';
import { appendRecordingEvent, type RecordingRow } from './events.js';
import type { RecordingLinks } from './links.js';
import { callRecordings } from './schema.js';
import type { ByteRange, RecordingStorage } from './storage.js';

/** The permission each purpose needs (identity/permissions.ts). */
export const PURPOSE_PERMISSION = {
  listen: 'telephony.listen',
  download: 'telephony.download',
} as const satisfies Record<RecordingPurpose, string>;

/** One byte range of `size` bytes, from a `Range` header; null: the whole file; 'unsatisfiable': 416. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = header.trim().match(/^bytes=(\d*)-(\d*)$/);
  // Several ranges, or another unit: answered with the whole file (RFC 9110 lets a server ignore Range).
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (size === 0) return 'unsatisfiable';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export interface OpenedRecording {
  row: RecordingRow;
  purpose: RecordingPurpose;
  /** null: the whole file (200); else the range sent (206). */
  range: ByteRange | null;
  stream: Readable;
}

/**
 * Who may hear a recording and how: a signed link per listen or download (the audit trail records who
 * asked, when and from where), then the audio streamed through the app with Range support. A
 * recording is its call's client's record: staff outside that client's scope get 404 for the link and
 * the audio alike, as if it did not exist; a recording without a client is for all-scope staff only.
 */
export class RecordingAccess {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly storage: RecordingStorage,
    private readonly links: RecordingLinks,
    private readonly linkSeconds: number,
  ) {}

  private async visible(viewer: Viewer, row: RecordingRow | undefined): Promise<RecordingRow> {
    if (!row) throw notFound('Recording');
    if (row.clientId)
      await assertClientVisible(this.db, viewer, row.clientId).catch(() =>
        Promise.reject(notFound('Recording')),
      );
    else if (viewer.scope !== 'all') throw notFound('Recording');
    return row;
  }

  private static usable(row: RecordingRow): void {
    if (row.status === 'deleted')
      throw new AppError(410, 'recording_deleted', 'The recording was deleted after the retention period');
    if (row.status !== 'ready' || !row.storageKey)
      throw new AppError(409, `recording_${row.status}`, 'The recording is not available yet', 'callId');
  }

  private static allowed(viewer: Viewer, purpose: RecordingPurpose): void {
    if (!viewer.permissions.has(PURPOSE_PERMISSION[purpose]))
      throw new AppError(
        403,
        'forbidden',
        `You may not ${purpose === 'download' ? 'download' : 'listen to'} recordings`,
        'purpose',
      );
  }

  /** A short-lived link to a call's recording for the viewer, recorded in the audit trail. */
  async issueLink(
    viewer: Viewer,
    callId: string,
    purpose: RecordingPurpose,
    ip: string | null,
  ): Promise<{ url: string; expiresAt: string }> {
    RecordingAccess.allowed(viewer, purpose);
    const [found] = await this.db.select().from(callRecordings).where(eq(callRecordings.callId, callId));
    const row = await this.visible(viewer, found);
    RecordingAccess.usable(row);
    const expiresAt = new Date(this.clock.now().getTime() + this.linkSeconds * 1000);
    const token = this.links.sign({ recordingId: row.id, purpose, staffId: viewer.id, expiresAt });
    await appendRecordingEvent(
      this.db,
      purpose === 'download' ? 'telephony.recording_downloaded' : 'telephony.recording_played',
      row,
      { id: viewer.id, ip },
      { expiresAt: expiresAt.toISOString() },
    );
    return { url: `/api/recordings/${token}`, expiresAt: expiresAt.toISOString() };
  }

  /**
   * The audio behind a link: the signature and expiry first (tampered: 404, expired: 403
   * `link_expired`), then the link must be the viewer's own, and the viewer must still hold the
   * permission and see the client (revoked or reassigned since the link was issued: refused).
   */
  async open(
    viewer: Viewer,
    token: string,
    rangeHeader: string | undefined,
  ): Promise<OpenedRecording | { unsatisfiable: number }> {
    const check = this.links.verify(token, this.clock.now());
    if (!check.ok) {
      if (check.reason === 'expired')
        throw new AppError(403, 'link_expired', 'This link has expired; open the recording again');
      throw notFound('Recording');
    }
    const { claims } = check;
    if (claims.staffId !== viewer.id) throw notFound('Recording');
    RecordingAccess.allowed(viewer, claims.purpose);
    const [found] = await this.db
      .select()
      .from(callRecordings)
      .where(eq(callRecordings.id, claims.recordingId));
    const row = await this.visible(viewer, found);
    RecordingAccess.usable(row);
    const size = row.size ?? 0;
    const range = parseRange(rangeHeader, size);
    if (range === 'unsatisfiable') return { unsatisfiable: size };
    const stream = await this.storage.read(row.storageKey!, range ?? undefined);
    return { row, purpose: claims.purpose, range, stream };
  }
}
