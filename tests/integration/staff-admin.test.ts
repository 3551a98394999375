import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ApiClient, signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server);
});
afterAll(() => server?.close());

const person = (over: Record<string, unknown> = {}) => ({
  name: 'Nadia Novak',
  email: `nadia.${randomBytes(4).toString('hex')}@test.local`,
  password: 'first-password-1',
  role: 'sales_manager',
  teamId: null,
  languages: ['en', 'ru'],
  active: true,
  ...over,
});

describe('staff administration', () => {
  it('lets an admin create a staff member who can then sign in', async () => {
    const input = person();
    const created = await admin.api.call('POST', '/api/staff', input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: input.name,
      email: input.email,
      role: 'sales_manager',
      active: true,
      mfaEnabled: false,
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    const login = await new ApiClient(server.app).login(input.email, input.password);
    expect(login.body.status).toBe('ok');
    expect(login.body.user.id).toBe(created.body.id);
    const outbox = await admin.api.call('GET', '/api/outbox');
    expect(outbox.body.items.some((m: { to: string }) => m.to === input.email)).toBe(true);
  });

  it('refuses a second account with the same email in any letter case', async () => {
    const input = person();
    await admin.api.call('POST', '/api/staff', input);
    const again = await admin.api.call('POST', '/api/staff', person({ email: input.email.toUpperCase() }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'email_taken', field: 'email' });
  });

  it('stores a right-to-left unicode name intact', async () => {
    const name = 'فاطمة الزهراء Ødegård';
    const created = await admin.api.call('POST', '/api/staff', person({ name }));
    expect(created.status).toBe(201);
    expect((await admin.api.call('GET', `/api/staff/${created.body.id}`)).body.name).toBe(name);
  });

  it('lists with filters, sort and paging', async () => {
    const tag = randomBytes(3).toString('hex');
    for (const n of ['Charlie', 'Alice', 'Bob'])
      await admin.api.call('POST', '/api/staff', person({ name: `${n} ${tag}`, role: 'finance' }));
    const page1 = await admin.api.call(
      'GET',
      `/api/staff?search=${tag}&sort=name&order=asc&pageSize=2&page=1`,
    );
    expect(page1.body.total).toBe(3);
    expect(page1.body.items.map((s: { name: string }) => s.name)).toEqual([`Alice ${tag}`, `Bob ${tag}`]);
    const page2 = await admin.api.call(
      'GET',
      `/api/staff?search=${tag}&sort=name&order=asc&pageSize=2&page=2`,
    );
    expect(page2.body.items.map((s: { name: string }) => s.name)).toEqual([`Charlie ${tag}`]);
    const desc = await admin.api.call('GET', `/api/staff?search=${tag}&sort=name&order=desc`);
    expect(desc.body.items[0].name).toBe(`Charlie ${tag}`);
    const bad = await admin.api.call('GET', '/api/staff?sort=password');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('sort');
  });

  it('ends the sessions of a deactivated member and keeps them out', async () => {
    const input = person();
    const created = await admin.api.call('POST', '/api/staff', input);
    const them = new ApiClient(server.app);
    await them.login(input.email, input.password);
    await admin.api.call('PATCH', `/api/staff/${created.body.id}`, { active: false });
    expect((await them.call('GET', '/api/auth/me')).status).toBe(401);
    expect((await new ApiClient(server.app).login(input.email, input.password)).status).toBe(401);
  });

  it('refuses a PATCH that tries to set the id or password hash', async () => {
    const created = await admin.api.call('POST', '/api/staff', person());
    const res = await admin.api.call('PATCH', `/api/staff/${created.body.id}`, {
      id: '00000000-0000-0000-0000-000000000000',
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('unknown_field');
    expect(
      (await admin.api.call('PATCH', `/api/staff/${created.body.id}`, { passwordHash: 'x' })).body.field,
    ).toBe('passwordHash');
  });

  it('never lets an admin remove their own admin access, nor the last admin disappear', async () => {
    const self = await admin.api.call('PATCH', `/api/staff/${admin.admin.id}`, { role: 'finance' });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('cannot_demote_self');
    const off = await admin.api.call('PATCH', `/api/staff/${admin.admin.id}`, { active: false });
    expect(off.body.code).toBe('cannot_demote_self');
  });

  it('answers 404 for an unknown member', async () => {
    const res = await admin.api.call(
      'PATCH',
      `/api/staff/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`,
      { name: 'x' },
    );
    expect(res.status).toBe(404);
  });

  it('notifies a member whose role changes and records the change in the audit trail', async () => {
    const input = person();
    const created = await admin.api.call('POST', '/api/staff', input);
    await admin.api.call('PATCH', `/api/staff/${created.body.id}`, { role: 'retention_manager' });
    const them = new ApiClient(server.app);
    await them.login(input.email, input.password);
    const notes = await them.call('GET', '/api/notifications');
    expect(notes.body.items[0]).toMatchObject({
      type: 'staff.role_changed',
      payload: { role: 'retention_manager' },
    });
    expect((await them.call('POST', '/api/notifications/read', { all: true })).body.unread).toBe(0);
    const audit = await admin.api.call('GET', `/api/audit?type=staff.updated&subjectId=${created.body.id}`);
    expect(audit.body.items[0]).toMatchObject({
      actorId: admin.admin.id,
      actorName: admin.admin.name,
      payload: { changes: { role: { from: 'sales_manager', to: 'retention_manager' } } },
    });
    expect(audit.body.items[0].ip).toBeTruthy();
  });

  it('resetting a password ends the member sessions; a password change ends only the other ones', async () => {
    const { api: a, user } = await signedIn(server, 'support_agent');
    const b = new ApiClient(server.app);
    await b.login(user.email, user.password);
    const change = await a.call('POST', '/api/me/password', {
      currentPassword: user.password,
      newPassword: 'brand-new-password',
    });
    expect(change.status).toBe(204);
    expect((await a.call('GET', '/api/auth/me')).status).toBe(200);
    expect((await b.call('GET', '/api/auth/me')).status).toBe(401);
    const wrong = await a.call('POST', '/api/me/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'another-password',
    });
    expect(wrong.body).toMatchObject({ code: 'wrong_password', field: 'currentPassword' });

    expect(
      (await admin.api.call('POST', `/api/staff/${user.id}/password`, { password: 'admin-set-password' }))
        .status,
    ).toBe(204);
    expect((await a.call('GET', '/api/auth/me')).status).toBe(401);
    expect((await new ApiClient(server.app).login(user.email, 'admin-set-password')).body.status).toBe('ok');
  });
});

describe('teams', () => {
  it('creates a team with a lead, who moves into it and gets a notification', async () => {
    const lead = await signedIn(server, 'team_lead');
    const name = `Sales ${randomBytes(3).toString('hex')}`;
    const team = await admin.api.call('POST', '/api/teams', { name, kind: 'sales', leadId: lead.user.id });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({ name, leadId: lead.user.id, leadName: lead.user.name, memberCount: 1 });
    expect((await lead.api.call('GET', '/api/auth/me')).body.user.teamId).toBe(team.body.id);
    expect((await lead.api.call('GET', '/api/notifications')).body.items[0]).toMatchObject({
      type: 'team.lead_assigned',
      payload: { teamName: name },
    });
    const dup = await admin.api.call('POST', '/api/teams', { name: name.toUpperCase(), kind: 'sales' });
    expect(dup.body).toMatchObject({ code: 'team_name_taken', field: 'name' });
  });

  it('refuses to delete a team that still has members', async () => {
    const team = await admin.api.call('POST', '/api/teams', {
      name: `Desk ${randomBytes(3).toString('hex')}`,
      kind: 'retention',
    });
    await admin.api.call('POST', '/api/staff', person({ teamId: team.body.id }));
    const res = await admin.api.call('DELETE', `/api/teams/${team.body.id}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('team_not_empty');
    const empty = await admin.api.call('POST', '/api/teams', {
      name: `Empty ${randomBytes(3).toString('hex')}`,
      kind: 'support',
    });
    expect((await admin.api.call('DELETE', `/api/teams/${empty.body.id}`)).status).toBe(204);
  });

  it('lets only holders of teams.write change teams', async () => {
    const lead = await signedIn(server, 'team_lead');
    expect((await lead.api.call('POST', '/api/teams', { name: 'Mine', kind: 'sales' })).status).toBe(403);
    expect((await lead.api.call('GET', '/api/teams')).status).toBe(200);
  });
});

describe('audit trail', () => {
  it('is append-only at the database level', async () => {
    const refusal = (query: ReturnType<typeof sql>) =>
      server.ctx.database.db.execute(query).then(
        () => 'accepted',
        (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
      );
    expect(await refusal(sql`update events set type = 'x'`)).toMatch(/append-only/);
    expect(await refusal(sql`delete from events`)).toMatch(/append-only/);
  });

  it('filters by type prefix, actor and time', async () => {
    const all = await admin.api.call('GET', '/api/audit?type=auth.&pageSize=200');
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(all.body.items.every((e: { type: string }) => e.type.startsWith('auth.'))).toBe(true);
    const mine = await admin.api.call('GET', `/api/audit?actorId=${admin.admin.id}`);
    expect(mine.body.items.every((e: { actorId: string }) => e.actorId === admin.admin.id)).toBe(true);
    const future = await admin.api.call(
      'GET',
      `/api/audit?from=${new Date(Date.now() + 86_400_000).toISOString()}`,
    );
    expect(future.body.total).toBe(0);
    const bad = await admin.api.call('GET', '/api/audit?from=yesterday');
    expect(bad.status).toBe(400);
  });

  it('is admin and compliance only', async () => {
    expect((await (await signedIn(server, 'sales_manager')).api.call('GET', '/api/audit')).status).toBe(403);
    expect((await (await signedIn(server, 'compliance')).api.call('GET', '/api/audit')).status).toBe(200);
  });
});

describe('own profile', () => {
  it('lets a member go out of office and opt into email notifications; unknown fields are refused', async () => {
    const { api } = await signedIn(server, 'sales_manager');
    const res = await api.call('PATCH', '/api/me', { absent: true, emailNotifications: true, locale: 'id' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ absent: true, emailNotifications: true, locale: 'id' });
    expect((await api.call('PATCH', '/api/me', { role: 'admin' })).body).toMatchObject({
      code: 'unknown_field',
      field: 'role',
    });
    expect((await api.call('GET', '/api/auth/me')).body.user.role).toBe('sales_manager');
  });
});
