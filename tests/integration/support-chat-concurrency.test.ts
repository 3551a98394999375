import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { conversationMessages, conversations } from '../../src/modules/support/schema.js';
import type { ServerFrame, WidgetClient } from '../../src/modules/support/widget/hub.js';
import { signedIn, signedInAdmin } from '../support/server.js';
import { cmid, newVisitor, widgetSuite, type WidgetSocket } from './support-widget.fixtures.js';

// Visitors from many addresses (behind a trusted proxy), as on a busy day: the widget limits new
// chats per address, and this file opens more than one address may.
const { suite, open: openFrom, reply } = widgetSuite({ TRUST_PROXY: 'true' });
let visitorsSoFar = 0;
const open = () => {
  const n = ++visitorsSoFar;
  return openFrom({ ip: `10.9.${n >> 8}.${n & 255}` });
};
const db = () => suite.server.ctx.database.db;

/** Agents online with no team (as the benchmark's): every chat is routed over all of them. */
async function onlineAgents(count: number, capacity: number) {
  const admin = await signedInAdmin(suite.server);
  const agents = [];
  for (let i = 0; i < count; i++) {
    const agent = await signedIn(suite.server, 'support_agent');
    const set = await admin.api.call('PUT', `/api/support/agents/${agent.user.id}`, {
      teamIds: [],
      languages: ['id', 'en'],
      capacity,
    });
    expect(set.status).toBe(200);
    expect((await agent.api.call('PUT', '/api/support/me/status', { status: 'online' })).status).toBe(200);
    agents.push(agent);
  }
  return agents;
}

/** Sends a frame and waits for its ack; a refusal with `retry` is sent again (same id), as the widget does. */
async function sendAcked(ws: WidgetSocket, frame: { type: string; body: string; clientMessageId: string }) {
  ws.send(frame);
  for (let attempt = 0; ; attempt++) {
    const f = await ws.next(
      (x) => x.clientMessageId === frame.clientMessageId && (x.type === 'ack' || x.type === 'error'),
      15_000,
    );
    if (f.type === 'ack') return f;
    expect(f).toMatchObject({ retry: true }); // anything else would be a message the visitor cannot save
    ws.frames.splice(ws.frames.indexOf(f), 1);
    if (attempt > 5) throw new Error('still refused');
    ws.send(frame);
  }
}

describe('chats opened and answered all at once', () => {
  it('stores every message exactly once, and no agent goes over capacity', async () => {
    const agents = await onlineAgents(3, 6);
    // 24 visitors (the pre-chat form allows 30 a minute per address) on 3 agents of capacity 6: 18
    // routed at once, 6 queued, and offered as the first chats are resolved.
    const visitors = await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const { token } = await newVisitor(suite.server, { name: `Visitor ${i}`, language: 'id' });
        const ws = await open();
        ws.send({ type: 'hello', token, lastSeq: 0 });
        await ws.next((f) => f.type === 'state');
        return ws;
      }),
    );
    const sent: string[] = [];
    const convIds = await Promise.all(
      visitors.map(async (ws, i) => {
        const first = cmid();
        sent.push(first);
        const ack = await sendAcked(ws, { type: 'start', body: `question ${i}`, clientMessageId: first });
        const id = ack.conversationId as string;
        // Two more from the visitor while an agent answers and another chat is resolved.
        const more = [cmid(), cmid()];
        sent.push(...more);
        await Promise.all([
          ...more.map((m) => sendAcked(ws, { type: 'message', body: `more ${m}`, clientMessageId: m })),
          (async () => {
            const [row] = await db().select().from(conversations).where(eq(conversations.id, id));
            if (row?.assigneeId) expect((await reply(id, `answer ${i}`)).status).toBe(201);
          })(),
        ]);
        return id;
      }),
    );
    // Everyone resolves what they have, all at once: each resolution offers the queue.
    const assigned = await db().select().from(conversations).where(inArray(conversations.id, convIds));
    await Promise.all(
      assigned
        .filter((c) => c.assigneeId)
        .map(async (c) => {
          const agent = [...agents, suite.agent].find((a) => a.user.id === c.assigneeId)!;
          const res = await agent.api.call('PATCH', `/api/support/conversations/${c.id}`, {
            status: 'resolved',
          });
          expect(res.status).toBe(200);
        }),
    );

    const stored = await db()
      .select({ cmid: conversationMessages.clientMessageId })
      .from(conversationMessages)
      .where(inArray(conversationMessages.clientMessageId, sent));
    expect(stored).toHaveLength(sent.length);
    expect(new Set(stored.map((s) => s.cmid)).size).toBe(sent.length);
    // The queued ones were offered as room freed; nobody ever held more than 6 open chats.
    const after = await db().select().from(conversations).where(inArray(conversations.id, convIds));
    const open6 = new Map<string, number>();
    for (const c of after)
      if (c.assigneeId && c.status === 'open') open6.set(c.assigneeId, (open6.get(c.assigneeId) ?? 0) + 1);
    expect([...open6.values()].every((n) => n <= 6)).toBe(true);
    expect(after.filter((c) => !c.assigneeId)).toHaveLength(0);
    for (const ws of visitors) expect(ws.frames.filter((f) => f.type === 'error')).toEqual([]);
  });

  it('retries a send that hit a deadlock; a send that still fails says so with retry, and its resend stores once', async () => {
    const chat = suite.server.ctx.widget.chat as unknown as {
      sendOnce: (...a: unknown[]) => Promise<unknown>;
      send: (...a: unknown[]) => Promise<unknown>;
    };
    const { token } = await newVisitor(suite.server, { name: 'Rina' });
    const ws = await open();
    ws.send({ type: 'hello', token, lastSeq: 0 });
    await ws.next((f) => f.type === 'state');

    // A deadlock on the first attempt: run again, the visitor sees only the ack.
    const realOnce = chat.sendOnce.bind(chat);
    let attempts = 0;
    chat.sendOnce = async (...a: unknown[]) => {
      if (attempts++ === 0) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return realOnce(...a);
    };
    const first = cmid();
    ws.send({ type: 'start', body: 'hello', clientMessageId: first });
    const ack = await ws.next((f) => f.type === 'ack' && f.clientMessageId === first);
    expect(attempts).toBe(2);
    chat.sendOnce = realOnce;

    // The database gone for this send: an error naming the message, to be sent again.
    const realSend = chat.send.bind(chat);
    chat.send = async () => {
      throw Object.assign(new Error('Connection terminated unexpectedly'), {});
    };
    const second = cmid();
    ws.send({ type: 'message', body: 'are you there?', clientMessageId: second });
    const err = await ws.next((f) => f.type === 'error' && f.clientMessageId === second);
    expect(err).toMatchObject({ code: 'unavailable', retry: true });
    chat.send = realSend;
    ws.send({ type: 'message', body: 'are you there?', clientMessageId: second });
    await ws.next((f) => f.type === 'ack' && f.clientMessageId === second);
    // And the same id once more (a widget that did not see the ack): acked as a duplicate.
    ws.send({ type: 'message', body: 'are you there?', clientMessageId: second });
    const dup = await ws.next(
      (f) => f.type === 'ack' && f.clientMessageId === second && f.duplicate === true,
    );
    expect(dup.seq).toBe(ack.seq! + 1);
    const rows = await db()
      .select()
      .from(conversationMessages)
      .where(inArray(conversationMessages.clientMessageId, [first, second]));
    expect(rows.map((r) => r.clientMessageId).sort()).toEqual([first, second].sort());
  });
});

