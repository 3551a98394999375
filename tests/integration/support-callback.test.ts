import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clients, conversations, supportCallbacks } from '../../src/db/schema.js';
import { ApiClient, signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';
import { signedInTrader } from './support-conversations.fixtures.js';

// Callback requests: the widget's and the cabinet's form → a conversation of channel callback, routed
// by language to an agent speaking it, SLA running; closed by the call that reached the customer.

let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
let arabic: Awaited<ReturnType<typeof signedIn>>;
let english: Awaited<ReturnType<typeof signedIn>>;
let arTeamId: string;
const db = () => server.ctx.database.db;
let n = 0;
/** Each widget call from its own address (the per-address limit is tested on its own). */
const widget = (body: unknown, ip = `198.51.100.${++n}`, headers: Record<string, string> = {}) =>
  server.app
    .inject({
      method: 'POST',
      url: '/api/support/widget/callback',
      payload: body as object,
      remoteAddress: ip,
      headers,
    })
    .then((r) => ({ status: r.statusCode, body: r.json() }));
const conv = async (id: string) =>
  (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server);
  const team = await server.ctx.teams.create(
    { id: null, ip: null },
    { name: 'Support MENA', kind: 'support', leadId: null },
  );
  arTeamId = team.id;
  expect(
    (
      await admin.api.call('PUT', `/api/support/teams/${team.id}/calendar`, {
        timeZone: 'UTC',
        languages: ['ar', 'en'],
        isDefault: true,
      })
    ).status,
  ).toBe(200);
  const agent = async (languages: string[]) => {
    const a = await signedIn(server, 'support_agent', { teamId: team.id });
    expect(
      (
        await admin.api.call('PUT', `/api/support/agents/${a.user.id}`, {
          teamIds: [team.id],
          languages,
          capacity: 50,
        })
      ).status,
    ).toBe(200);
    expect((await a.api.call('PUT', '/api/support/me/status', { status: 'online' })).status).toBe(200);
    return a;
  };
  // The English speaker first: with nobody loaded, only the language decides.
  english = await agent(['en']);
  arabic = await agent(['ar']);
});
afterAll(() => server?.close());

