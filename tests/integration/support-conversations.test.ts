import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  conversationMessages,
  conversations,
  events as eventLog,
  notifications,
} from '../../src/db/schema.js';
import { createStaff, signedIn, startTestServer, type TestServer } from '../support/server.js';
import { wakeSnoozed } from '../../src/modules/support/conversations/register.js';
import { customerSays, openConversation } from './support-conversations.fixtures.js';

let server: TestServer;
let agent: Awaited<ReturnType<typeof signedIn>>;
const db = () => server.ctx.database.db;

beforeAll(async () => {
  server = await startTestServer();
  agent = await signedIn(server, 'support_agent');
});
afterAll(() => server?.close());

const messagesOf = (id: string) =>
  db().select().from(conversationMessages).where(eq(conversationMessages.conversationId, id));
const rowOf = async (id: string) =>
  (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!;

describe('messages are numbered per conversation', () => {
  it('gives 20 concurrent senders seqs 1…20 with no gap or repeat', async () => {
    const conv = await openConversation(server);
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) => customerSays(server, conv.id, `message ${i}`)),
    );
    const seqs = sent.map((s) => s.message.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const row = await rowOf(conv.id);
    expect(row).toMatchObject({ lastSeq: 20, messageCount: 20 });
    // Each body once: none lost, none doubled.
    const bodies = (await messagesOf(conv.id)).map((m) => m.body).sort();
    expect(new Set(bodies).size).toBe(20);
  });

  it('stores a retried send (same clientMessageId) once and answers the first', async () => {
    const conv = await openConversation(server);
    const first = await customerSays(server, conv.id, 'hello', 'cm-1');
    const again = await customerSays(server, conv.id, 'hello', 'cm-1');
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.message.id).toBe(first.message.id);
    expect(await messagesOf(conv.id)).toHaveLength(1);
    expect((await rowOf(conv.id)).lastSeq).toBe(1);
  });

  it('resumes after a seq: the staff API gives only what follows, internal notes included', async () => {
    const conv = await openConversation(server);
    await customerSays(server, conv.id, 'one');
    await agent.api.call('POST', `/api/support/conversations/${conv.id}/messages`, {
      body: 'a note',
      visibility: 'internal',
    });
    await customerSays(server, conv.id, 'three');
    const res = await agent.api.call('GET', `/api/support/conversations/${conv.id}/messages?after=1`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((m: { seq: number; body: string }) => [m.seq, m.body])).toEqual([
      [2, 'a note'],
      [3, 'three'],
    ]);
    expect(res.body.lastSeq).toBe(3);
  });
});

describe('status follows the conversation', () => {
  it('reopens a resolved conversation on a customer message, and waiting_since tracks the unanswered', async () => {
    const conv = await openConversation(server);
    await customerSays(server, conv.id, 'help');
    const waiting = (await rowOf(conv.id)).waitingSince;
    expect(waiting).not.toBeNull();
    const reply = await agent.api.call('POST', `/api/support/conversations/${conv.id}/messages`, {
      body: 'Sure, done.',
      visibility: 'public',
    });
    expect(reply.status).toBe(201);
    expect((await rowOf(conv.id)).waitingSince).toBeNull();
    const resolved = await agent.api.call('PATCH', `/api/support/conversations/${conv.id}`, {
      status: 'resolved',
    });
    expect(resolved.body).toMatchObject({ status: 'resolved' });
    await customerSays(server, conv.id, 'one more thing');
    expect(await rowOf(conv.id)).toMatchObject({ status: 'open', resolvedAt: null });
    const changes = await db()
      .select()
      .from(eventLog)
      .where(and(eq(eventLog.type, 'support.conversation_status_changed'), eq(eventLog.subjectId, conv.id)));
    expect(changes.map((e) => [e.payload.from, e.payload.to])).toEqual([
      ['open', 'resolved'],
      ['resolved', 'open'],
    ]);
  });

  it('snoozes only with a time in the future', async () => {
    const conv = await openConversation(server);
    const bad = await agent.api.call('PATCH', `/api/support/conversations/${conv.id}`, { status: 'snoozed' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'snooze_needs_time', field: 'snoozedUntil' });
    const until = new Date(server.clock.now().getTime() + 3_600_000).toISOString();
    const ok = await agent.api.call('PATCH', `/api/support/conversations/${conv.id}`, {
      snoozedUntil: until,
    });
    expect(ok.body).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    const back = await agent.api.call('PATCH', `/api/support/conversations/${conv.id}`, {
      status: 'open',
      snoozedUntil: null,
    });
    expect(back.body).toMatchObject({ status: 'open', snoozedUntil: null });
  });
});

