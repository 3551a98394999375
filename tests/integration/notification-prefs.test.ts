import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  createStaff,
  signedInAdmin,
  startTestServer,
  type TestServer,
} from '../support/server.js';
import { TestSocket } from '../support/socket.js';

let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
const uniq = () => randomBytes(4).toString('hex');

async function person(role: 'sales_manager' | 'team_lead' = 'sales_manager') {
  const p = await createStaff(server.ctx, role);
  const api = new ApiClient(server.app);
  const res = await api.login(p.email, p.password);
  if (res.body.status !== 'ok') throw new Error(JSON.stringify(res.body));
  return { ...p, api };
}

/** `author` creates a client and mentions `whom` on it `times` times; returns the client id. */
async function mention(
  author: Awaited<ReturnType<typeof person>>,
  whom: string,
  times = 1,
  clientId?: string,
) {
  const id =
    clientId ??
    ((await author.api.call('POST', '/api/clients', { name: `C ${uniq()}`, email: `c.${uniq()}@mail.test` }))
      .body.id as string);
  for (let i = 0; i < times; i++) {
    const res = await author.api.call('POST', `/api/clients/${id}/comments`, {
      body: 'look',
      mentions: [whom],
    });
    expect(res.status).toBe(201);
  }
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server);
});
afterAll(async () => {
  await server?.close();
});

describe('muted notification kinds', () => {
  it('are a validated preference of one’s own profile', async () => {
    const me = await person();
    const other = await person();
    const set = await me.api.call('PATCH', '/api/me', {
      mutedNotifications: ['trading.margin_call', 'client.mentioned', 'client.mentioned'],
    });
    expect(set.status).toBe(200);
    expect(set.body.user.mutedNotifications).toEqual(['client.mentioned', 'trading.margin_call']);
    expect((await me.api.call('GET', '/api/auth/me')).body.user.mutedNotifications).toEqual([
      'client.mentioned',
      'trading.margin_call',
    ]);
    // Someone else's preference is untouched.
    expect((await other.api.call('GET', '/api/auth/me')).body.user.mutedNotifications).toEqual([]);

    const bad = await me.api.call('PATCH', '/api/me', { mutedNotifications: ['client.gossip'] });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toMatch(/^mutedNotifications/);
    expect((await me.api.call('GET', '/api/auth/me')).body.user.mutedNotifications).toHaveLength(2);
    expect((await me.api.call('PATCH', '/api/me', { mutedNotifications: 'client.mentioned' })).status).toBe(
      400,
    );

    // An admin cannot set it for someone else: it is not part of the staff record's editable fields.
    const byAdmin = await admin.api.call('PATCH', `/api/staff/${other.id}`, {
      mutedNotifications: ['client.mentioned'],
    });
    expect(byAdmin.status).toBe(400);
    expect((await other.api.call('GET', '/api/auth/me')).body.user.mutedNotifications).toEqual([]);

    expect(
      (await me.api.call('PATCH', '/api/me', { mutedNotifications: [] })).body.user.mutedNotifications,
    ).toEqual([]);
  });

  it('still reach the notification centre, but arrive marked muted so the browser shows no toast', async () => {
    const me = await person();
    const colleague = await person();
    const socket = await TestSocket.open(server.url, me.api.jar.header());
    try {
      await mention(colleague, me.id);
      const loud = await socket.next((m) => m.notification?.type === 'client.mentioned');
      expect(loud.notification).not.toHaveProperty('muted', true);

      expect(
        (await me.api.call('PATCH', '/api/me', { mutedNotifications: ['client.mentioned'] })).status,
      ).toBe(200);
      const before = socket.messages.length;
      const clientId = await mention(colleague, me.id);
      const quiet = await socket.next(
        (m) => socket.messages.indexOf(m) >= before && m.notification?.payload.clientId === clientId,
      );
      expect(quiet.notification).toMatchObject({ type: 'client.mentioned', muted: true });
      const list = await me.api.call('GET', '/api/notifications');
      expect(list.body.unread).toBe(2);
      expect(list.body.items[0].payload.clientId).toBe(clientId);
    } finally {
      socket.ws.close();
    }
  });

  it('are not copied by email', async () => {
    const me = await person();
    const colleague = await person();
    await server.ctx.notificationMailer.run(); // whatever was pending before this test
    await me.api.call('PATCH', '/api/me', {
      emailNotifications: true,
      mutedNotifications: ['client.mentioned'],
    });
    await mention(colleague, me.id);
    expect(await server.ctx.notificationMailer.run()).toBe(0);
    await me.api.call('PATCH', '/api/me', { mutedNotifications: [] });
    await mention(colleague, me.id);
    expect(await server.ctx.notificationMailer.run()).toBe(1);
  });
});

describe('notification groups', () => {
  it('marking a group read marks every notification of that kind about that client, and nothing else', async () => {
    const me = await person();
    const colleague = await person();
    const x = await mention(colleague, me.id, 3);
    const y = await mention(colleague, me.id, 1);
    const bystander = await person();
    await mention(colleague, bystander.id, 1, x);

    const res = await me.api.call('POST', '/api/notifications/read', {
      group: { type: 'client.mentioned', clientId: x, kind: null },
    });
    expect(res.status).toBe(200);
    expect(res.body.unread).toBe(1);
    const list = (await me.api.call('GET', '/api/notifications')).body.items as {
      payload: { clientId: string };
      readAt: string | null;
    }[];
    expect(list.filter((n) => n.payload.clientId === x).every((n) => n.readAt !== null)).toBe(true);
    expect(list.find((n) => n.payload.clientId === y)!.readAt).toBeNull();
    expect((await bystander.api.call('GET', '/api/notifications')).body.unread).toBe(1);

    const bad = await me.api.call('POST', '/api/notifications/read', { group: { type: 'client.mentioned' } });
    expect(bad.status).toBe(400);
  });
});
