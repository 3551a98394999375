import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import type { NewEvent, Viewer } from '../../core/events.js';
import type { Db, Executor } from '../../db/connection.js';
import type { CallEvent } from '../../shared/contracts/telephony.js';
import {
  assertClientVisible,
  clientRefsByIds,
  clientsByPhoneDigits,
  createClientTasks,
} from '../clients/index.js';
import { appendCallEvents, callEvent, type CallClient } from './events.js';
import type { Extensions } from './extensions.js';
import { matchKeys, toE164 } from './phone-number.js';
import type { CallRecordings } from './ports.js';
import { foldCall, type CallFacts } from './reduce.js';
import { calls, type CallRow } from './schema.js';

export interface IngestResult {
  /** Events stored now. */
  accepted: number;
  /** Events seen before (same provider and event id): nothing done. */
  duplicates: number;
  /** Events naming a call of ours that does not exist: dropped. */
  ignored: number;
}

export interface IngestOptions {
  /** The broker's country for numbers given without a country code (ISO 3166, e.g. GB). */
  defaultRegion: string | null;
  recordings?: CallRecordings | undefined;
  onIngested?: ((n: number) => void) | undefined;
  /** Who a staff member is, for record scope (identity's viewerOf), read in the ingest's transaction. */
  viewerOf(staffId: string, db: Executor): Promise<Viewer | null>;
}

/** The prefix of the events the module writes itself (a call that never reached the provider ended). */
export const LOCAL_EVENT = 'local:';

const yes = () => true;
const no = () => false;

const keyOf = (provider: string, providerCallId: string) => `${provider}\u0000${providerCallId}`;

/**
 * Call-event convergence: stores each provider event once (unique provider + event id), then re-folds
 * every touched call from all its stored events (reduce.ts) and writes the facts, in one transaction
 * per batch with the calls' rows locked. Because the row is the fold of a set, duplicates and any
 * arrival order converge to the same record; domain events are appended only for what the new fold
 * changed (the state moved forward, a recording appeared), so each happens once.
 */
