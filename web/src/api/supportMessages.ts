import type { MessagePage, MessageView } from '../../../src/shared/contracts/support';

/**
 * Following a conversation by seq. Messages are append-only and numbered per conversation, so the
 * inbox holds them sorted by seq and asks only for what comes after the last one it holds: on the
 * first load (after 0), on a live `{ kind: 'message', seq }` and after a reconnect. A page that
 * overlaps what is held (a live push racing a refetch) merges without showing anything twice.
 */

/** The highest seq held, 0 when nothing is. */
export function lastHeldSeq(items: readonly MessageView[] | undefined): number {
  return items && items.length > 0 ? items[items.length - 1]!.seq : 0;
}

/** Held ∪ incoming, one message per seq (the newer copy wins), oldest first. */
export function mergeBySeq(held: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  if (incoming.length === 0) return held as MessageView[];
  const bySeq = new Map<number, MessageView>();
  for (const message of held) bySeq.set(message.seq, message);
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** A page after this many in a row still short of the server's last seq means something is off: stop. */
const MAX_PAGES = 50;

/**
 * Fetches every message after the last one held and returns the merged list. The server pages
 * (`limit`), so it keeps asking until it holds the conversation's `lastSeq` or a page comes back empty.
 */
export async function fetchAfterHeld(
  held: readonly MessageView[] | undefined,
  fetchPage: (after: number) => Promise<MessagePage>,
): Promise<MessageView[]> {
  let items = (held ?? []) as MessageView[];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await fetchPage(lastHeldSeq(items));
    items = mergeBySeq(items, answer.items);
    if (answer.items.length === 0 || lastHeldSeq(items) >= answer.lastSeq) break;
  }
  return items;
}

/** What a live `support.conversation` push says, when it is one (the hub sends `data` as is). */
export interface ConversationPush {
  conversationId: string;
  kind: 'message' | 'conversation' | 'typing';
  seq?: number;
  by?: { kind: 'customer' | 'agent'; name: string | null; staffId?: string };
  typing?: boolean;
}

export function readConversationPush(topic: string, data: Record<string, unknown>): ConversationPush | null {
  if (topic !== 'support.conversation') return null;
  const { conversationId, kind } = data;
  if (typeof conversationId !== 'string') return null;
  if (kind !== 'message' && kind !== 'conversation' && kind !== 'typing') return null;
  return data as unknown as ConversationPush;
}