describe('the widget hub', () => {
  it('leaves no member behind for a socket closed while its join was queued', async () => {
    const hub = suite.server.ctx.widget.hub;
    const { token } = await newVisitor(suite.server, { name: 'Ayu' });
    const ws = await open();
    ws.send({ type: 'hello', token, lastSeq: 0 });
    await ws.next((f) => f.type === 'state');
    const first = cmid();
    ws.send({ type: 'start', body: 'hi', clientMessageId: first });
    const ack = await ws.next((f) => f.type === 'ack');
    const conversationId = ack.conversationId as string;
    await ws.next((f) => f.type === 'message');
    const before = hub.size;

    const got: ServerFrame[] = [];
    const ghost: WidgetClient = { lastSent: 0, send: (f) => got.push(f) };
    const joined = hub.join(ghost, conversationId, 0);
    hub.leave(ghost, conversationId); // the socket closed before its queued join ran
    await joined;
    await settle(() => hub.size === before);
    expect(hub.size).toBe(before);
    expect((await reply(conversationId, 'only for the live one')).status).toBe(201);
    await ws.next((f) => f.type === 'message' && f.body === 'only for the live one');
    expect(got.some((f) => f.type === 'message' && f.body === 'only for the live one')).toBe(false);
  });

  it('leaves no member behind for a socket that closes in the middle of its hello', async () => {
    const hub = suite.server.ctx.widget.hub;
    const { token } = await newVisitor(suite.server, { name: 'Budi' });
    const ws = await open();
    ws.send({ type: 'hello', token, lastSeq: 0 });
    await ws.next((f) => f.type === 'state');
    const first = cmid();
    ws.send({ type: 'start', body: 'hi', clientMessageId: first });
    const ack = await ws.next((f) => f.type === 'ack');
    await ws.close();
    await settle(() => hub.size === 0);
    const before = hub.size;
    for (let i = 0; i < 5; i++) {
      const again = await open();
      again.send({ type: 'hello', token, conversationId: ack.conversationId, lastSeq: 0 });
      again.ws.terminate(); // gone while the server looks the token and the conversation up
    }
    await settle(() => hub.size === before, 1_000);
    expect(hub.size).toBe(before);
  });
});

/** Waits (bounded) until `done()`; the assertion after it says what was expected. */
async function settle(done: () => boolean, ms = 500) {
  const until = Date.now() + ms;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 50));
}