describe('callback requests', () => {
  it('from the widget in Arabic reach the Arabic-speaking agent, number in E.164, SLA running', async () => {
    const preferredAt = new Date(server.clock.now().getTime() + 2 * 3_600_000).toISOString();
    const res = await widget({ number: '+971 (50) 123-4567', language: 'ar', name: 'عمر', preferredAt });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ conversationId: expect.any(String), number: '+971501234567', preferredAt });
    const row = await conv(res.body.conversationId);
    expect(row).toMatchObject({
      channel: 'callback',
      language: 'ar',
      teamId: arTeamId,
      assigneeId: arabic.user.id,
      contactPhone: '+971501234567',
      contactName: 'عمر',
      status: 'open',
      clientId: null,
    });
    expect(row.resolutionDueAt).not.toBeNull();
    expect(row.slaPolicyId).not.toBeNull();
    // The agent sees it in the inbox, with the request's fields.
    const mine = await arabic.api.call('GET', '/api/support/conversations?view=mine&channel=callback');
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(row.id);
    const detail = await arabic.api.call('GET', `/api/support/conversations/${row.id}/callback`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      number: '+971501234567',
      language: 'ar',
      preferredAt,
      via: 'widget',
      closedAt: null,
    });
    // An English one goes to the English speaker.
    const en = await widget({ number: '+44 7911 123456', language: 'en' });
    expect((await conv(en.body.conversationId)).assigneeId).toBe(english.user.id);
  });

  it('refuses bad input with the code and field', async () => {
    const letters = await widget({ number: 'call me', language: 'ar' });
    expect(letters).toMatchObject({ status: 400, body: { field: 'number' } });
    const invalid = await widget({ number: '+1 23', language: 'ar' });
    expect(invalid).toMatchObject({ status: 400, body: { code: 'invalid_phone', field: 'number' } });
    // A UK 09 number bills the caller's side by the minute: the desk will not dial it.
    const premium = await widget({ number: '+44 909 879 0000', language: 'en' });
    expect(premium).toMatchObject({ status: 422, body: { code: 'premium_rate_number', field: 'number' } });
    const noLanguage = await widget({ number: '+971501234567' });
    expect(noLanguage).toMatchObject({ status: 400, body: { field: 'language' } });
    const past = await widget({
      number: '+971501234567',
      language: 'ar',
      preferredAt: new Date(server.clock.now().getTime() - 86_400_000).toISOString(),
    });
    expect(past).toMatchObject({
      status: 400,
      body: { code: 'preferred_time_out_of_range', field: 'preferredAt' },
    });
    const extra = await widget({ number: '+971501234567', language: 'ar', admin: true });
    expect(extra.status).toBe(400);
    const badToken = await widget({ number: '+971501234567', language: 'ar' }, undefined, {
      authorization: 'Bearer vt_not-a-real-token-at-all',
    });
    expect(badToken.status).toBe(401);
  });

  it('limits requests per address', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < 5; i++)
      expect((await widget({ number: '+971501234567', language: 'ar' }, ip)).status).toBe(201);
    const sixth = await widget({ number: '+971501234567', language: 'ar' }, ip);
    expect(sixth).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
  });

  it('from the cabinet use the trader’s number and language, and need a trader session', async () => {
    expect((await new ApiClient(server.app).call('POST', '/api/cabinet/support/callback', {})).status).toBe(
      401,
    );
    const t = await signedInTrader(server, 'Siti Callback');
    const res = await t.api.call('POST', '/api/cabinet/support/callback', {});
    expect(res.status).toBe(201);
    expect(res.body.number).toMatch(/^\+62812/);
    const row = await conv(res.body.conversationId);
    expect(row).toMatchObject({ channel: 'callback', clientId: t.clientId, language: 'id' });
    const typed = await t.api.call('POST', '/api/cabinet/support/callback', {
      number: '0812 5550 9999',
      language: 'ar',
    });
    expect(typed.status).toBe(201);
    expect(typed.body.number).toBe('+6281255509999'); // national number read with the client's country (ID)
    expect((await conv(typed.body.conversationId)).assigneeId).toBe(arabic.user.id);
  });

  it('are for support handlers, and 404 outside the linked client’s scope', async () => {
    const t = await signedInTrader(server, 'Scoped Trader');
    const otherTeam = await server.ctx.teams.create(
      { id: null, ip: null },
      { name: 'Elsewhere', kind: 'sales', leadId: null },
    );
    await db()
      .update(clients)
      .set({ teamId: otherTeam.id, managerId: null })
      .where(eq(clients.id, t.clientId));
    const res = await t.api.call('POST', '/api/cabinet/support/callback', { number: '+6281255508888' });
    const id = res.body.conversationId;
    const manager = await signedIn(server, 'sales_manager');
    expect((await manager.api.call('GET', `/api/support/conversations/${id}/callback`)).status).toBe(403);
    const lead = await signedIn(server, 'team_lead', { teamId: arTeamId });
    expect((await lead.api.call('GET', `/api/support/conversations/${id}/callback`)).status).toBe(404);
    expect((await arabic.api.call('GET', `/api/support/conversations/${id}/callback`)).status).toBe(200);
    expect((await arabic.api.call('GET', `/api/support/conversations/${randomUUID()}/callback`)).status).toBe(
      404,
    );
  });

  it('is closed by the call that reached the customer (telephony’s face call)', async () => {
    const res = await widget({ number: '+971501234567', language: 'ar' });
    const id = res.body.conversationId;
    const callId = randomUUID();
    expect(await db().transaction((tx) => server.ctx.callbackRequests.close(tx, id, callId))).toBe(true);
    expect(await conv(id)).toMatchObject({ status: 'closed' });
    const [row] = await db().select().from(supportCallbacks).where(eq(supportCallbacks.conversationId, id));
    expect(row).toMatchObject({ callId });
    expect(row!.closedAt).not.toBeNull();
    // Again, or on a conversation that is not a callback request: nothing happens.
    expect(await db().transaction((tx) => server.ctx.callbackRequests.close(tx, id, randomUUID()))).toBe(
      false,
    );
    expect(await db().transaction((tx) => server.ctx.callbackRequests.close(tx, randomUUID(), callId))).toBe(
      false,
    );
    const target = await server.ctx.callbackRequests.target(db(), id);
    expect(target).toEqual({ number: '+971501234567', clientId: null });
  });
});
