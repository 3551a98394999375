import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { buildServer } from '../../src/app/server.js';
import { appendEvent } from '../../src/core/events.js';
import { signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';
import { TestSocket } from '../support/socket.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function teamWithLead(admin: Awaited<ReturnType<typeof signedInAdmin>>) {
  const lead = await signedIn(server, 'team_lead');
  const team = await admin.api.call('POST', '/api/teams', {
    name: `Desk ${randomBytes(3).toString('hex')}`,
    kind: 'sales',
    leadId: lead.user.id,
  });
  expect(team.status).toBe(201);
  return { lead, teamId: team.body.id as string };
}

const newMember = (teamId: string) => ({
  name: `Member ${randomBytes(2).toString('hex')}`,
  email: `m.${randomBytes(4).toString('hex')}@test.local`,
  password: 'long-enough-pw',
  role: 'sales_manager',
  teamId,
  languages: ['en'],
  active: true,
});

describe('staff WebSocket', () => {
  it('refuses a socket from a foreign Origin', async () => {
    const { api } = await signedIn(server, 'support_agent');
    await expect(
      TestSocket.open(server.url, api.jar.header(), { origin: 'https://evil.example' }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('refuses a socket without a session', async () => {
    await expect(TestSocket.open(server.url, '')).rejects.toMatchObject({ status: 401 });
    await expect(TestSocket.open(server.url, 'bd_sid=forged')).rejects.toMatchObject({ status: 401 });
  });

  it('pushes a notification to a team lead when an admin adds someone to their team', async () => {
    const admin = await signedInAdmin(server);
    const { lead, teamId } = await teamWithLead(admin);
    const socket = await TestSocket.open(server.url, lead.api.jar.header());
    const created = await admin.api.call('POST', '/api/staff', newMember(teamId));
    expect(created.status).toBe(201);
    const msg = await socket.next((m) => m.notification?.type === 'staff.joined_team');
    expect(msg.event!.type).toBe('staff.created');
    expect(msg.notification!.payload).toMatchObject({ staffName: created.body.name });
    const inbox = await lead.api.call('GET', '/api/notifications');
    expect(inbox.body.unread).toBeGreaterThanOrEqual(1);
    expect(inbox.body.items[0].type).toBe('staff.joined_team');
    socket.close();
  });

  it('does not push staff administration events to a sales manager', async () => {
    const admin = await signedInAdmin(server);
    const { teamId } = await teamWithLead(admin);
    const sales = await signedIn(server, 'sales_manager');
    const socket = await TestSocket.open(server.url, sales.api.jar.header());
    const watcher = await TestSocket.open(server.url, admin.api.jar.header());
    const created = await admin.api.call('POST', '/api/staff', newMember(teamId));
    await watcher.next((m) => m.event?.type === 'staff.created' && m.event.subjectId === created.body.id);
    await new Promise((r) => setTimeout(r, 150));
    expect(socket.events('staff.created')).toHaveLength(0);
    socket.close();
    watcher.close();
  });

  it('replays what a client missed when it reconnects with its last event id', async () => {
    const admin = await signedInAdmin(server);
    const { lead, teamId } = await teamWithLead(admin);
    const first = await TestSocket.open(server.url, lead.api.jar.header());
    const seen = first.lastEventId;
    first.close();
    const missed = [];
    for (let i = 0; i < 3; i++)
      missed.push((await admin.api.call('POST', '/api/staff', newMember(teamId))).body.id);
    const again = await TestSocket.open(server.url, lead.api.jar.header(), { since: seen });
    const replayed = again.events('staff.created').map((m) => m.event!.subjectId);
    expect(replayed).toEqual(missed);
    const ids = again.events().map((m) => m.event!.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    again.close();
  });

  it('closes the socket of a staff member who is deactivated', async () => {
    const admin = await signedInAdmin(server);
    const agent = await signedIn(server, 'support_agent');
    const socket = await TestSocket.open(server.url, agent.api.jar.header());
    expect((await admin.api.call('PATCH', `/api/staff/${agent.user.id}`, { active: false })).status).toBe(
      200,
    );
    expect(await socket.closed()).toBe(4001);
    expect((await agent.api.call('GET', '/api/auth/me')).status).toBe(401);
  });

  it('closes the socket when its session logs out', async () => {
    const agent = await signedIn(server, 'finance');
    const socket = await TestSocket.open(server.url, agent.api.jar.header());
    await agent.api.call('POST', '/api/auth/logout');
    expect(await socket.closed()).toBe(4001);
  });

  it('delivers events appended through another server instance, and loses none across a restart', async () => {
    const admin = await signedInAdmin(server);
    const { lead, teamId } = await teamWithLead(admin);
    // A second instance on the same database, as in a cluster.
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
    const other = await buildServer({
      config,
      database: server.ctx.database,
      secretKey: randomBytes(32),
      clock: server.clock,
      logger: false,
      web: false,
    });
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (other.app.server.address() as { port: number }).port;
    const otherUrl = `http://127.0.0.1:${port}`;
    const socket = await TestSocket.open(otherUrl, lead.api.jar.header());
    const created = await admin.api.call('POST', '/api/staff', newMember(teamId));
    await socket.next((m) => m.event?.subjectId === created.body.id);

    // Stop that instance; events keep happening; a new instance replays them on reconnect.
    const seen = socket.lastEventId;
    await other.app.close();
    const whileDown = await admin.api.call('POST', '/api/staff', newMember(teamId));
    await server.ctx.database.db.transaction((tx) =>
      appendEvent(tx, {
        type: 'staff.mfa_reset',
        subjectType: 'staff',
        subjectId: lead.user.id,
        audience: { users: [lead.user.id] },
      }),
    );
    const restarted = await buildServer({
      config,
      database: server.ctx.database,
      secretKey: randomBytes(32),
      clock: server.clock,
      logger: false,
      web: false,
    });
    await restarted.app.listen({ port: 0, host: '127.0.0.1' });
    const url2 = `http://127.0.0.1:${(restarted.app.server.address() as { port: number }).port}`;
    const back = await TestSocket.open(url2, lead.api.jar.header(), { since: seen });
    expect(back.events('staff.created').map((m) => m.event!.subjectId)).toContain(whileDown.body.id);
    expect(back.events('staff.mfa_reset')).toHaveLength(1);
    back.close();
    await restarted.app.close();
  });
});
