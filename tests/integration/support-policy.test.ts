import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { conversations, events as eventLog } from '../../src/db/schema.js';
import { signedIn, startTestServer, type TestServer } from '../support/server.js';
import { customerSays, openConversation, signedInTrader } from './support-conversations.fixtures.js';

// The desk's review items outside email and the socket path: per-address widget limits, idempotent
// cabinet tickets, merges across customers, the supervisor permission, SLA rematching.

let server: TestServer;
let agent: Awaited<ReturnType<typeof signedIn>>;
let colleague: Awaited<ReturnType<typeof signedIn>>;
let lead: Awaited<ReturnType<typeof signedIn>>;
const db = () => server.ctx.database.db;
const rowOf = async (id: string) =>
  (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!;

beforeAll(async () => {
  server = await startTestServer();
  agent = await signedIn(server, 'support_agent');
  colleague = await signedIn(server, 'support_agent');
  lead = await signedIn(server, 'team_lead');
});
afterAll(() => server?.close());

/** A widget call from a given address (inject's remoteAddress is request.ip). */
async function fromAddress(ip: string, url: string, payload: unknown, token?: string) {
  const res = await server.app.inject({
    method: 'POST',
    url,
    remoteAddress: ip,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    payload: JSON.stringify(payload),
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
}

describe('widget limits per address, an IPv6 /64 being one client', () => {
  it('refuses new visitors past the limit from one /64 with 429, a code and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof fromAddress>> | undefined;
    // Every request from another address inside 2001:db8:aa:1::/64.
    for (let i = 1; i <= 31; i++) {
      last = await fromAddress(`2001:db8:aa:1:${i.toString(16)}::${i}`, '/api/support/widget/session', {
        name: `v${i}`,
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(last!.status).toBe(429);
    expect(last!.body).toMatchObject({ code: 'rate_limited' });
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(last!.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The next /64 is someone else.
    expect((await fromAddress('2001:db8:aa:2::1', '/api/support/widget/session', {})).status).toBe(200);
    server.clock.advance(61_000);
    expect((await fromAddress('2001:db8:aa:1::77', '/api/support/widget/session', {})).status).toBe(200);
  });

  it('limits new chats per /64, whichever visitors open them', async () => {
    const tokens: string[] = [];
    for (let i = 1; i <= 21; i++) {
      const res = await fromAddress(`198.51.100.${i}`, '/api/support/widget/session', { name: `c${i}` });
      tokens.push(res.body.token as string);
    }
    const opened = [];
    for (const [i, token] of tokens.entries())
      opened.push(
        await fromAddress(
          `2001:db8:bb:1::${(i + 1).toString(16)}`,
          '/api/support/widget/messages',
          { body: 'hello', clientMessageId: `open-${i}` },
          token,
        ),
      );
    expect(opened.slice(0, 20).every((r) => r.status === 201)).toBe(true);
    expect(opened[20]).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
    expect(Number(opened[20]!.headers['retry-after'])).toBeGreaterThan(0);
    // Nothing was opened for the refused one; its next message from elsewhere opens its chat.
    const later = await fromAddress(
      '2001:db8:bb:2::1',
      '/api/support/widget/messages',
      { body: 'hello', clientMessageId: 'open-20' },
      tokens[20],
    );
    expect(later.status).toBe(201);
    // A visitor's further messages in an open chat are not "new chats".
    const more = await fromAddress(
      '2001:db8:bb:1::99',
      '/api/support/widget/messages',
      { body: 'again', clientMessageId: 'more-0' },
      tokens[0],
    );
    expect(more.status).toBe(201);
  });
});

describe('cabinet tickets are opened once per request', () => {
  const ticket = { subject: 'Withdrawal pending', body: 'My withdrawal is still pending' };
  const ticketsOf = (clientId: string) =>
    db()
      .select()
      .from(conversations)
      .where(and(eq(conversations.clientId, clientId), eq(conversations.channel, 'cabinet')));

  it('answers a repeated Idempotency-Key with the first ticket', async () => {
    const trader = await signedInTrader(server);
    const headers = { 'idempotency-key': 'ticket-key-1' };
    const first = await trader.api.call('POST', '/api/cabinet/support/tickets', ticket, headers);
    const again = await trader.api.call('POST', '/api/cabinet/support/tickets', ticket, headers);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await ticketsOf(trader.clientId)).toHaveLength(1);
    const other = await trader.api.call(
      'POST',
      '/api/cabinet/support/tickets',
      { ...ticket, body: 'something else' },
      headers,
    );
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
  });

  it('opens one ticket for a double click carrying the same clientMessageId', async () => {
    const trader = await signedInTrader(server);
    const body = { ...ticket, clientMessageId: 'dbl-1' };
    const [a, b] = await Promise.all([
      trader.api.call('POST', '/api/cabinet/support/tickets', body),
      trader.api.call('POST', '/api/cabinet/support/tickets', body),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect(await ticketsOf(trader.clientId)).toHaveLength(1);
    // A new request (another id) is a new ticket.
    const next = await trader.api.call('POST', '/api/cabinet/support/tickets', {
      ...ticket,
      clientMessageId: 'dbl-2',
    });
    expect(next.status).toBe(201);
    expect(await ticketsOf(trader.clientId)).toHaveLength(2);
  });
});

describe('merging conversations of different customers', () => {
  it('refuses with 409 unless a supervisor forces it, and records who merged what', async () => {
    const source = await openConversation(server, { contactEmail: 'ana@example.test' });
    const target = await openConversation(server, { contactEmail: 'bob@example.test' });
    await customerSays(server, source.id, 'from Ana');
    const url = `/api/support/conversations/${source.id}/merge`;
    const refused = await agent.api.call('POST', url, { intoId: target.id });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'merge_different_customers', field: 'intoId' });
    const agentForce = await agent.api.call('POST', url, { intoId: target.id, force: true });
    expect(agentForce.status).toBe(403);
    expect(agentForce.body).toMatchObject({ code: 'supervisor_required', field: 'force' });
    expect(await rowOf(source.id)).toMatchObject({ status: 'open', mergedIntoId: null });
    const forced = await lead.api.call('POST', url, { intoId: target.id, force: true });
    expect(forced.status, JSON.stringify(forced.body)).toBe(200);
    expect(await rowOf(source.id)).toMatchObject({ status: 'closed', mergedIntoId: target.id });
    const [event] = await db()
      .select()
      .from(eventLog)
      .where(and(eq(eventLog.type, 'support.conversations_merged'), eq(eventLog.subjectId, source.id)));
    expect(event).toMatchObject({
      actorId: lead.user.id,
      payload: { intoId: target.id, differentCustomers: true },
    });
  });

  it('refuses conversations linked to different clients; the same customer merges freely', async () => {
    const ana = await signedInTrader(server, 'Ana');
    const bob = await signedInTrader(server, 'Bob');
    const ofAna = await openConversation(server, { clientId: ana.clientId });
    const ofBob = await openConversation(server, { clientId: bob.clientId });
    const cross = await agent.api.call('POST', `/api/support/conversations/${ofAna.id}/merge`, {
      intoId: ofBob.id,
    });
    expect(cross.status).toBe(409);
    // Same email in another case: one customer.
    const a = await openConversation(server, { contactEmail: 'Same@Example.test' });
    const b = await openConversation(server, { contactEmail: 'same@example.test' });
    const same = await agent.api.call('POST', `/api/support/conversations/${a.id}/merge`, { intoId: b.id });
    expect(same.status, JSON.stringify(same.body)).toBe(200);
  });
});

describe('reassigning is a supervisor’s call', () => {
  it('lets an agent take an unassigned conversation and hand on their own, not take a colleague’s', async () => {
    const conv = await openConversation(server);
    const url = `/api/support/conversations/${conv.id}/assign`;
    const forColleague = await agent.api.call('POST', url, { assigneeId: colleague.user.id });
    expect(forColleague.status).toBe(403);
    expect(forColleague.body).toMatchObject({ code: 'supervisor_required', field: 'assigneeId' });
    expect((await agent.api.call('POST', url, { assigneeId: agent.user.id })).status).toBe(200);
    // The colleague can neither take it nor drop it.
    const grab = await colleague.api.call('POST', url, { assigneeId: colleague.user.id });
    expect(grab.status).toBe(403);
    expect((await colleague.api.call('POST', url, { assigneeId: null })).status).toBe(403);
    expect((await rowOf(conv.id)).assigneeId).toBe(agent.user.id);
    // Their own: handed on.
    expect((await agent.api.call('POST', url, { assigneeId: colleague.user.id })).status).toBe(200);
    // A team lead reassigns anyone's.
    const moved = await lead.api.call('POST', url, { assigneeId: agent.user.id });
    expect(moved.status).toBe(200);
    expect((await rowOf(conv.id)).assigneeId).toBe(agent.user.id);
  });
});

describe('SLA policies are matched again when the priority changes', () => {
  it('moves the deadlines to the new policy, keeping the time already counted', async () => {
    const urgent = await server.ctx.routing.policies.create(
      { id: null },
      {
        name: 'Urgent chat',
        channel: 'chat',
        priority: 'urgent',
        firstResponseMinutes: 30,
        nextResponseMinutes: 10,
        resolutionMinutes: 120,
        businessHoursOnly: false,
        warnBeforeMinutes: 5,
        sortOrder: 1,
        enabled: true,
      },
    );
    const conv = await openConversation(server, { channel: 'chat' });
    const opened = await rowOf(conv.id);
    const created = opened.createdAt.getTime();
    expect(opened.slaPolicyId).not.toBe(urgent.id);
    server.clock.advance(60_000);
    const url = `/api/support/conversations/${conv.id}`;
    expect((await agent.api.call('PATCH', url, { priority: 'urgent' })).status).toBe(200);
    const raised = await rowOf(conv.id);
    expect(raised.slaPolicyId).toBe(urgent.id);
    expect(raised.firstResponseDueAt!.getTime()).toBe(created + 30 * 60_000);
    expect(raised.resolutionDueAt!.getTime()).toBe(created + 120 * 60_000);
    expect(raised.slaNextDueAt!.getTime()).toBe(created + 30 * 60_000);
    // Back to normal after the default chat target (2 min) is used up: due at once, not later.
    server.clock.advance(4 * 60_000);
    expect((await agent.api.call('PATCH', url, { priority: 'normal' })).status).toBe(200);
    const lowered = await rowOf(conv.id);
    expect(lowered.slaPolicyId).toBe(opened.slaPolicyId);
    expect(lowered.firstResponseDueAt!.getTime()).toBe(created + 5 * 60_000);
    expect(lowered.resolutionDueAt!.getTime()).toBe(opened.resolutionDueAt!.getTime());
  });

  it('matches the channel’s policy when a chat is converted to an email ticket', async () => {
    const conv = await openConversation(server, { channel: 'chat', contactEmail: 'later@example.test' });
    const created = (await rowOf(conv.id)).createdAt.getTime();
    server.clock.advance(60_000);
    const res = await agent.api.call('POST', `/api/support/conversations/${conv.id}/convert`, {
      to: 'ticket',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = await rowOf(conv.id);
    const [email] = (await server.ctx.routing.policies.list()).filter((p) => p.name === 'Email');
    expect(row).toMatchObject({ channel: 'email', slaPolicyId: email!.id });
    // Email's 4 h first response (no team: around the clock), the minute already counted included.
    expect(row.firstResponseDueAt!.getTime()).toBe(created + 4 * 3_600_000);
  });
});