export class CallIngest {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly extensions: Extensions,
    private readonly opts: IngestOptions,
  ) {}

  async ingest(batch: readonly CallEvent[]): Promise<IngestResult> {
    if (!batch.length) return { accepted: 0, duplicates: 0, ignored: 0 };
    const result = await this.db.transaction(async (tx) => {
      const { callOf, locked } = await this.resolveCalls(tx, batch);
      const known = batch.filter((e) => callOf.has(e));
      const { events: eventsOf, fresh } = await this.store(tx, known, callOf);
      await this.refold(
        tx,
        locked.filter((c) => fresh.has(c.id)),
        eventsOf,
      );
      const accepted = [...fresh.values()].reduce((a, b) => a + b, 0);
      return {
        accepted,
        duplicates: known.length - accepted,
        ignored: batch.length - known.length,
      };
    });
    this.opts.onIngested?.(result.accepted);
    return result;
  }

  /**
   * Stores the events (a repeated provider + event id is skipped) and reads every stored event of
   * their calls, in one statement: the CTE's insert is not visible to the same statement's read, so
   * the union of the two is exactly the old events plus the new ones. `fresh`: new events per call.
   */
  private async store(tx: Executor, known: readonly CallEvent[], callOf: Map<CallEvent, string>) {
    const events = new Map<string, CallEvent[]>();
    const fresh = new Map<string, number>();
    if (!known.length) return { events, fresh };
    const rows = known.map((e) => ({
      provider: e.provider,
      event_id: e.eventId,
      provider_call_id: e.providerCallId,
      call_id: callOf.get(e)!,
      kind: e.kind,
      at: new Date(e.at).toISOString(),
      body: e,
    }));
    const ids = [...new Set(rows.map((r) => r.call_id))];
    const result = (await tx.execute(sql`
      with ins as (
        insert into call_events (provider, event_id, provider_call_id, call_id, kind, at, body)
        select provider, event_id, provider_call_id, call_id, kind, at, body
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(
          provider text, event_id text, provider_call_id text, call_id uuid, kind text, at timestamptz, body jsonb)
        on conflict do nothing
        returning call_id, body
      )
      select call_id, body, true as fresh from ins
      union all
      select call_id, body, false as fresh from call_events
      where call_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`)) as unknown as { rows: { call_id: string; body: CallEvent; fresh: boolean }[] };
    for (const r of result.rows) {
      events.set(r.call_id, [...(events.get(r.call_id) ?? []), r.body]);
      if (r.fresh) fresh.set(r.call_id, (fresh.get(r.call_id) ?? 0) + 1);
    }
    return { events, fresh };
  }

  /**
   * Each event's call, its row locked (FOR UPDATE, in id order): by our id when it names one, else by
   * the provider's call id; an unknown provider call that is not ours becomes a new inbound call
   * (created here, once, whoever races).
   */
  private async resolveCalls(tx: Executor, batch: readonly CallEvent[]) {
    const ourIds = [...new Set(batch.flatMap((e) => (e.callId ? [e.callId] : [])))];
    const pairs = [...new Map(batch.map((e) => [keyOf(e.provider, e.providerCallId), e])).values()];
    const rows = await tx
      .select()
      .from(calls)
      .where(
        or(
          ourIds.length ? inArray(calls.id, ourIds) : sql`false`,
          ...pairs.map((e) =>
            and(eq(calls.provider, e.provider), eq(calls.providerCallId, e.providerCallId)),
          ),
        ),
      )
      .orderBy(asc(calls.id))
      .for('update');
    const byId = new Set(rows.map((r) => r.id));
    const byKey = new Map(
      rows.flatMap((r) => (r.providerCallId ? [[keyOf(r.provider, r.providerCallId), r.id]] : [])),
    );
    const fresh = batch.filter((e) => !e.callId && !byKey.has(keyOf(e.provider, e.providerCallId)));
    const created = await this.createInbound(tx, fresh);
    for (const row of created) byKey.set(keyOf(row.provider, row.providerCallId!), row.id);
    const callOf = new Map<CallEvent, string>();
    for (const e of batch) {
      const id = e.callId && byId.has(e.callId) ? e.callId : byKey.get(keyOf(e.provider, e.providerCallId));
      if (id) callOf.set(e, id);
    }
    return { callOf, locked: [...rows, ...created] };
  }

  /**
   * New inbound calls, one per provider call, as bare rows: who called, which client and which staff
   * member are worked out by the fold (refold), from all the call's events whichever came first.
   */
  private async createInbound(tx: Executor, fresh: readonly CallEvent[]): Promise<CallRow[]> {
    const groups = new Map<string, CallEvent>();
    for (const e of fresh) groups.set(keyOf(e.provider, e.providerCallId), e);
    const out: CallRow[] = [];
    for (const e of groups.values()) {
      const [row] = await tx
        .insert(calls)
        .values({
          direction: 'inbound',
          provider: e.provider,
          providerCallId: e.providerCallId,
          number: 'unknown',
          startedAt: new Date(e.at),
        })
        .onConflictDoNothing()
        .returning();
      // Created meanwhile by another batch (which committed): take it, locked.
      const [theirs] = row
        ? [row]
        : await tx
            .select()
            .from(calls)
            .where(and(eq(calls.provider, e.provider), eq(calls.providerCallId, e.providerCallId)))
            .for('update');
      if (theirs) out.push(theirs);
    }
    return out;
  }

  /**
   * An inbound call's other party from its fold: the caller's number in E.164, the client it is
   * (exactly one match; kept once found), the staff member (the extension's, else the client's
   * manager), and the start (the earliest event).
   */
  private async inboundParty(
    tx: Executor,
    before: CallRow,
    facts: CallFacts,
    events: readonly CallEvent[],
    extStaff: string | undefined,
  ) {
    const number = toE164(facts.from ?? facts.to ?? before.number, this.opts.defaultRegion).number;
    const earliest = Math.min(before.startedAt.getTime(), ...events.map((e) => Date.parse(e.at)));
    const startedAt = new Date(earliest);
    // The same caller as at the last fold: the client and the fallback staff member were settled then.
    if (number === before.number)
      return { party: { number, staffId: extStaff ?? before.staffId, startedAt }, candidates: null };
    const candidates = await clientsByPhoneDigits(tx, matchKeys(number, this.opts.defaultRegion), 5);
    const known = before.clientId ? candidates.find((c) => c.id === before.clientId) : undefined;
    const match = known ?? (candidates.length === 1 ? candidates[0]! : null);
    return {
      party: {
        number,
        clientId: match?.id ?? null,
        staffId: extStaff ?? match?.managerId ?? null,
        startedAt,
      },
      candidates: candidates.map((c) => ({ id: c.id, name: c.name })),
    };
  }

  /** Re-folds the locked calls from all their stored events; writes what changed; appends its events. */
  private async refold(
    tx: Executor,
    rows: readonly CallRow[],
    eventsOf: ReadonlyMap<string, CallEvent[]>,
  ): Promise<void> {
    if (!rows.length) return;
    const extensions = rows.flatMap((r) =>
      eventsOf.get(r.id)!.flatMap((e) => (e.extension ? [e.extension] : [])),
    );
    const staffByExt = await this.extensions.staffOf(extensions, tx);
    const out: NewEvent[] = [];
    for (const before of rows) {
      const all = eventsOf.get(before.id)!;
      const facts = foldCall(all);
      // The staff member of the latest extension that is someone's (an unknown one changes nothing).
      const extStaff = facts.extensions.flatMap((x) => staffByExt.get(x) ?? []).at(-1);
      const inbound =
        before.direction === 'inbound' ? await this.inboundParty(tx, before, facts, all, extStaff) : null;
      const party = inbound?.party ?? { staffId: extStaff ?? before.staffId };
      const [after] = await tx
        .update(calls)
        .set({
          ...party,
          state: facts.state,
          providerCallId:
            before.providerCallId ??
            eventsOf.get(before.id)!.find((e) => !e.eventId.startsWith(LOCAL_EVENT))?.providerCallId ??
            null,
          extension: facts.extension ?? before.extension,
          ringingAt: facts.ringingAt,
          answeredAt: facts.answeredAt,
          endedAt: facts.endedAt,
          endCause: facts.endCause,
          durationSec: facts.durationSec,
          recordingUrl: facts.recordingUrl,
          recordingDurationSec: facts.recordingDurationSec,
          updatedAt: this.clock.now(),
        })
        .where(eq(calls.id, before.id))
        .returning();
      const changed =
        after!.state !== before.state ||
        (after!.answeredAt !== null && before.answeredAt === null) ||
        (after!.recordingUrl !== null && before.recordingUrl === null) ||
        after!.clientId !== before.clientId;
      if (!changed) continue;
      const client = after!.clientId
        ? ((await clientRefsByIds(tx, [after!.clientId])).get(after!.clientId) ?? null)
        : null;
      const changes = await this.changes(tx, before, after!, facts, client, inbound?.candidates ?? null);
      // An inbound call ringing someone outside the client's record scope: the events they receive
      // carry the number, not the client's name (the client's manager still sees it on the card).
      if (client && after!.direction === 'inbound' && after!.staffId) {
        const sees = await this.visibleTo(tx, after!.staffId, [client.id]);
        if (!sees.has(client.id))
          for (const e of changes) (e.payload as { clientName: string | null }).clientName = null;
      }
      out.push(...changes);
    }
    await appendCallEvents(tx, out);
  }

  /** The domain events of one call's new fold, and its consequences (missed → task, recording). */
  private async changes(
    tx: Executor,
    before: CallRow,
    after: CallRow,
    facts: CallFacts,
    client: CallClient | null,
    candidates: { id: string; name: string }[] | null,
  ): Promise<NewEvent[]> {
    const out: NewEvent[] = [];
    const wasEnded = before.state === 'ended';
    if (after.state === 'ringing' && before.state === 'dialing') {
      out.push(callEvent('call.ringing', after, client, {}));
      if (after.direction === 'inbound') out.push(await this.screenPop(tx, after, client, candidates));
    }
    if (after.state === 'answered' && before.answeredAt === null)
      out.push(callEvent('call.answered', after, client, {}));
    if (after.state === 'ended' && !wasEnded) {
      out.push(
        callEvent('call.ended', after, client, {
          cause: facts.endCause!,
          durationSec: facts.durationSec ?? 0,
        }),
      );
      if (after.direction === 'inbound' && after.answeredAt === null)
        out.push(await this.missed(tx, after, client));
    } else if (wasEnded && client && !before.clientId && after.direction === 'inbound' && !after.answeredAt) {
      // The caller became known after the end (its ringing came last): the call-back task is due now.
      out.push(await this.missed(tx, after, client));
    }
    if (after.recordingUrl && !before.recordingUrl) {
      await this.opts.recordings?.recordingReady(tx, {
        callId: after.id,
        clientId: after.clientId,
        url: after.recordingUrl,
        durationSec: after.recordingDurationSec,
        provider: after.provider,
      });
      out.push(callEvent('call.recording_ready', after, client, { durationSec: after.recordingDurationSec }));
    }
    return out;
  }

  /**
   * The inbound screen pop, to the staff member whose phone rings: the caller, or the candidates —
   * only clients that staff member may see (record scope holds for a ringing phone too); a caller
   * outside it pops as a number, with `outsideScope` so nobody files a duplicate lead for them.
   */
  private async screenPop(
    tx: Executor,
    c: CallRow,
    client: CallClient | null,
    matched: { id: string; name: string }[] | null,
  ): Promise<NewEvent> {
    const all = client
      ? [{ id: client.id, name: client.name }]
      : (matched ?? (await clientsByPhoneDigits(tx, matchKeys(c.number, this.opts.defaultRegion), 5))).map(
          (r) => ({ id: r.id, name: r.name }),
        );
    const visible = c.staffId
      ? await this.visibleTo(
          tx,
          c.staffId,
          all.map((x) => x.id),
        )
      : new Set();
    const candidates = all.filter((x) => visible.has(x.id));
    const shown = client && candidates.some((x) => x.id === client.id) ? client : null;
    return callEvent(
      'call.inbound_ringing',
      c,
      shown,
      { candidates, outsideScope: candidates.length < all.length },
      { audience: { users: c.staffId ? [c.staffId] : [] } },
    );
  }

  /** Which of these clients the staff member may see (record scope; none for an unknown or inactive one). */
  private async visibleTo(tx: Executor, staffId: string, clientIds: readonly string[]): Promise<Set<string>> {
    const viewer = await this.opts.viewerOf(staffId, tx);
    const out = new Set<string>();
    if (!viewer) return out;
    for (const id of clientIds) if (await assertClientVisible(tx, viewer, id).then(yes, no)) out.add(id);
    return out;
  }

  /** A missed inbound call: a call-back task for the client's manager (else whoever it rang). */
  private async missed(tx: Executor, c: CallRow, client: CallClient | null): Promise<NewEvent> {
    let taskId: string | null = null;
    const assigneeId = client?.managerId ?? c.staffId;
    if (client && !c.missedTaskId) {
      const [id] = await createClientTasks(
        tx,
        [
          {
            clientId: client.id,
            assigneeId,
            title: `Call back: missed call from ${c.number}`,
            dueAt: this.clock.now(),
          },
        ],
        null,
      );
      taskId = id ?? null;
      await tx.update(calls).set({ missedTaskId: taskId }).where(eq(calls.id, c.id));
    }
    return callEvent('call.missed', c, client, { taskId });
  }
}