describe('chat bodies are plain text', () => {
  it('stores and returns XSS payloads exactly as typed, with no HTML made from them', async () => {
    const payload = '<img src=x onerror=alert(1)><script>alert("x")</script>&amp;';
    const conv = await openConversation(server, {
      subject: payload,
      contactName: '<b onmouseover=alert(2)>',
    });
    await customerSays(server, conv.id, payload);
    const msgs = await agent.api.call('GET', `/api/support/conversations/${conv.id}/messages`);
    expect(msgs.body.items[0]).toMatchObject({ body: payload, bodyHtml: null });
    const detail = await agent.api.call('GET', `/api/support/conversations/${conv.id}`);
    expect(detail.body).toMatchObject({ subject: payload, contactName: '<b onmouseover=alert(2)>' });
    expect(detail.headers['content-type']).toContain('application/json');
  });
});

describe('bad input is refused with a code and a field, and writes nothing', () => {
  it.each([
    ['an empty body', { body: '   ', visibility: 'public' }, 'empty_message', 'body'],
    [
      'a body over the limit',
      { body: 'x'.repeat(20_001), visibility: 'public' },
      'validation_failed',
      'body',
    ],
    ['an unknown visibility', { body: 'hi', visibility: 'secret' }, 'validation_failed', 'visibility'],
    [
      'a mention of a stranger',
      { body: 'hi', visibility: 'internal', mentions: [crypto.randomUUID()] },
      'mention_not_agent',
      'mentions',
    ],
  ])('a reply with %s', async (_label, body, code, field) => {
    const conv = await openConversation(server);
    const res = await agent.api.call('POST', `/api/support/conversations/${conv.id}/messages`, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, field });
    expect(await messagesOf(conv.id)).toHaveLength(0);
  });

  it('an unknown status, a foreign conversation, a foreign assignee', async () => {
    const conv = await openConversation(server);
    const status = await agent.api.call('PATCH', `/api/support/conversations/${conv.id}`, { status: 'gone' });
    expect(status.status).toBe(400);
    expect(status.body).toMatchObject({ code: 'validation_failed', field: 'status' });
    const missing = await agent.api.call('GET', `/api/support/conversations/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    const stranger = await agent.api.call('POST', `/api/support/conversations/${conv.id}/assign`, {
      assigneeId: crypto.randomUUID(),
    });
    expect(stranger.status).toBe(404);
    expect(stranger.body).toMatchObject({ code: 'not_found', field: 'assigneeId' });
    expect(await rowOf(conv.id)).toMatchObject({ status: 'open', assigneeId: null });
  });
});

describe('the inbox', () => {
  it('refuses staff without support.handle (403), and writes nothing for them', async () => {
    const sales = await signedIn(server, 'sales_manager');
    const conv = await openConversation(server);
    expect((await sales.api.call('GET', '/api/support/conversations')).status).toBe(403);
    const post = await sales.api.call('POST', `/api/support/conversations/${conv.id}/messages`, {
      body: 'hi',
      visibility: 'public',
    });
    expect(post.status).toBe(403);
    expect(await messagesOf(conv.id)).toHaveLength(0);
  });

  it('shows mine, unassigned, team and breached, searches by number and subject', async () => {
    const team = await server.ctx.teams.create(
      { id: null, ip: null },
      { name: 'Support ID', kind: 'support', leadId: null },
    );
    const teamAgent = await signedIn(server, 'support_agent', { teamId: team.id });
    const mine = await openConversation(server, { subject: 'Mine to answer' });
    const queued = await openConversation(server, { subject: 'Nobody yet', teamId: team.id });
    const late = await openConversation(server, { subject: 'Late one' });
    // Taken by the team agent (giving an unassigned one to a colleague is a supervisor's call).
    await teamAgent.api.call('POST', `/api/support/conversations/${mine.id}/assign`, {
      assigneeId: teamAgent.user.id,
    });
    await db()
      .update(conversations)
      .set({ slaNextDueAt: new Date(server.clock.now().getTime() - 60_000) })
      .where(eq(conversations.id, late.id));

    const ids = async (query: string) =>
      (
        (await teamAgent.api.call('GET', `/api/support/conversations?${query}&pageSize=200`)).body.items as {
          id: string;
        }[]
      ).map((c) => c.id);
    expect(await ids('view=mine')).toEqual([mine.id]);
    expect(await ids('view=team')).toEqual([queued.id]);
    expect(await ids('view=unassigned')).toEqual(expect.arrayContaining([queued.id, late.id]));
    expect(await ids('view=unassigned')).not.toContain(mine.id);
    expect(await ids('view=breached')).toEqual([late.id]);
    expect(await ids(`view=all&q=%23${queued.number}`)).toEqual([queued.id]);
    expect(await ids('view=all&q=late%20ONE')).toEqual([late.id]);
    const page = await teamAgent.api.call(
      'GET',
      '/api/support/conversations?view=all&pageSize=2&sort=createdAt&order=asc',
    );
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
  });

  it('notifies each mentioned agent of a note', async () => {
    const other = await createStaff(server.ctx, 'support_agent');
    const conv = await openConversation(server);
    const res = await agent.api.call('POST', `/api/support/conversations/${conv.id}/messages`, {
      body: '@other can you look?',
      visibility: 'internal',
      mentions: [other.id],
    });
    expect(res.status).toBe(201);
    const notes = await db().select().from(notifications).where(eq(notifications.userId, other.id));
    expect(notes.map((x) => [x.type, x.payload.conversationId])).toEqual([['support.mentioned', conv.id]]);
  });
});

describe('merge', () => {
  it('copies the messages into the target with new seqs and closes the source', async () => {
    const source = await openConversation(server, { subject: 'Second email' });
    const target = await openConversation(server, { subject: 'First email' });
    await customerSays(server, target.id, 't1');
    await customerSays(server, source.id, 's1');
    await customerSays(server, source.id, 's2');
    const res = await agent.api.call('POST', `/api/support/conversations/${source.id}/merge`, {
      intoId: target.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const seqs = (await messagesOf(target.id))
      .map((m) => [m.seq, m.body])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(seqs.slice(0, 3)).toEqual([
      [1, 't1'],
      [2, 's1'],
      [3, 's2'],
    ]);
    expect(seqs[3]![1]).toContain(`#${source.number}`);
    expect(await rowOf(source.id)).toMatchObject({ status: 'closed', mergedIntoId: target.id });
    expect(await rowOf(target.id)).toMatchObject({ lastSeq: 4, messageCount: 4 });
    const again = await agent.api.call('POST', `/api/support/conversations/${source.id}/merge`, {
      intoId: target.id,
    });
    expect(again.status).toBe(409);
  });
});

