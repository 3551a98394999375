import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clients, events } from '../../src/db/schema.js';
import { signedIn, startTestServer, type TestServer } from '../support/server.js';
import { openConversation, signedInTrader } from './support-conversations.fixtures.js';

// Security review (session 19): record scope on the desk, canned responses' owners, cabinet files.
let server: TestServer;
let agent: Awaited<ReturnType<typeof signedIn>>;
const db = () => server.ctx.database.db;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const team = (name: string) =>
  server.ctx.teams.create({ id: null, ip: null }, { name, kind: 'sales', leadId: null });

beforeAll(async () => {
  server = await startTestServer();
  agent = await signedIn(server, 'support_agent');
});
afterAll(() => server?.close());

async function upload(api: typeof agent.api, conversationId: string) {
  const boundary = `----bd${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="proof.png"\r\nContent-Type: image/png\r\n\r\n`;
  const res = await server.app.inject({
    method: 'POST',
    url: `/api/support/conversations/${conversationId}/attachments`,
    headers: { cookie: api.jar.header(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), PNG, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
  return res.json() as { id: string };
}

describe('record scope', () => {
  it("hides a conversation linked to another team's client from a team lead (404), keeps unlinked ones", async () => {
    const [mine, theirs] = [await team('Lead team A'), await team('Other team B')];
    const lead = await signedIn(server, 'team_lead', { teamId: mine.id });
    const trader = await signedInTrader(server, 'Hidden Client');
    await db()
      .update(clients)
      .set({ teamId: theirs.id, managerId: null })
      .where(eq(clients.id, trader.clientId));
    const linked = await openConversation(server, { subject: 'hidden one', clientId: trader.clientId });
    const open = await openConversation(server, { subject: 'open one' });
    for (const url of [
      `/api/support/conversations/${linked.id}`,
      `/api/support/conversations/${linked.id}/messages`,
    ])
      expect((await lead.api.call('GET', url)).status, url).toBe(404);
    expect(
      (await lead.api.call('POST', `/api/support/conversations/${linked.id}/messages`, { body: 'x' })).status,
    ).toBe(404);
    const list = await lead.api.call('GET', '/api/support/conversations?pageSize=100');
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(linked.id);
    expect((await lead.api.call('GET', `/api/support/conversations/${open.id}`)).status).toBe(200);
    // The support agent (scope all) still sees it; so do its files — but not the team lead.
    expect((await agent.api.call('GET', `/api/support/conversations/${linked.id}`)).status).toBe(200);
    const file = await upload(agent.api, linked.id);
    const dl = (api: typeof agent.api) =>
      server.app.inject({
        method: 'GET',
        url: `/api/support/attachments/${file.id}`,
        headers: { cookie: api.jar.header() },
      });
    expect((await dl(agent.api)).statusCode).toBe(200);
    expect((await dl(lead.api)).statusCode).toBe(404);
    // Canned {{client.account}} is not a way around it.
    const canned = await lead.api.call('POST', '/api/support/canned', {
      title: 'Acc',
      shortcut: 'acc-scope',
      language: 'en',
      body: '{{client.name}} {{client.account}}',
    });
    const render = await lead.api.call('POST', `/api/support/canned/${canned.body.id}/render`, {
      conversationId: linked.id,
    });
    expect(render.status).toBe(404);
    expect(render.body).toMatchObject({ field: 'conversationId' });
    // Its events (naming the client) do not reach the team lead.
    const opened = (await db().select().from(events).where(eq(events.subjectId, trader.clientId))).find(
      (e) => e.type === 'support.conversation_opened',
    );
    expect(opened!.audience.permissions ?? []).not.toContain('support.handle');
    expect(opened!.audience.users).toContain(agent.user.id);
    expect(opened!.audience.users).not.toContain(lead.user.id);
  });
});

describe('canned responses', () => {
  it("a PATCH keeps the team; another team's agent cannot change or delete it (403), settings can", async () => {
    const [a, b] = [await team('Canned A'), await team('Canned B')];
    const inA = await signedIn(server, 'support_agent', { teamId: a.id });
    const inB = await signedIn(server, 'support_agent', { teamId: b.id });
    const created = await inA.api.call('POST', '/api/support/canned', {
      title: 'Team A',
      shortcut: 'team-a',
      language: 'en',
      body: 'hi',
      teamId: a.id,
    });
    expect(created.status).toBe(201);
    const patched = await inA.api.call('PATCH', `/api/support/canned/${created.body.id}`, {
      title: 'Team A v2',
    });
    expect(patched.body).toMatchObject({ title: 'Team A v2', teamId: a.id });
    const foreign = await inB.api.call('PATCH', `/api/support/canned/${created.body.id}`, { body: 'hacked' });
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ code: 'canned_not_yours', field: 'teamId' });
    expect((await inB.api.call('DELETE', `/api/support/canned/${created.body.id}`)).status).toBe(403);
    const toGlobal = await inA.api.call('PATCH', `/api/support/canned/${created.body.id}`, { teamId: null });
    expect(toGlobal.status).toBe(403);
    expect((await inA.api.call('DELETE', `/api/support/canned/${created.body.id}`)).status).toBe(204);
    const audit = await db().select().from(events).where(eq(events.type, 'support.settings_changed'));
    const trail = audit.filter((e) => e.subjectId === created.body.id);
    expect(trail.map((e) => [(e.payload as { action: string }).action, e.actorId])).toEqual([
      ['created', inA.user.id],
      ['updated', inA.user.id],
      ['deleted', inA.user.id],
    ]);
  });
});

describe('cabinet ticket files', () => {
  it('serves a public reply’s file to the owning trader only, with the download headers', async () => {
    const owner = await signedInTrader(server);
    const other = await signedInTrader(server, 'Other');
    const opened = await owner.api.call('POST', '/api/cabinet/support/tickets', {
      subject: 'Proof',
      body: 'x',
    });
    const id = opened.body.id as string;
    const file = await upload(agent.api, id);
    await agent.api.call('POST', `/api/support/conversations/${id}/messages`, {
      body: 'see file',
      attachmentIds: [file.id],
    });
    const note = await upload(agent.api, id);
    await agent.api.call('POST', `/api/support/conversations/${id}/messages`, {
      body: 'internal',
      visibility: 'internal',
      attachmentIds: [note.id],
    });
    const read = await owner.api.call('GET', `/api/cabinet/support/tickets/${id}`);
    const url = read.body.messages[1].attachments[0].url as string;
    expect(url).toBe(`/api/cabinet/support/tickets/${id}/attachments/${file.id}`);
    const get = (api: typeof agent.api, u: string) =>
      server.app.inject({ method: 'GET', url: u, headers: { cookie: api.jar.header() } });
    const ok = await get(owner.api, url);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    });
    expect(String(ok.headers['content-disposition'])).toContain('attachment;');
    expect((await get(other.api, url)).statusCode).toBe(404);
    expect(
      (await get(owner.api, `/api/cabinet/support/tickets/${id}/attachments/${note.id}`)).statusCode,
    ).toBe(404);
    expect((await get(agent.api, url)).statusCode).toBe(401);
  });
});
