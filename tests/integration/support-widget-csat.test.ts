import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { events, mailOutbox } from '../../src/core/schema.js';
import { conversations, supportAgents, supportMetrics } from '../../src/modules/support/schema.js';
import { freshDatabase } from '../support/database.js';
import { ApiClient, signedIn, type TestServer } from '../support/server.js';
import {
  asVisitor,
  cmid,
  newVisitor,
  serverOn,
  WidgetSocket,
  widgetSuite,
} from './support-widget.fixtures.js';

const { suite, reply, chatting } = widgetSuite();

describe('what the widget shows: online, agent, queue', () => {
  it('is offline without an agent online for the language, online with one; the message is taken either way', async () => {
    const db = suite.server.ctx.database.db;
    const config = (language: string) =>
      new ApiClient(suite.server.app).call('GET', `/api/support/widget/config?language=${language}`);
    await db.delete(supportAgents);
    expect((await config('ar')).body).toMatchObject({ online: false });
    // Offline: the visitor still writes; the conversation waits.
    const { conversationId } = await chatting({ language: 'ar' });
    const [waiting] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(waiting).toMatchObject({ status: 'open', lastSeq: 1 });
    await db
      .insert(supportAgents)
      .values({ staffId: suite.agent.user.id, languages: ['ar', 'en'], status: 'online' });
    expect((await config('ar')).body).toMatchObject({ online: true, languages: ['ar', 'en'] });
    expect((await config('ru')).body).toMatchObject({ online: false });
    expect((await config('not a language')).status).toBe(400);
  });

  it('gives the queue position while unassigned, then the agent’s name and presence', async () => {
    const db = suite.server.ctx.database.db;
    const first = await chatting();
    const second = await chatting();
    // Queued as routing queues them (queued_at, no assignee), the first one earlier.
    const t0 = new Date(Date.now() - 60_000);
    await db
      .update(conversations)
      .set({ queuedAt: t0, assigneeId: null, teamId: null })
      .where(eq(conversations.id, first.conversationId));
    await db
      .update(conversations)
      .set({ queuedAt: new Date(t0.getTime() + 1000), assigneeId: null, teamId: null })
      .where(eq(conversations.id, second.conversationId));
    const state = async (v: { token: string; api: ApiClient; conversationId: string }) =>
      (
        await asVisitor(v.api, v.token)(
          'GET',
          `/api/support/widget/messages?conversationId=${v.conversationId}&after=0`,
        )
      ).body.state;
    const before = await state(first);
    const mine = await state(second);
    expect(mine.queuePosition).toBe(before.queuePosition + 1);
    expect(mine.agent).toBeNull();
    const assign = await suite.agent.api.call(
      'POST',
      `/api/support/conversations/${second.conversationId}/assign`,
      {
        assigneeId: suite.agent.user.id,
      },
    );
    expect(assign.status, JSON.stringify(assign.body)).toBe(200);
    const assigned = await second.ws.next((f) => f.type === 'state' && f.agent !== null);
    expect(assigned).toMatchObject({ agent: { name: suite.agent.user.name }, queuePosition: null });
  });
});

describe('the pre-chat form', () => {
  it('limits new visitors per address; resuming with a token is not counted', async () => {
    const { token, api } = await newVisitor(suite.server);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await api.call('POST', '/api/support/widget/session', { name: `v${i}` })).status);
    expect(statuses).toContain(429);
    expect((await api.call('POST', '/api/support/widget/session', { token })).status).toBe(200);
    // The window moves on (the server's clock): new visitors are welcome again.
    suite.server.clock.advance(61_000);
    expect((await api.call('POST', '/api/support/widget/session', { name: 'later' })).status).toBe(200);
  });
});

