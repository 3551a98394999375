import { and, eq, gt, ne, sql } from 'drizzle-orm';
import type { Actor } from '../../core/actor.js';
import type { Clock } from '../../core/clock.js';
import { AppError, conflict } from '../../core/errors.js';
import type { Viewer } from '../../core/events.js';
import type { Db, Executor } from '../../db/connection.js';
import {
  assertClientVisible,
  clientRefsByIds,
  clientsByPhoneDigits,
  type ClientRef,
} from '../clients/index.js';
import { lockVisibleConversation } from '../support/index.js';
import type { DispositionInput, OriginateInput } from './contracts.js';
import { appendCallEvents, callEvent } from './events.js';
import type { Extensions } from './extensions.js';
import { LOCAL_EVENT, type CallIngest } from './ingest.js';
import { matchKeys, toE164 } from './phone-number.js';
import type { PhoneSystem } from './ports.js';
import { LIVE_CALL_HORIZON_MS, type CallReads } from './reads.js';
import { calls, staffExtensions, type CallRow } from './schema.js';

/** What other parts of the module (callbacks, T2) do when a call gets its disposition. */
export type DispositionHook = (tx: Executor, call: CallRow, actor: Actor) => Promise<void>;

/**
 * Click-to-call, hang-up and disposition. Originating records the call (state `dialing`) and its
 * `call.started` first, then asks the phone system, which rings the staff member's extension and then
 * the client; what happens next arrives as provider events (ingest.ts).
 */
export class CallService {
  private readonly dispositionHooks: DispositionHook[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly phone: () => PhoneSystem,
    private readonly extensions: Extensions,
    private readonly reads: CallReads,
    private readonly defaultRegion: string | null,
    private readonly ingest: Pick<CallIngest, 'ingest'>,
  ) {}

  onDisposition(hook: DispositionHook): void {
    this.dispositionHooks.push(hook);
  }

  async originate(viewer: Viewer, actor: Actor, input: OriginateInput): Promise<string> {
    let client: ClientRef | null = input.clientId
      ? await assertClientVisible(this.db, viewer, input.clientId)
      : null;
    const raw = input.number ?? client?.phone ?? null;
    const field = input.number ? 'number' : 'clientId';
    if (!raw?.trim()) throw new AppError(422, 'no_phone', 'The client has no phone number on file', field);
    const { number, valid } = toE164(raw, client?.country ?? this.defaultRegion);
    if (!valid) throw new AppError(422, 'invalid_number', `${raw} is not a phone number we can dial`, field);
    client ??= await this.visibleMatch(viewer, number);
    const phone = this.phone();
    const row = await this.db.transaction(async (tx) => {
      // The conversation this call answers must be one the caller may see: a reached call closes it.
      if (input.conversationId) await lockVisibleConversation(tx, viewer, input.conversationId);
      const extension = await this.extensions.ensure(actor.id!, tx);
      // One live call per staff member: their extension row serialises two quick clicks.
      await tx.select().from(staffExtensions).where(eq(staffExtensions.staffId, actor.id!)).for('update');
      const since = new Date(this.clock.now().getTime() - LIVE_CALL_HORIZON_MS);
      const [live] = await tx
        .select({ id: calls.id })
        .from(calls)
        .where(and(eq(calls.staffId, actor.id!), ne(calls.state, 'ended'), gt(calls.startedAt, since)))
        .limit(1);
      if (live) throw conflict('staff_busy', 'You are on a call already', undefined, { callId: live.id });
      const [created] = await tx
        .insert(calls)
        .values({
          direction: 'outbound',
          provider: phone.name,
          staffId: actor.id,
          extension,
          clientId: client?.id ?? null,
          number,
          conversationId: input.conversationId ?? null,
          startedAt: this.clock.now(),
        })
        .returning();
      await appendCallEvents(tx, [
        callEvent('call.started', created!, client, { conversationId: created!.conversationId }, { actor }),
      ]);
      return created!;
    });
    try {
      const { providerCallId } = await phone.originate({
        callId: row.id,
        extension: row.extension!,
        to: number,
      });
      await this.db
        .update(calls)
        .set({ providerCallId })
        .where(and(eq(calls.id, row.id), sql`${calls.providerCallId} is null`));
    } catch (err) {
      await this.endLocally(row.id, 'failed');
      throw new AppError(
        502,
        'phone_system_unavailable',
        `The phone system did not take the call: ${(err as Error).message}`,
      );
    }
    return row.id;
  }

