import { describe, expect, it } from 'vitest';
import type { MessagePage, MessageView } from '../../../src/shared/contracts/support';
import { fetchAfterHeld, lastHeldSeq, mergeBySeq, readConversationPush } from './supportMessages';

const msg = (seq: number, body = `m${seq}`): MessageView => ({
  id: `id-${seq}`,
  seq,
  authorKind: 'customer',
  authorStaffId: null,
  authorName: null,
  visibility: 'public',
  body,
  bodyHtml: null,
  attachments: [],
  createdAt: '2026-12-07T06:00:00.000Z',
});
const seqs = (items: MessageView[]) => items.map((m) => m.seq);

/** A server holding messages 1..last, answering `after` with at most `limit` of them. */
function server(last: number, limit = 100) {
  const calls: number[] = [];
  const fetchPage = async (after: number): Promise<MessagePage> => {
    calls.push(after);
    const items: MessageView[] = [];
    for (let s = after + 1; s <= last && items.length < limit; s += 1) items.push(msg(s));
    return { items, lastSeq: last };
  };
  return { calls, fetchPage };
}

describe('mergeBySeq', () => {
  it('appends, sorts and keeps one message per seq', () => {
    const merged = mergeBySeq([msg(1), msg(2), msg(3)], [msg(3), msg(5), msg(4)]);
    expect(seqs(merged)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lets the newer copy of a seq win', () => {
    expect(mergeBySeq([msg(1, 'old')], [msg(1, 'new')])[0]!.body).toBe('new');
  });

  it('returns the held list itself when nothing came', () => {
    const held = [msg(1)];
    expect(mergeBySeq(held, [])).toBe(held);
  });
});

describe('fetchAfterHeld', () => {
  it('loads from seq 0 when nothing is held', async () => {
    const s = server(3);
    expect(seqs(await fetchAfterHeld(undefined, s.fetchPage))).toEqual([1, 2, 3]);
    expect(s.calls).toEqual([0]);
  });

  it('asks only after the last seq held and appends', async () => {
    const s = server(5);
    const items = await fetchAfterHeld([msg(1), msg(2), msg(3)], s.fetchPage);
    expect(seqs(items)).toEqual([1, 2, 3, 4, 5]);
    expect(s.calls).toEqual([3]);
  });

  it('follows the server paging until it holds the last seq', async () => {
    const s = server(7, 3);
    expect(seqs(await fetchAfterHeld([], s.fetchPage))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(s.calls).toEqual([0, 3, 6]);
  });

  it('shows nothing twice when a live push and a reconnect fetch overlap', async () => {
    // The reconnect's page repeats seq 4, which a live push already brought in.
    const held = [msg(1), msg(2), msg(3), msg(4)];
    const overlapping = async (): Promise<MessagePage> => ({ items: [msg(4), msg(5)], lastSeq: 5 });
    expect(seqs(await fetchAfterHeld(held, overlapping))).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops on an empty page even if the server claims more', async () => {
    let calls = 0;
    const stuck = async (): Promise<MessagePage> => {
      calls += 1;
      return { items: [], lastSeq: 9 };
    };
    expect(seqs(await fetchAfterHeld([msg(1)], stuck))).toEqual([1]);
    expect(calls).toBe(1);
  });

  it('holds nothing new when already up to date', async () => {
    const s = server(2);
    const held = [msg(1), msg(2)];
    expect(await fetchAfterHeld(held, s.fetchPage)).toBe(held);
    expect(lastHeldSeq(held)).toBe(2);
  });
});

describe('readConversationPush', () => {
  it('reads support.conversation pushes only', () => {
    expect(readConversationPush('trading.accounts', { conversationId: 'c', kind: 'message' })).toBeNull();
    expect(readConversationPush('support.conversation', { kind: 'message' })).toBeNull();
    expect(readConversationPush('support.conversation', { conversationId: 'c', kind: 'x' })).toBeNull();
    expect(
      readConversationPush('support.conversation', { conversationId: 'c', kind: 'message', seq: 4 }),
    ).toEqual({ conversationId: 'c', kind: 'message', seq: 4 });
  });
});
