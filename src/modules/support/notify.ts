import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/connection.js';
import { LIVE_CHANNEL, livePayloads } from '../../core/live.js';

/**
 * The desk's own NOTIFY channel: widget sockets (any instance) listen here and, woken, read the
 * conversation's messages after the last seq they sent. Postgres delivers it on commit, so a socket
 * never reads a message before it exists; a lost NOTIFY costs latency only, because every reconnect
 * resumes from the seq the widget last saw.
 */
export const SUPPORT_CHANNEL = 'bd_support';

/** What changed in a conversation: a message (with its seq), or the conversation itself. */
export interface ConversationChange {
  conversationId: string;
  kind: 'message' | 'conversation' | 'typing';
  seq?: number;
  /** Set for `typing`: who is typing, as the other side may see it. */
  by?: { kind: 'customer' | 'agent'; name: string | null; staffId?: string };
  /** Set for `typing`: false when they stopped (else the indicator clears itself after ~5 s). */
  typing?: boolean;
}

/** Staff who may see support conversations get the inbox's live updates. */
export const SUPPORT_AUDIENCE = { permissions: ['support.handle'] };

/**
 * Announces a change in the caller's transaction: to widget sockets (SUPPORT_CHANNEL) and to the
 * staff inbox (the hub's live channel, topic `support.conversation`), both delivered on commit. One
 * statement for both NOTIFYs (core/live.ts packs the live one): it runs on every message.
 */
export async function notifyConversation(tx: Executor, change: ConversationChange): Promise<void> {
  const live = livePayloads([
    { topic: 'support.conversation', audience: SUPPORT_AUDIENCE, data: { ...change } },
  ]);
  await tx.execute(
    sql`select pg_notify(${SUPPORT_CHANNEL}, ${JSON.stringify(change)})${sql.join(
      live.map((payload) => sql`, pg_notify(${LIVE_CHANNEL}, ${payload})`),
    )}`,
  );
}
