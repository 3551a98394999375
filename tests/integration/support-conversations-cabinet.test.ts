import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clients, conversationMessages, conversations, supportVisitors } from '../../src/db/schema.js';
import { signedIn, startTestServer, type TestServer } from '../support/server.js';
import { customerSays, openConversation, signedInTrader } from './support-conversations.fixtures.js';

let server: TestServer;
let agent: Awaited<ReturnType<typeof signedIn>>;
const db = () => server.ctx.database.db;
const rowOf = async (id: string) =>
  (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!;
const messageCount = async (id: string) =>
  (await db().select().from(conversationMessages).where(eq(conversationMessages.conversationId, id))).length;

beforeAll(async () => {
  server = await startTestServer();
  agent = await signedIn(server, 'support_agent');
});
afterAll(() => server?.close());

describe('cabinet tickets', () => {
  it('a trader opens, lists, reads and answers their own ticket; internal notes never reach them', async () => {
    const trader = await signedInTrader(server);
    const opened = await trader.api.call('POST', '/api/cabinet/support/tickets', {
      subject: 'Deposit not credited',
      body: 'I paid yesterday <script>alert(1)</script>',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const id = opened.body.id as string;
    expect(opened.body).toMatchObject({ status: 'open', language: 'id', lastSeq: 1 });
    expect(opened.body.messages[0]).toMatchObject({ body: 'I paid yesterday <script>alert(1)</script>' });
    expect(await rowOf(id)).toMatchObject({ channel: 'cabinet', clientId: trader.clientId });

    await agent.api.call('POST', `/api/support/conversations/${id}/messages`, {
      body: 'internal: check the bank',
      visibility: 'internal',
    });
    await agent.api.call('POST', `/api/support/conversations/${id}/messages`, {
      body: 'We are checking it.',
      visibility: 'public',
    });
    const read = await trader.api.call('GET', `/api/cabinet/support/tickets/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.messages.map((m: { body: string }) => m.body)).toEqual([
      'I paid yesterday <script>alert(1)</script>',
      'We are checking it.',
    ]);
    expect(read.body.messages[1]).not.toHaveProperty('authorStaffId');
    expect(JSON.stringify(read.body)).not.toContain('internal: check the bank');

    const answered = await trader.api.call('POST', `/api/cabinet/support/tickets/${id}/messages`, {
      body: 'Thanks',
      clientMessageId: 'c-1',
    });
    expect(answered.status).toBe(201);
    const repeated = await trader.api.call('POST', `/api/cabinet/support/tickets/${id}/messages`, {
      body: 'Thanks',
      clientMessageId: 'c-1',
    });
    expect(repeated.status).toBe(200);
    expect(repeated.body.id).toBe(answered.body.id);
    const list = await trader.api.call('GET', '/api/cabinet/support/tickets');
    expect(list.body.items.map((t: { id: string }) => t.id)).toEqual([id]);
  });

  it("answers 404 for another trader's ticket and writes nothing", async () => {
    const owner = await signedInTrader(server);
    const other = await signedInTrader(server, 'Other Trader');
    const opened = await owner.api.call('POST', '/api/cabinet/support/tickets', {
      subject: 'Mine',
      body: 'secret',
    });
    const id = opened.body.id as string;
    expect((await other.api.call('GET', `/api/cabinet/support/tickets/${id}`)).status).toBe(404);
    const reply = await other.api.call('POST', `/api/cabinet/support/tickets/${id}/messages`, {
      body: 'hijack',
    });
    expect(reply.status).toBe(404);
    expect(await messageCount(id)).toBe(1);
    expect((await other.api.call('GET', '/api/cabinet/support/tickets')).body.items).toEqual([]);
    // A staff session is not a trader's.
    expect((await agent.api.call('GET', '/api/cabinet/support/tickets')).status).toBe(401);
  });

  it('refuses an empty subject or body with the field', async () => {
    const trader = await signedInTrader(server);
    const noSubject = await trader.api.call('POST', '/api/cabinet/support/tickets', {
      subject: ' ',
      body: 'x',
    });
    expect(noSubject.status).toBe(400);
    expect(noSubject.body).toMatchObject({ code: 'validation_failed', field: 'subject' });
    const noBody = await trader.api.call('POST', '/api/cabinet/support/tickets', {
      subject: 'Hi',
      body: '  ',
    });
    expect(noBody.status).toBe(400);
    expect(noBody.body).toMatchObject({ code: 'empty_message', field: 'body' });
    expect((await trader.api.call('GET', '/api/cabinet/support/tickets')).body.total).toBe(0);
  });
});

describe('the client behind a conversation', () => {
  it('is matched by email on open, and by phone when only one client has it', async () => {
    const trader = await signedInTrader(server);
    const byEmail = await openConversation(server, {
      channel: 'email',
      contactEmail: trader.email.toUpperCase(),
    });
    expect(byEmail.clientId).toBe(trader.clientId);
    const [c] = await db().select().from(clients).where(eq(clients.id, trader.clientId));
    const byPhone = await openConversation(server, {
      channel: 'email',
      contactPhone: c!.phone!.replace(/\s/g, '-'),
    });
    expect(byPhone.clientId).toBe(trader.clientId);
    // A chat's contact, and a callback request's number, are only what someone typed into a form:
    // never matched to a client (the cabinet's own requests carry their trader instead).
    const typed = await openConversation(server, { channel: 'chat', contactEmail: trader.email });
    expect(typed.clientId).toBeNull();
    const typedNumber = await openConversation(server, { channel: 'callback', contactPhone: c!.phone! });
    expect(typedNumber.clientId).toBeNull();
    const nobody = await openConversation(server, { contactEmail: 'nobody@example.test' });
    expect(nobody.clientId).toBeNull();
  });

  it('links, unlinks, and creates a lead from the contact', async () => {
    const trader = await signedInTrader(server);
    const conv = await openConversation(server, { contactName: 'Dewi', contactEmail: 'dewi@example.test' });
    const bad = await agent.api.call('POST', `/api/support/conversations/${conv.id}/link`, {
      clientId: crypto.randomUUID(),
    });
    expect(bad.status).toBe(404);
    expect(bad.body).toMatchObject({ field: 'clientId' });
    const linked = await agent.api.call('POST', `/api/support/conversations/${conv.id}/link`, {
      clientId: trader.clientId,
    });
    expect(linked.body).toMatchObject({ clientId: trader.clientId, clientName: 'Siti Rahma' });
    const unlinked = await agent.api.call('DELETE', `/api/support/conversations/${conv.id}/link`);
    expect(unlinked.body).toMatchObject({ clientId: null });
    const created = await agent.api.call('POST', `/api/support/conversations/${conv.id}/client`);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const [lead] = await db().select().from(clients).where(eq(clients.id, created.body.clientId));
    expect(lead).toMatchObject({
      name: 'Dewi',
      email: 'dewi@example.test',
      source: 'support',
      status: 'lead',
    });
    const again = await agent.api.call('POST', `/api/support/conversations/${conv.id}/client`);
    expect(again.status).toBe(409);
  });

  it("lists on the client card, within the viewer's record scope, and shows on the timeline", async () => {
    const owner = await signedIn(server, 'sales_manager');
    const stranger = await signedIn(server, 'sales_manager');
    const trader = await signedInTrader(server);
    await db().update(clients).set({ managerId: owner.user.id }).where(eq(clients.id, trader.clientId));
    const conv = await openConversation(server, { clientId: trader.clientId, subject: 'Spread question' });
    await customerSays(server, conv.id, 'why?');

    const mine = await owner.api.call('GET', `/api/clients/${trader.clientId}/conversations`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([conv.id]);
    // A manager is not the desk: no preview (it may be an internal note's first line).
    expect(mine.body.items[0]).toMatchObject({ subject: 'Spread question', preview: null });
    expect((await stranger.api.call('GET', `/api/clients/${trader.clientId}/conversations`)).status).toBe(
      404,
    );

    const timeline = await owner.api.call('GET', `/api/clients/${trader.clientId}/timeline?kinds=support`);
    expect(timeline.status, JSON.stringify(timeline.body)).toBe(200);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toContain('support.conversation_opened');
    expect(timeline.body.counts.support).toBeGreaterThan(0);
  });
});

describe('convert a chat to a ticket', () => {
  it("makes a signed-in trader's chat a cabinet ticket they can read, an anonymous one without email is refused", async () => {
    const trader = await signedInTrader(server);
    const [visitor] = await db()
      .insert(supportVisitors)
      .values({ tokenHash: `hash-${crypto.randomUUID()}`, clientId: trader.clientId })
      .returning();
    // The visitor carries the trader (the cabinet's token): the chat is theirs without a contact match.
    const chat = await openConversation(server, { visitorId: visitor!.id, contactEmail: null });
    expect(chat.clientId).toBe(trader.clientId);
    await customerSays(server, chat.id, 'Can you call me back tomorrow?');
    const res = await agent.api.call('POST', `/api/support/conversations/${chat.id}/convert`, {
      to: 'ticket',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ channel: 'cabinet' });
    const list = await trader.api.call('GET', '/api/cabinet/support/tickets');
    expect(list.body.items.map((t: { id: string }) => t.id)).toContain(chat.id);
    const twice = await agent.api.call('POST', `/api/support/conversations/${chat.id}/convert`, {
      to: 'ticket',
    });
    expect(twice.status).toBe(409);

    const anonymous = await openConversation(server, { contactEmail: null });
    const refused = await agent.api.call('POST', `/api/support/conversations/${anonymous.id}/convert`, {
      to: 'ticket',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'no_contact', field: 'to' });
    expect((await rowOf(anonymous.id)).channel).toBe('chat');
  });
});
