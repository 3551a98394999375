import { and, count, desc, eq, gt, ne, type SQL } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { notFound } from '../../core/errors.js';
import type { Viewer } from '../../core/events.js';
import type { Executor } from '../../db/connection.js';
import type { CallView } from '../../shared/contracts/telephony.js';
import { assertClientVisible, clientRefs } from '../clients/index.js';
import { staffNames } from '../identity/index.js';
import type { CallRecordings } from './ports.js';
import { calls, type CallRow } from './schema.js';

/** A live call older than this is treated as stuck (the provider never said it ended): not "current". */
export const LIVE_CALL_HORIZON_MS = 4 * 3_600_000;

const iso = (d: Date | null) => d?.toISOString() ?? null;
const yes = () => true;
const no = () => false;

/**
 * Reads of call records. A call with a client is visible to whoever may see the client (record scope,
 * 404 otherwise); a call without one (an unknown number) to the staff member on it and to staff who
 * see every record.
 */
export class CallReads {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly recordings: () => CallRecordings | undefined,
  ) {}

  /** The call when the viewer may see it, else 404. */
  async visible(viewer: Viewer, callId: string, tx: Executor = this.db): Promise<CallRow> {
    const [row] = await tx.select().from(calls).where(eq(calls.id, callId));
    if (!row) throw notFound('Call');
    if (row.clientId) {
      await assertClientVisible(tx, viewer, row.clientId).catch(() => {
        throw notFound('Call');
      });
    } else if (row.staffId !== viewer.id && viewer.scope !== 'all') throw notFound('Call');
    return row;
  }

  /** The call when the viewer is the staff member on it (whoever the client is), else null. */
  async onCall(viewer: Viewer, callId: string, tx: Executor = this.db): Promise<CallRow | null> {
    const [row] = await tx
      .select()
      .from(calls)
      .where(and(eq(calls.id, callId), eq(calls.staffId, viewer.id)));
    return row ?? null;
  }

  /** The call as the viewer may read it: the staff member on it always (the caller masked when outside their scope). */
  async one(viewer: Viewer, callId: string): Promise<CallView> {
    if (!(await this.onCall(viewer, callId))) await this.visible(viewer, callId);
    const [view] = await this.views(eq(calls.id, callId));
    return this.maskedFor(viewer, view!);
  }

  /** A call on someone's line whose client is outside their record scope shows the number only. */
  private async maskedFor(viewer: Viewer, view: CallView): Promise<CallView> {
    if (view.clientId && !(await assertClientVisible(this.db, viewer, view.clientId).then(yes, no)))
      return { ...view, clientId: null, clientName: null };
    return view;
  }

  /**
   * The staff member's live call (for a reload in the middle of one), or null. A caller outside their
   * record scope (an inbound call from another team's client) shows as the number only.
   */
  async current(viewer: Viewer): Promise<CallView | null> {
    const since = new Date(this.clock.now().getTime() - LIVE_CALL_HORIZON_MS);
    const [view] = await this.views(
      and(eq(calls.staffId, viewer.id), ne(calls.state, 'ended'), gt(calls.startedAt, since)),
      1,
    );
    return view ? this.maskedFor(viewer, view) : null;
  }

  /** A client's calls, newest first (404 outside the viewer's scope). */
  async ofClient(viewer: Viewer, clientId: string, q: { page: number; pageSize: number }) {
    await assertClientVisible(this.db, viewer, clientId);
    const where = eq(calls.clientId, clientId);
    const [items, [total]] = await Promise.all([
      this.views(where, q.pageSize, (q.page - 1) * q.pageSize),
      this.db.select({ n: count() }).from(calls).where(where),
    ]);
    return { items, total: Number(total?.n ?? 0) };
  }

  /** Call records as the API gives them: with the staff member's and the client's names. */
  async views(where: SQL | undefined, limit = 1, offset = 0, tx: Executor = this.db): Promise<CallView[]> {
    const staff = staffNames('call_staff');
    const client = clientRefs('call_client');
    const rows = await tx
      .select({ c: calls, staffName: staff.name, clientName: client.name })
      .from(calls)
      .leftJoin(staff, eq(staff.id, calls.staffId))
      .leftJoin(client, eq(client.id, calls.clientId))
      .where(where)
      .orderBy(desc(calls.startedAt), desc(calls.id))
      .limit(limit)
      .offset(offset);
    const recordings = this.recordings();
    const status = recordings
      ? await recordings.statusOf(
          tx,
          rows.map((r) => r.c.id),
        )
      : null;
    return rows.map(({ c, staffName, clientName }) => ({
      id: c.id,
      direction: c.direction,
      state: c.state,
      staffId: c.staffId,
      staffName,
      clientId: c.clientId,
      clientName,
      number: c.number,
      startedAt: c.startedAt.toISOString(),
      answeredAt: iso(c.answeredAt),
      endedAt: iso(c.endedAt),
      durationSec: c.durationSec,
      endCause: c.endCause,
      disposition: c.disposition,
      note: c.note,
      conversationId: c.conversationId,
      recording: status
        ? (status.get(c.id) ?? null)
        : c.recordingUrl
          ? { status: 'ready' as const, durationSec: c.recordingDurationSec }
          : null,
    }));
  }
}
