import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { conversations, events, mailOutbox, supportVisitors } from '../../src/db/schema.js';
import { signedIn, startTestServer, type TestServer } from '../support/server.js';
import { openConversation, signedInTrader } from './support-conversations.fixtures.js';
import { hashToken } from '../../src/modules/support/widget/tokens.js';
import { asVisitor, cmid, newVisitor } from './support-widget.fixtures.js';

// Security review (session 19): who owns a ticket, who is a trader, where a transcript may go.
let server: TestServer;
let agent: Awaited<ReturnType<typeof signedIn>>;
const db = () => server.ctx.database.db;
const rowOf = async (id: string) =>
  (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!;

beforeAll(async () => {
  server = await startTestServer();
  agent = await signedIn(server, 'support_agent');
});
afterAll(() => server?.close());

/** A visitor's chat with a first message, through the widget's HTTP API. */
async function visitorChat(form: Record<string, unknown> = {}) {
  const v = await newVisitor(server, form);
  const sent = await asVisitor(v.api, v.token)('POST', '/api/support/widget/messages', {
    body: 'hello',
    clientMessageId: cmid(),
  });
  return { ...v, conversationId: sent.body.conversationId as string };
}

describe('cabinet ticket ownership', () => {
  it("refuses to link or unlink a cabinet ticket (409 cabinet_ticket_owner); the owner's stays", async () => {
    const owner = await signedInTrader(server);
    const other = await signedInTrader(server, 'Other Trader');
    const opened = await owner.api.call('POST', '/api/cabinet/support/tickets', {
      subject: 'Mine',
      body: 'x',
    });
    const id = opened.body.id as string;
    const link = await agent.api.call('POST', `/api/support/conversations/${id}/link`, {
      clientId: other.clientId,
    });
    expect(link.status).toBe(409);
    expect(link.body).toMatchObject({ code: 'cabinet_ticket_owner', field: 'clientId' });
    const unlink = await agent.api.call('DELETE', `/api/support/conversations/${id}/link`);
    expect(unlink.status).toBe(409);
    expect((await rowOf(id)).clientId).toBe(owner.clientId);
    expect((await other.api.call('GET', `/api/cabinet/support/tickets/${id}`)).status).toBe(404);
  });

  it('a staff link never makes the visitor a trader, nor a converted chat a cabinet ticket', async () => {
    const victim = await signedInTrader(server, 'Victim Trader');
    const chat = await visitorChat({ email: 'stranger@example.test' });
    const link = await agent.api.call('POST', `/api/support/conversations/${chat.conversationId}/link`, {
      clientId: victim.clientId,
    });
    expect(link.status).toBe(200);
    const [visitor] = await db()
      .select()
      .from(supportVisitors)
      .where(eq(supportVisitors.tokenHash, hashToken(chat.token)));
    expect(visitor!.clientId).toBeNull();
    // The widget still says "not signed in", and the next chat starts unlinked.
    const resumed = await chat.api.call('POST', '/api/support/widget/session', { token: chat.token });
    expect(resumed.body.visitor).toMatchObject({ trader: false });
    const converted = await agent.api.call(
      'POST',
      `/api/support/conversations/${chat.conversationId}/convert`,
      {
        to: 'ticket',
      },
    );
    expect(converted.status).toBe(200);
    expect(await rowOf(chat.conversationId)).toMatchObject({ channel: 'email' });
    const list = await victim.api.call('GET', '/api/cabinet/support/tickets');
    expect(list.body.items.map((t: { id: string }) => t.id)).not.toContain(chat.conversationId);
  });

  it("a signed trader's chat converts to their cabinet ticket", async () => {
    const trader = await signedInTrader(server);
    const issued = await trader.api.call('GET', '/api/cabinet/support/chat-token');
    const session = await trader.api.call('POST', '/api/support/widget/session', {
      traderToken: issued.body.token,
    });
    const sent = await asVisitor(trader.api, session.body.token)('POST', '/api/support/widget/messages', {
      body: 'from the cabinet',
      clientMessageId: cmid(),
    });
    const id = sent.body.conversationId as string;
    await agent.api.call('POST', `/api/support/conversations/${id}/convert`, { to: 'ticket' });
    expect(await rowOf(id)).toMatchObject({ channel: 'cabinet', clientId: trader.clientId });
  });
});

describe('cabinet chat token', () => {
  it("a trader's visitor token alone does not resume the trader: a fresh anonymous visitor instead", async () => {
    const trader = await signedInTrader(server);
    const issued = await trader.api.call('GET', '/api/cabinet/support/chat-token');
    const first = await trader.api.call('POST', '/api/support/widget/session', {
      traderToken: issued.body.token,
    });
    expect(first.body.visitor).toMatchObject({ trader: true });
    const stolen = await newVisitor(server, {});
    const resumed = await stolen.api.call('POST', '/api/support/widget/session', { token: first.body.token });
    expect(resumed.status).toBe(200);
    expect(resumed.body.token).not.toBe(first.body.token);
    expect(resumed.body.visitor).toMatchObject({ trader: false });
    // With a fresh signed token of the same trader it resumes.
    const again = await trader.api.call('GET', '/api/cabinet/support/chat-token');
    const ok = await trader.api.call('POST', '/api/support/widget/session', {
      token: first.body.token,
      traderToken: again.body.token,
    });
    expect(ok.body).toMatchObject({ token: first.body.token, visitor: { trader: true } });
  });
});

describe('transcript', () => {
  it('needs the pre-chat email (400 email_required), never an address typed only at the end', async () => {
    const chat = await visitorChat({ email: undefined, name: 'Anon' });
    const res = await asVisitor(chat.api, chat.token)('POST', '/api/support/widget/transcript', {
      conversationId: chat.conversationId,
      email: 'victim@example.test',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'email_required', field: 'email' });
    expect(await db().select().from(mailOutbox).where(eq(mailOutbox.to, 'victim@example.test'))).toHaveLength(
      0,
    );
  });

  it('caps the transcript at 200 KB and says it was truncated', async () => {
    const chat = await visitorChat({ email: 'long@example.test' });
    for (let i = 0; i < 12; i += 1)
      await agent.api.call('POST', `/api/support/conversations/${chat.conversationId}/messages`, {
        body: `${'ж'.repeat(9_000)} ${i}`,
      });
    const res = await asVisitor(chat.api, chat.token)('POST', '/api/support/widget/transcript', {
      conversationId: chat.conversationId,
    });
    expect(res.status).toBe(202);
    const [mail] = await db().select().from(mailOutbox).where(eq(mailOutbox.to, 'long@example.test'));
    const text = (mail as unknown as { text: string }).text;
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(200 * 1024 + 200);
    expect(text).toContain('transcript truncated');
  });
});

describe('audit of inbox changes', () => {
  it('records priority/tags/language changes with the actor', async () => {
    const conv = await openConversation(server);
    const res = await agent.api.call('PATCH', `/api/support/conversations/${conv.id}`, {
      priority: 'high',
      tags: ['vip'],
    });
    expect(res.status).toBe(200);
    const rows = await db().select().from(events).where(eq(events.type, 'support.conversation_updated'));
    const mine = rows.find((e) => (e.payload as { conversationId: string }).conversationId === conv.id);
    expect(mine).toMatchObject({ actorId: agent.user.id });
    expect((mine!.payload as { changes: object }).changes).toMatchObject({
      priority: { from: 'normal', to: 'high' },
      tags: { from: [], to: ['vip'] },
    });
  });
});