describe('merge and snooze edges', () => {
  it('refuses a merge into an unknown conversation or itself, writing nothing', async () => {
    const conv = await openConversation(server);
    await customerSays(server, conv.id, 'hi');
    const unknown = await agent.api.call('POST', `/api/support/conversations/${conv.id}/merge`, {
      intoId: crypto.randomUUID(),
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'not_found', field: 'intoId' });
    const self = await agent.api.call('POST', `/api/support/conversations/${conv.id}/merge`, {
      intoId: conv.id,
    });
    expect(self.status).toBe(400);
    expect(self.body).toMatchObject({ code: 'merge_into_self', field: 'intoId' });
    expect(await rowOf(conv.id)).toMatchObject({ status: 'open', mergedIntoId: null, lastSeq: 1 });
  });

  it('wakes a snoozed conversation once its time has come', async () => {
    const conv = await openConversation(server);
    const until = new Date(server.clock.now().getTime() + 60_000);
    await agent.api.call('PATCH', `/api/support/conversations/${conv.id}`, {
      status: 'snoozed',
      snoozedUntil: until.toISOString(),
    });
    await wakeSnoozed(server.ctx);
    expect((await rowOf(conv.id)).status).toBe('snoozed');
    server.clock.advance(61_000);
    await wakeSnoozed(server.ctx);
    expect(await rowOf(conv.id)).toMatchObject({ status: 'open', snoozedUntil: null });
  });
});

describe('canned responses', () => {
  it('renders {{client.name}}, {{client.account}} and {{agent.name}} for a conversation', async () => {
    const created = await agent.api.call('POST', '/api/support/canned', {
      title: 'Greeting',
      shortcut: 'hi',
      language: 'en',
      body: 'Hello {{client.name}}, {{ agent.name }} here about {{client.account}}. {{unknown.var}}',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const dup = await agent.api.call('POST', '/api/support/canned', {
      title: 'Again',
      shortcut: 'hi',
      language: 'en',
      body: 'x',
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'shortcut_taken', field: 'shortcut' });
    const conv = await openConversation(server, { contactName: 'Budi' });
    const rendered = await agent.api.call('POST', `/api/support/canned/${created.body.id}/render`, {
      conversationId: conv.id,
    });
    expect(rendered.body.body).toBe(`Hello Budi, ${agent.user.name} here about . {{unknown.var}}`);
    const list = await agent.api.call('GET', '/api/support/canned?language=en');
    expect(list.body.items.map((c: { shortcut: string }) => c.shortcut)).toContain('hi');
    expect((await agent.api.call('DELETE', `/api/support/canned/${created.body.id}`)).status).toBe(204);
    expect((await agent.api.call('DELETE', `/api/support/canned/${created.body.id}`)).status).toBe(404);
  });
});