  /**
   * Asks the phone system to end the call, then ends it here too, so a provider that never reports
   * the end cannot leave the staff member "on a call": the provider's own `ended`, if it is earlier,
   * still wins in the fold (its time and cause).
   */
  async hangup(viewer: Viewer, callId: string): Promise<void> {
    const c = await this.ownCall(viewer, callId);
    if (c.state === 'ended') return;
    if (c.providerCallId) {
      try {
        await this.phone().hangup(c.providerCallId);
      } catch (err) {
        throw new AppError(
          502,
          'phone_system_unavailable',
          `The phone system did not hang up: ${(err as Error).message}`,
        );
      }
    }
    await this.endLocally(c.id, c.answeredAt ? 'completed' : 'canceled');
  }

  async setDisposition(viewer: Viewer, actor: Actor, callId: string, input: DispositionInput): Promise<void> {
    await this.ownCall(viewer, callId);
    await this.db.transaction(async (tx) => {
      const [c] = await tx
        .update(calls)
        .set({
          disposition: input.disposition,
          note: input.note ?? null,
          dispositionBy: actor.id,
          dispositionAt: this.clock.now(),
          updatedAt: this.clock.now(),
        })
        .where(eq(calls.id, callId))
        .returning();
      const client = await this.clientOf(tx, c!);
      await appendCallEvents(tx, [
        callEvent(
          'call.disposition_set',
          c!,
          client,
          { disposition: input.disposition, note: c!.note },
          { actor },
        ),
      ]);
      for (const hook of this.dispositionHooks) await hook(tx, c!, actor);
    });
  }

  /**
   * The call, visible and the viewer's own: seeing a client's calls (a support agent sees every
   * client) is not ending or labelling a colleague's. Supervisors (telephony.supervise) may.
   */
  private async ownCall(viewer: Viewer, callId: string): Promise<CallRow> {
    // The staff member on the call may always end and label it, even when the caller is a client
    // outside their scope (an inbound call from another team's client rang them).
    const own = await this.reads.onCall(viewer, callId);
    if (own) return own;
    const c = await this.reads.visible(viewer, callId);
    if (!viewer.permissions.has('telephony.supervise'))
      throw new AppError(403, 'forbidden', 'This is another staff member’s call');
    return c;
  }

  /** A dialled number that is exactly one visible client's: the call goes on that card. */
  private async visibleMatch(viewer: Viewer, number: string): Promise<ClientRef | null> {
    const found = await clientsByPhoneDigits(this.db, matchKeys(number, this.defaultRegion), 2);
    if (found.length !== 1) return null;
    return assertClientVisible(this.db, viewer, found[0]!.id).catch(() => null);
  }

  private async clientOf(tx: Executor, c: CallRow) {
    return c.clientId ? ((await clientRefsByIds(tx, [c.clientId])).get(c.clientId) ?? null) : null;
  }

  /**
   * Ends a call here (originate failed, the staff member hung up) with an event of our own, folded
   * like the provider's: a provider `ended` that arrives later but happened earlier wins, and nothing
   * can reopen it.
   */
  private async endLocally(callId: string, cause: 'failed' | 'canceled' | 'completed'): Promise<void> {
    await this.ingest.ingest([
      {
        provider: this.phone().name,
        eventId: `${LOCAL_EVENT}${callId}:ended`,
        providerCallId: `${LOCAL_EVENT}${callId}`,
        callId,
        kind: 'ended',
        at: this.clock.now().toISOString(),
        cause,
      },
    ]);
  }
}
