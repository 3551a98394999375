import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { conversations, supportCallbacks } from '../../src/db/schema.js';
import { signedIn, signedInAdmin, type TestServer } from '../support/server.js';
import { callEvent, FakePhone, postEvents, telephonyServer } from './telephony.fixtures.js';

// The whole callback: a visitor asks in Arabic from the widget → the Arabic-speaking agent gets it →
// "Call back" (POST /api/calls with the conversation) → the call is answered, ends, disposition
// reached → the request is closed with that call.

let server: TestServer;
const phone = new FakePhone();
let arabic: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  server = await telephonyServer(phone);
  const admin = await signedInAdmin(server);
  const team = await server.ctx.teams.create(
    { id: null, ip: null },
    { name: 'MENA', kind: 'support', leadId: null },
  );
  await admin.api.call('PUT', `/api/support/teams/${team.id}/calendar`, {
    timeZone: 'UTC',
    languages: ['ar', 'en'],
    isDefault: true,
  });
  for (const languages of [['en'], ['ar']]) {
    const a = await signedIn(server, 'support_agent', { teamId: team.id });
    await admin.api.call('PUT', `/api/support/agents/${a.user.id}`, {
      teamIds: [team.id],
      languages,
      capacity: 5,
    });
    await a.api.call('PUT', '/api/support/me/status', { status: 'online' });
    if (languages[0] === 'ar') arabic = a;
  }
});
afterAll(() => server?.close());

describe('a callback request, called back', () => {
  it('reaches the Arabic-speaking agent, who calls back; the reached call closes the request', async () => {
    const asked = await server.app.inject({
      method: 'POST',
      url: '/api/support/widget/callback',
      payload: { number: '+971 50 765 4321', language: 'ar', name: 'ليلى' },
      remoteAddress: '198.51.100.200',
    });
    expect(asked.statusCode).toBe(201);
    const { conversationId, number } = asked.json();
    const [conv] = await server.ctx.database.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversationId));
    expect(conv).toMatchObject({ channel: 'callback', assigneeId: arabic.user.id, status: 'open' });

    const call = await arabic.api.call('POST', '/api/calls', { number, conversationId });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    expect(call.body).toMatchObject({ number: '+971507654321', conversationId });
    const dialled = phone.originated.at(-1)!;
    const t0 = server.clock.now();
    for (const [id, kind, sec, extra] of [
      ['ring', 'ringing', 0, {}],
      ['ans', 'answered', 4, {}],
      ['end', 'ended', 64, { cause: 'completed' }],
    ] as const) {
      const res = await postEvents(server, [
        callEvent(dialled.providerCallId, id, kind, t0, sec, { callId: call.body.id, ...extra }),
      ]);
      expect(res.status).toBe(200);
    }
    // Ended but not yet marked reached: still open.
    const [still] = await server.ctx.database.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversationId));
    expect(still!.status).toBe('open');
    const disp = await arabic.api.call('POST', `/api/calls/${call.body.id}/disposition`, {
      disposition: 'reached',
    });
    expect(disp.status, JSON.stringify(disp.body)).toBe(200);
    const [closed] = await server.ctx.database.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversationId));
    expect(closed!.status).toBe('closed');
    const [row] = await server.ctx.database.db
      .select()
      .from(supportCallbacks)
      .where(eq(supportCallbacks.conversationId, conversationId));
    expect(row).toMatchObject({ callId: call.body.id });
  });
});