describe('CSAT', () => {
  it('asks in the widget once resolved; the score lands on the conversation, the agent’s metrics and an event', async () => {
    const { token, api, ws, conversationId } = await chatting();
    await suite.agent.api.call('POST', `/api/support/conversations/${conversationId}/assign`, {
      assigneeId: suite.agent.user.id,
    });
    await reply(conversationId, 'Done!');
    const early = await asVisitor(api, token)('POST', '/api/support/widget/csat', {
      conversationId,
      score: 5,
    });
    expect(early.status).toBe(409);
    expect(
      (
        await suite.agent.api.call('PATCH', `/api/support/conversations/${conversationId}`, {
          status: 'resolved',
        })
      ).status,
    ).toBe(200);
    await ws.next((f) => f.type === 'state' && f.status === 'resolved' && f.csatPending === true);
    const bad = await asVisitor(api, token)('POST', '/api/support/widget/csat', { conversationId, score: 6 });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('score');
    const rated = await asVisitor(api, token)('POST', '/api/support/widget/csat', {
      conversationId,
      score: 5,
      comment: 'Cepat sekali',
    });
    expect(rated.status).toBe(201);
    const again = await asVisitor(api, token)('POST', '/api/support/widget/csat', {
      conversationId,
      score: 1,
    });
    expect(again.status).toBe(409);
    const db = suite.server.ctx.database.db;
    const [conv] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
    expect(conv).toMatchObject({ csatScore: 5, csatComment: 'Cepat sekali' });
    const metrics = await db
      .select()
      .from(supportMetrics)
      .where(and(eq(supportMetrics.conversationId, conversationId), eq(supportMetrics.kind, 'csat')));
    expect(metrics).toMatchObject([{ score: 5, agentId: suite.agent.user.id, channel: 'chat' }]);
    const received = await db.select().from(events).where(eq(events.type, 'support.csat_received'));
    expect(
      received.some((e) => (e.payload as { conversationId: string }).conversationId === conversationId),
    ).toBe(true);
    await ws.next((f) => f.type === 'state' && f.csatPending === false);
  });

  it('mails a link for an email conversation, reminds once after a day, and takes the rating on the page', async () => {
    const { conversations: service, database } = suite.server.ctx;
    const email = `csat.${randomBytes(3).toString('hex')}@example.test`;
    const conv = await database.db.transaction(async (tx) => {
      const c = await service.open(tx, {
        channel: 'email',
        subject: 'Deposit <b>missing</b>',
        contactEmail: email,
        contactName: 'Budi',
        actor: { kind: 'customer', name: 'Budi' },
      });
      await service.addMessage(tx, c.id, {
        authorKind: 'customer',
        authorName: 'Budi',
        body: 'Where is my deposit?',
      });
      return c;
    });
    await suite.agent.api.call('PATCH', `/api/support/conversations/${conv.id}`, { status: 'resolved' });
    const mails = () => database.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
    const [asked] = await mails();
    const link = /\/support\/rate\/(cs1_[A-Za-z0-9_-]+)/.exec(asked!.text)![1]!;
    const [row] = await database.db.select().from(conversations).where(eq(conversations.id, conv.id));
    expect(row!.csatTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.csatTokenHash).not.toContain(link);

    expect(await suite.server.ctx.widget.csat.remindDue()).toBe(0);
    suite.server.clock.advance(25 * 3_600_000);
    await suite.server.ctx.widget.csat.remindDue();
    await suite.server.ctx.widget.csat.remindDue();
    const after = await mails();
    expect(after).toHaveLength(2);
    expect(after[1]!.subject).toMatch(/^Reminder/);
    expect(after[1]!.text).toContain(link);

    const page = await suite.server.app.inject({ method: 'GET', url: `/support/rate/${link}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Deposit &lt;b&gt;missing&lt;/b&gt;');
    expect(page.body).not.toContain('<b>missing</b>');
    const posted = await suite.server.app.inject({
      method: 'POST',
      url: `/support/rate/${link}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'score=4&comment=Thanks%21',
    });
    expect(posted.statusCode).toBe(200);
    expect(posted.body).toContain('Thank you');
    const [rated] = await database.db.select().from(conversations).where(eq(conversations.id, conv.id));
    expect(rated).toMatchObject({ csatScore: 4, csatComment: 'Thanks!' });
    const unknown = await suite.server.app.inject({ method: 'GET', url: '/support/rate/cs1_nope-nope-nope' });
    expect(unknown.body).toContain('no longer valid');
    // Only this page takes a form body: a JSON route refuses one.
    const form = await suite.server.app.inject({
      method: 'POST',
      url: '/api/support/widget/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=x',
    });
    expect(form.statusCode).toBe(415);
  });
});

describe('a server restart during a chat', () => {
  it('loses no message: a new server on the same database resumes from lastSeq', async () => {
    const { database, drop } = await freshDatabase();
    const key = randomBytes(32);
    const clock = new ManualClock(new Date());
    let first = await serverOn(database, key, clock);
    try {
      const staff = await signedIn(first as unknown as TestServer, 'support_agent');
      const { token } = await newVisitor(first);
      const ws = await WidgetSocket.open(first.url);
      ws.send({ type: 'hello', token, lastSeq: 0 });
      await ws.next((f) => f.type === 'state');
      const id = cmid();
      ws.send({ type: 'start', body: 'before restart', clientMessageId: id });
      const ack = await ws.next((f) => f.type === 'ack');
      const conversationId = ack.conversationId as string;
      await staff.api.call('POST', `/api/support/conversations/${conversationId}/messages`, {
        body: 'reply 1',
        visibility: 'public',
      });
      await ws.next((f) => f.type === 'message' && f.seq === 2);
      await first.close();
      await ws.next(() => ws.closeCode !== undefined).catch(() => undefined);
      expect(ws.closeCode).toBeDefined();

      const second = await serverOn(database, key, clock);
      first = second;
      // The agent's reply while the visitor is away (same session: sessions live in the database).
      const again = await signedIn(second as unknown as TestServer, 'support_agent');
      await again.api.call('POST', `/api/support/conversations/${conversationId}/messages`, {
        body: 'reply 2',
        visibility: 'public',
      });
      const back = await WidgetSocket.open(second.url);
      back.send({ type: 'hello', token, conversationId, lastSeq: 2 });
      await back.next((f) => f.type === 'message' && f.seq === 3);
      // The visitor's retry of a message sent just before the restart is not stored twice.
      back.send({ type: 'message', body: 'before restart', clientMessageId: id });
      expect(await back.next((f) => f.type === 'ack')).toMatchObject({ seq: 1, duplicate: true });
      back.send({ type: 'message', body: 'after restart', clientMessageId: cmid() });
      await back.next((f) => f.type === 'message' && f.seq === 4);
      expect(back.messages().map((m) => [m.seq, m.body])).toEqual([
        [3, 'reply 2'],
        [4, 'after restart'],
      ]);
      await back.close();
    } finally {
      await first.close();
      await drop();
    }
  });
});
