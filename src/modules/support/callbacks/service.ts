import { eq } from 'drizzle-orm';
import type { Clock } from '../../../core/clock.js';
import { badRequest, notFound } from '../../../core/errors.js';
import type { Db, Executor } from '../../../db/connection.js';
import type { CallbackView } from '../../../shared/contracts/support-callbacks.js';
import { clientRefsByIds } from '../../clients/index.js';
import { SYSTEM_ACTOR } from '../conversations/actor.js';
import type { Conversations } from '../conversations/service.js';
import { toE164 } from './phone.js';
import { supportCallbacks } from './schema.js';

export type CallbackRow = typeof supportCallbacks.$inferSelect;

export interface CallbackInput {
  via: 'widget' | 'cabinet';
  /** As typed; normalised to E.164 (a national number needs `country`). */
  number?: string | undefined;
  language?: string | undefined;
  preferredAt?: Date | undefined;
  name?: string | undefined;
  /** The cabinet's trader, or the widget visitor's signed-in trader. */
  clientId?: string | null;
  visitorId?: string | null;
  contactEmail?: string | null;
  /** The country of a national number (the client's, for the cabinet). */
  country?: string | null;
}

/** A preferred time may be this far in the past (a form filled slowly) and this far ahead. */
const PAST_SLACK_MS = 10 * 60_000;
const AHEAD_MAX_MS = 30 * 86_400_000;

export const callbackView = (row: CallbackRow): CallbackView => ({
  conversationId: row.conversationId,
  number: row.number,
  name: row.name,
  language: row.language,
  preferredAt: row.preferredAt?.toISOString() ?? null,
  via: row.via,
  callId: row.callId,
  closedAt: row.closedAt?.toISOString() ?? null,
});

/**
 * Callback requests: a conversation of channel `callback` opened through the conversation service
 * (so routing gives it to an agent speaking its language, like a chat, and the SLA clocks start), with
 * the request's fields beside it; closed when a call linked to it reached the customer.
 */
export class CallbackRequests {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly conversations: Conversations,
  ) {}

  async request(input: CallbackInput): Promise<CallbackRow> {
    const client = input.clientId
      ? (await clientRefsByIds(this.db, [input.clientId])).get(input.clientId)
      : undefined;
    const rawNumber = input.number ?? client?.phone ?? undefined;
    if (!rawNumber) throw badRequest('invalid_phone', 'Give the number to call', 'number');
    const number = toE164(rawNumber, input.country ?? client?.country ?? null);
    const language = input.language ?? client?.language ?? 'en';
    const now = this.clock.now().getTime();
    const at = input.preferredAt;
    if (at && (at.getTime() < now - PAST_SLACK_MS || at.getTime() > now + AHEAD_MAX_MS))
      throw badRequest('preferred_time_out_of_range', 'Choose a time within the next 30 days', 'preferredAt');
    const name = input.name ?? client?.name ?? null;
    return this.db.transaction(async (tx) => {
      const conv = await this.conversations.open(tx, {
        channel: 'callback',
        subject: `Callback ${number}`,
        language,
        contactName: name,
        contactPhone: number,
        contactEmail: input.contactEmail ?? null,
        visitorId: input.visitorId ?? null,
        clientId: input.clientId ?? null,
        actor: { kind: 'customer', name },
      });
      const [row] = await tx
        .insert(supportCallbacks)
        .values({
          conversationId: conv.id,
          number,
          name,
          language,
          preferredAt: at ?? null,
          via: input.via,
          createdAt: new Date(now),
        })
        .returning();
      await this.conversations.addMessage(tx, conv.id, {
        authorKind: 'customer',
        authorName: name,
        body: `Please call me back on ${number}${at ? ` at ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ' as soon as possible'}.`,
      });
      return row!;
    });
  }

  /** The request behind a conversation (null: not a callback request). */
  async get(db: Executor, conversationId: string): Promise<CallbackRow | null> {
    const [row] = await db
      .select()
      .from(supportCallbacks)
      .where(eq(supportCallbacks.conversationId, conversationId));
    return row ?? null;
  }

  /** Where telephony dials for "Call back" on a conversation: the request's number and client. */
  async target(db: Executor, conversationId: string): Promise<{ number: string; clientId: string | null }> {
    const row = await this.get(db, conversationId);
    if (!row) throw notFound('Callback request');
    const conv = await this.conversations.get(db, conversationId);
    return { number: row.number, clientId: conv.clientId };
  }

  /**
   * A call linked to the conversation ended reached: the request is closed (with an internal note
   * naming the call). For telephony, inside the transaction that ends the call. Returns false — and
   * does nothing — for a conversation that is not an open callback request.
   */
  async close(tx: Executor, conversationId: string, callId: string): Promise<boolean> {
    const conv = await this.conversations.lock(tx, conversationId).catch(() => null);
    if (!conv || conv.channel !== 'callback' || conv.status === 'closed') return false;
    const [row] = await tx
      .update(supportCallbacks)
      .set({ callId, closedAt: this.clock.now() })
      .where(eq(supportCallbacks.conversationId, conversationId))
      .returning();
    if (!row) return false;
    await this.conversations.addMessage(tx, conversationId, {
      authorKind: 'system',
      visibility: 'internal',
      body: `Called back: the customer was reached (call ${callId}).`,
    });
    await this.conversations.setStatus(tx, conversationId, 'closed', SYSTEM_ACTOR);
    return true;
  }
}
