import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { clients } from '../../src/db/schema.js';
import type { NewClient } from '../../src/modules/clients/client-service.js';
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
const system = { id: null, ip: null };

/** A desk: a team with a lead and managers, each signed in. */
async function desk(managers = 2, over: { capacity?: number[] } = {}) {
  const lead = await createStaff(server.ctx, 'team_lead');
  const team = await server.ctx.teams.create(system, {
    name: `Desk ${randomBytes(3).toString('hex')}`,
    kind: 'sales',
    leadId: lead.id,
  });
  const people = [];
  for (let i = 0; i < managers; i++) {
    const m = await createStaff(server.ctx, 'sales_manager', { teamId: team.id });
    if (over.capacity?.[i] !== undefined)
      await server.ctx.staff.update(system, m.id, { capacity: over.capacity[i]! });
    people.push({ ...m, api: await login(m.email, m.password) });
  }
  return { team, lead: { ...lead, api: await login(lead.email, lead.password) }, managers: people };
}

async function login(email: string, password: string) {
  const api = new ApiClient(server.app);
  const res = await api.login(email, password);
  if (res.body.status !== 'ok') throw new Error(JSON.stringify(res.body));
  return api;
}

const uniq = () => randomBytes(4).toString('hex');
const lead = (over: Record<string, unknown> = {}) => ({
  name: `Budi Santoso ${uniq()}`,
  email: `budi.${uniq()}@mail.test`,
  phone: `+6281${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`,
  country: 'ID',
  language: 'id',
  source: 'phone',
  ...over,
});

/** A registration as the cabinet creates it: automatic assignment in the creating transaction. */
const register = (input: Partial<NewClient> = {}) =>
  server.ctx.database.db.transaction((tx) =>
    server.ctx.clients.createInTx(
      tx,
      {
        name: `Trader ${uniq()}`,
        email: `t.${uniq()}@mail.test`,
        phone: null,
        country: 'ID',
        language: 'id',
        source: 'google',
        ...input,
      },
      { actor: null, kind: 'registration' },
    ),
  );

const rowOf = async (id: string) =>
  (await server.ctx.database.db.select().from(clients).where(eq(clients.id, id)))[0]!;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server);
});
afterAll(() => server?.close());

describe('leads created by staff', () => {
  it('a sales manager who takes the call becomes the responsible manager of a Lead', async () => {
    const { managers } = await desk(1);
    const res = await managers[0]!.api.call('POST', '/api/clients', lead({ phone: '+62 812-3456-7890' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'lead',
      managerId: managers[0]!.id,
      phone: '+6281234567890',
      salesStatus: 'new',
    });
    const timeline = await managers[0]!.api.call('GET', `/api/clients/${res.body.id}/timeline`);
    expect(timeline.body.items[0]).toMatchObject({
      type: 'client.created',
      payload: { kind: 'lead', assignedVia: 'creator' },
    });
  });

  it('shows the existing client instead of creating a duplicate, hiding details from other teams', async () => {
    const a = await desk(1);
    const b = await desk(1);
    const input = lead();
    const first = await a.managers[0]!.api.call('POST', '/api/clients', input);
    const sameTeam = await a.lead.api.call('POST', '/api/clients', { ...input, name: 'Someone else' });
    expect(sameTeam.status).toBe(409);
    expect(sameTeam.body).toMatchObject({ code: 'duplicate_client', field: 'email' });
    expect(sameTeam.body.matches[0]).toMatchObject({
      id: first.body.id,
      visible: true,
      matchedOn: ['email', 'phone'],
    });
    const otherTeam = await b.managers[0]!.api.call('POST', '/api/clients', {
      ...input,
      email: `other.${uniq()}@mail.test`,
    });
    expect(otherTeam.status).toBe(409);
    expect(otherTeam.body.matches[0]).toMatchObject({
      id: null,
      name: null,
      visible: false,
      matchedOn: ['phone'],
    });
    // A shared phone (a family, an office line) may be created on purpose; an email never.
    const anyway = await b.managers[0]!.api.call('POST', '/api/clients', {
      ...input,
      email: `other.${uniq()}@mail.test`,
      allowDuplicatePhone: true,
    });
    expect(anyway.status).toBe(201);
  });

  it.each([
    [{ email: 'not-an-email' }, 'email'],
    [{ phone: '12' }, 'phone'],
    [{ country: 'Indonesia' }, 'country'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ name: 'bad\u0000name' }, 'name'],
    [{ email: null, phone: null }, 'email'],
  ])('refuses %j with a 400 naming %s, writing nothing', async (over, field) => {
    const { managers } = await desk(1);
    const res = await managers[0]!.api.call('POST', '/api/clients', lead(over));
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect((await managers[0]!.api.call('GET', '/api/clients')).body.total).toBe(0);
  });

  it('stores right-to-left and other unicode names intact', async () => {
    const { managers } = await desk(1);
    const name = 'محمد بن راشد 🌙 Đặng Thị Ngọc';
    const res = await managers[0]!.api.call('POST', '/api/clients', lead({ name }));
    expect(res.status).toBe(201);
    expect((await rowOf(res.body.id)).name).toBe(name);
  });
});

describe('record scope', () => {
  it("a manager reading, updating or tagging another team's client gets 404 and nothing changes", async () => {
    const a = await desk(1);
    const b = await desk(1);
    const theirs = (await b.managers[0]!.api.call('POST', '/api/clients', lead())).body;
    const before = await rowOf(theirs.id);
    const intruder = a.managers[0]!.api;
    expect((await intruder.call('GET', `/api/clients/${theirs.id}`)).status).toBe(404);
    expect((await intruder.call('PATCH', `/api/clients/${theirs.id}`, { name: 'Hijacked' })).status).toBe(
      404,
    );
    expect((await intruder.call('GET', `/api/clients/${theirs.id}/timeline`)).status).toBe(404);
    expect(
      (await intruder.call('POST', `/api/clients/${theirs.id}/comments`, { body: 'hello' })).status,
    ).toBe(404);
    expect(
      (await intruder.call('POST', '/api/clients/tags', { clientIds: [theirs.id], add: ['vip'] })).status,
    ).toBe(404);
    expect(
      (
        await a.lead.api.call('POST', '/api/clients/reassign', {
          clientIds: [theirs.id],
          managerId: a.managers[0]!.id,
          reason: 'mine now',
        })
      ).status,
    ).toBe(404);
    expect(await rowOf(theirs.id)).toEqual(before);
    const list = await intruder.call('GET', `/api/clients?q=${encodeURIComponent(theirs.email)}`);
    expect(list.body.items).toHaveLength(0);
  });

  it("a manager sees only their own clients, a team lead the team's, an admin all", async () => {
    const a = await desk(2);
    const mine = (await a.managers[0]!.api.call('POST', '/api/clients', lead())).body;
    const colleague = (await a.managers[1]!.api.call('POST', '/api/clients', lead())).body;
    const ids = (r: { body: { items: { id: string }[] } }) => r.body.items.map((c) => c.id).sort();
    expect(ids(await a.managers[0]!.api.call('GET', '/api/clients'))).toEqual([mine.id]);
    expect(ids(await a.lead.api.call('GET', '/api/clients'))).toEqual([mine.id, colleague.id].sort());
    expect(ids(await admin.api.call('GET', '/api/clients?pageSize=200'))).toEqual(
      expect.arrayContaining([mine.id, colleague.id]),
    );
  });

  it('refuses a PATCH that tries to set status, manager or id', async () => {
    const { managers } = await desk(1);
    const c = (await managers[0]!.api.call('POST', '/api/clients', lead())).body;
    for (const patch of [
      { status: 'live' },
      { managerId: managers[0]!.id },
      { id: c.id },
      { teamId: null },
    ]) {
      const res = await managers[0]!.api.call('PATCH', `/api/clients/${c.id}`, patch);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('unknown_field');
    }
    expect((await rowOf(c.id)).status).toBe('lead');
  });

  it('lets staff set a sales status from the configured list only', async () => {
    const { managers } = await desk(1);
    const c = (await managers[0]!.api.call('POST', '/api/clients', lead())).body;
    expect(
      (await managers[0]!.api.call('PATCH', `/api/clients/${c.id}`, { salesStatus: 'call_back' })).body
        .salesStatus,
    ).toBe('call_back');
    const bad = await managers[0]!.api.call('PATCH', `/api/clients/${c.id}`, { salesStatus: 'whatever' });
    expect(bad.body).toMatchObject({ code: 'unknown_sales_status', field: 'salesStatus' });
    const timeline = await managers[0]!.api.call('GET', `/api/clients/${c.id}/timeline`);
    expect(timeline.body.items[0]).toMatchObject({
      type: 'client.sales_status_changed',
      payload: { changes: { salesStatus: { from: 'new', to: 'call_back' } } },
    });
    expect(
      (
        await managers[0]!.api.call('PUT', '/api/settings/sales-statuses', {
          statuses: [{ key: 'x', label: 'X' }],
        })
      ).status,
    ).toBe(403);
    await admin.api.call('PUT', '/api/settings/sales-statuses', {
      statuses: [
        { key: 'new', label: 'New' },
        { key: 'vip_call', label: 'VIP call' },
      ],
    });
    expect(
      (await managers[0]!.api.call('PATCH', `/api/clients/${c.id}`, { salesStatus: 'vip_call' })).status,
    ).toBe(200);
    await admin.api.call('PUT', '/api/settings/sales-statuses', {
      statuses: [
        { key: 'new', label: 'New' },
        { key: 'call_back', label: 'Call back' },
      ],
    });
  });
});

describe('automatic assignment and statuses', () => {
  it('a registration goes to the team its rule names, round-robin, and the manager hears at once', async () => {
    const { team, managers } = await desk(2);
    await server.ctx.assignmentRules.createRule(system, {
      name: 'Brazil',
      countries: ['BR'],
      languages: [],
      sources: [],
      teamId: team.id,
      active: true,
    });
    const sockets = await Promise.all(managers.map((m) => TestSocket.open(server.url, m.api.jar.header())));
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await register({ country: 'BR', language: 'pt' }));
    const owners = made.map((c) => c.managerId);
    expect(owners.every((o) => managers.some((m) => m.id === o))).toBe(true);
    expect(owners.filter((o) => o === managers[0]!.id)).toHaveLength(2); // equal capacity → alternate
    expect(owners[0]).not.toBe(owners[1]);
    const first = made[0]!;
    const socket = sockets[managers.findIndex((m) => m.id === first.managerId)]!;
    const msg = await socket.next(
      (m) => m.notification?.type === 'client.assigned' && m.event?.subjectId === first.id,
    );
    expect(msg.notification!.payload).toMatchObject({ clientName: first.name });
    sockets.forEach((s) => s.close());
  });

  it('skips absent and inactive managers and falls back to the team lead, then an admin', async () => {
    const { team, lead: teamLead, managers } = await desk(2);
    await server.ctx.assignmentRules.createRule(system, {
      name: 'Chile',
      countries: ['CL'],
      languages: [],
      sources: [],
      teamId: team.id,
      active: true,
    });
    await server.ctx.staff.update(system, managers[0]!.id, { absent: true });
    expect((await register({ country: 'CL' })).managerId).toBe(managers[1]!.id);
    expect((await register({ country: 'CL' })).managerId).toBe(managers[1]!.id);
    await server.ctx.staff.update(system, managers[1]!.id, { active: false });
    const toLead = await register({ country: 'CL' });
    expect(toLead).toMatchObject({ managerId: teamLead.id, teamId: team.id });
  });

  it('status follows events only: Demo from the cabinet, Live from a real account, announced on the timeline', async () => {
    const { managers } = await desk(1);
    const c = (await managers[0]!.api.call('POST', '/api/clients', lead())).body;
    const socket = await TestSocket.open(server.url, managers[0]!.api.jar.header());
    await server.ctx.database.db.transaction((tx) =>
      server.ctx.clients.applyTrigger(tx, c.id, 'cabinet_registered'),
    );
    await server.ctx.database.db.transaction((tx) =>
      server.ctx.clients.applyTrigger(tx, c.id, 'live_account_opened', { payload: { account: 'LIVE-1001' } }),
    );
    expect((await rowOf(c.id)).status).toBe('live');
    const live = await socket.next(
      (m) => m.event?.type === 'client.status_changed' && m.event.payload.to === 'live',
    );
    expect(live.notification!.payload).toMatchObject({ from: 'demo', to: 'live' });
    // Never backwards.
    await server.ctx.database.db.transaction((tx) =>
      server.ctx.clients.applyTrigger(tx, c.id, 'cabinet_registered'),
    );
    expect((await rowOf(c.id)).status).toBe('live');
    const changes = (await managers[0]!.api.call('GET', `/api/clients/${c.id}/timeline`)).body.items.filter(
      (e: { type: string }) => e.type === 'client.status_changed',
    );
    expect(changes.map((e: { payload: { to: string } }) => e.payload.to)).toEqual(['live', 'demo']);
    socket.close();
  });

  it('never leaves a client without an active manager, whatever the staff and rules look like', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ capacity: fc.integer({ min: 0, max: 3 }), absent: fc.boolean(), active: fc.boolean() }),
          { maxLength: 4 },
        ),
        fc.boolean(),
        fc.constantFrom('PE', 'UY', 'PY'),
        async (people, withRule, country) => {
          const lead = await createStaff(server.ctx, 'team_lead');
          const team = await server.ctx.teams.create(system, {
            name: `P ${uniq()}`,
            kind: 'sales',
            leadId: withRule ? lead.id : null,
          });
          for (const p of people) {
            const m = await createStaff(server.ctx, 'sales_manager', { teamId: team.id });
            await server.ctx.staff.update(system, m.id, {
              capacity: p.capacity,
              absent: p.absent,
              active: p.active,
            });
          }
          if (withRule)
            await server.ctx.assignmentRules.createRule(system, {
              name: 'p',
              countries: [country],
              languages: [],
              sources: [],
              teamId: team.id,
              active: true,
            });
          const c = await register({ country });
          expect(c.managerId).not.toBeNull();
          const manager = await server.ctx.staff.get(c.managerId!);
          expect(manager.active).toBe(true);
          if (manager.role === 'sales_manager') expect(manager.absent).toBe(false);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('reassignment, comments, tasks', () => {
  it('a team lead hands a client over with a reason: the new manager is told and gains access, the old one loses it, history stays', async () => {
    const { lead: teamLead, managers } = await desk(2);
    const [from, to] = managers as [(typeof managers)[0], (typeof managers)[0]];
    const c = (await from.api.call('POST', '/api/clients', lead())).body;
    await from.api.call('POST', `/api/clients/${c.id}/comments`, { body: 'Prefers calls after 6pm' });
    const socket = await TestSocket.open(server.url, to.api.jar.header());
    expect(
      (
        await from.api.call('POST', '/api/clients/reassign', {
          clientIds: [c.id],
          managerId: to.id,
          reason: 'vacation',
        })
      ).status,
    ).toBe(403);
    const noReason = await teamLead.api.call('POST', '/api/clients/reassign', {
      clientIds: [c.id],
      managerId: to.id,
      reason: '',
    });
    expect(noReason.body.field).toBe('reason');
    const res = await teamLead.api.call('POST', '/api/clients/reassign', {
      clientIds: [c.id],
      managerId: to.id,
      reason: 'Maria is on vacation',
    });
    expect(res.body).toEqual({ reassigned: 1 });
    await socket.next((m) => m.notification?.type === 'client.reassigned' && m.event?.subjectId === c.id);
    expect((await from.api.call('GET', `/api/clients/${c.id}`)).status).toBe(404);
    const timeline = await to.api.call('GET', `/api/clients/${c.id}/timeline`);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual([
      'client.reassigned',
      'client.comment_added',
      'client.created',
    ]);
    expect(timeline.body.items[1].payload.body).toBe('Prefers calls after 6pm');
    socket.close();
  });

  it('a team lead cannot hand clients to another team; an admin can', async () => {
    const a = await desk(1);
    const b = await desk(1);
    const c = (await a.managers[0]!.api.call('POST', '/api/clients', lead())).body;
    const res = await a.lead.api.call('POST', '/api/clients/reassign', {
      clientIds: [c.id],
      managerId: b.managers[0]!.id,
      reason: 'moving desks',
    });
    expect(res.body).toMatchObject({ code: 'manager_out_of_scope', field: 'managerId' });
    expect(
      (
        await admin.api.call('POST', '/api/clients/reassign', {
          clientIds: [c.id],
          managerId: b.managers[0]!.id,
          reason: 'moving desks',
        })
      ).body,
    ).toEqual({ reassigned: 1 });
    expect(await rowOf(c.id)).toMatchObject({ managerId: b.managers[0]!.id, teamId: b.team.id });
  });

  it('an @mention notifies the colleague; mentioning nobody real is refused', async () => {
    const { lead: teamLead, managers } = await desk(1);
    const c = (await managers[0]!.api.call('POST', '/api/clients', lead())).body;
    const res = await managers[0]!.api.call('POST', `/api/clients/${c.id}/comments`, {
      body: '@Lead can you call him?',
      mentions: [teamLead.id],
    });
    expect(res.status).toBe(201);
    const notes = await teamLead.api.call('GET', '/api/notifications');
    expect(notes.body.items[0]).toMatchObject({
      type: 'client.mentioned',
      payload: { clientId: c.id, excerpt: '@Lead can you call him?' },
    });
    const bad = await managers[0]!.api.call('POST', `/api/clients/${c.id}/comments`, {
      body: 'hi',
      mentions: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(bad.body).toMatchObject({ code: 'unknown_mention', field: 'mentions' });
  });

  it('a call-back task notifies the manager once when it falls due', async () => {
    const { managers } = await desk(1);
    const api = managers[0]!.api;
    const c = (await api.call('POST', '/api/clients', lead())).body;
    const due = new Date(server.clock.now().getTime() + 20 * 60_000).toISOString();
    const task = await api.call('POST', `/api/clients/${c.id}/tasks`, {
      title: 'Call back about the deposit',
      dueAt: due,
    });
    expect(task.status).toBe(201);
    expect(await server.ctx.clientNotes.notifyDueTasks()).toBe(0);
    server.clock.advance(20 * 60_000);
    expect(await server.ctx.clientNotes.notifyDueTasks()).toBeGreaterThanOrEqual(1);
    expect(await server.ctx.clientNotes.notifyDueTasks()).toBe(0);
    const notes = await api.call('GET', '/api/notifications');
    expect(notes.body.items[0]).toMatchObject({
      type: 'client.task_due',
      payload: { title: 'Call back about the deposit' },
    });
    expect((await api.call('POST', `/api/clients/${c.id}/tasks/${task.body.id}/done`)).status).toBe(204);
    expect((await api.call('POST', `/api/clients/${c.id}/tasks/${task.body.id}/done`)).status).toBe(404);
    expect(
      (await api.call('POST', `/api/clients/${c.id}/tasks`, { title: 'x', dueAt: 'tomorrow' })).body.field,
    ).toBe('dueAt');
  });
});

describe('client list', () => {
  it('filters, searches partial input, sorts and pages', async () => {
    const { managers } = await desk(1);
    const api = managers[0]!.api;
    const tag = uniq();
    const made = [];
    for (const [name, country, phone] of [
      ['Anastasia Volkova', 'RU', '+79161234567'],
      ['Andi Wijaya', 'ID', '+6281298765432'],
      ['Zainab Haddad', 'AE', '+971501112233'],
    ] as const)
      made.push(
        (
          await api.call(
            'POST',
            '/api/clients',
            lead({
              name,
              country,
              phone,
              email: `${name.split(' ')[0]!.toLowerCase()}.${tag}@mail.test`,
              tags: [tag],
            }),
          )
        ).body,
      );
    const names = (r: { body: { items: { name: string }[] } }) => r.body.items.map((c) => c.name);
    expect(names(await api.call('GET', `/api/clients?tags=${tag}&sort=name&order=asc`))).toEqual([
      'Anastasia Volkova',
      'Andi Wijaya',
      'Zainab Haddad',
    ]);
    expect(
      names(await api.call('GET', `/api/clients?tags=${tag}&country=RU,AE&sort=name&order=desc`)),
    ).toEqual(['Zainab Haddad', 'Anastasia Volkova']);
    expect(names(await api.call('GET', '/api/clients?q=wijay'))).toEqual(['Andi Wijaya']);
    expect(names(await api.call('GET', `/api/clients?q=zainab.${tag}`))).toEqual(['Zainab Haddad']);
    expect(names(await api.call('GET', '/api/clients?q=916 123'))).toEqual(['Anastasia Volkova']);
    const page = await api.call('GET', `/api/clients?tags=${tag}&sort=name&order=asc&pageSize=2&page=2`);
    expect(page.body).toMatchObject({ total: 3 });
    expect(names(page)).toEqual(['Zainab Haddad']);
    expect((await api.call('GET', '/api/clients?status=zombie')).status).toBe(400);
    expect((await api.call('GET', '/api/clients?sort=password')).body.field).toBe('sort');
  });

  it('keeps saved views per person', async () => {
    const { managers } = await desk(2);
    const saved = await managers[0]!.api.call('POST', '/api/clients/views', {
      name: 'Hot leads',
      filters: { status: 'lead', salesStatus: 'interested' },
    });
    expect(saved.status).toBe(201);
    expect((await managers[0]!.api.call('GET', '/api/clients/views')).body.items).toHaveLength(1);
    expect((await managers[1]!.api.call('GET', '/api/clients/views')).body.items).toHaveLength(0);
    expect((await managers[1]!.api.call('DELETE', `/api/clients/views/${saved.body.id}`)).status).toBe(404);
  });

  it('is closed to roles without client access', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/clients' });
    expect(res.statusCode).toBe(401);
  });
});

describe('notification emails', () => {
  it('copies notifications by email only to staff who opted in, once each', async () => {
    const { team, managers } = await desk(2);
    await server.ctx.assignmentRules.createRule(system, {
      name: 'New Zealand',
      countries: ['NZ'],
      languages: [],
      sources: [],
      teamId: team.id,
      active: true,
    });
    await server.ctx.notificationMailer.run(); // whatever was pending before this test
    const [optedIn, quiet] = managers as [(typeof managers)[0], (typeof managers)[0]];
    expect((await optedIn.api.call('PATCH', '/api/me', { emailNotifications: true })).status).toBe(200);
    const a = await register({ country: 'NZ', name: 'Rosa Quispe' });
    const b = await register({ country: 'NZ', name: 'Luis Mamani' });
    expect(new Set([a.managerId, b.managerId])).toEqual(new Set([optedIn.id, quiet.id]));
    expect(await server.ctx.notificationMailer.run()).toBe(1);
    expect(await server.ctx.notificationMailer.run()).toBe(0);
    const outbox = await admin.api.call('GET', '/api/outbox?pageSize=200');
    // Besides the welcome mail every new staff member gets:
    const notes = (to: string) =>
      outbox.body.items.filter(
        (m: { to: string; subject: string }) => m.to === to && m.subject !== 'Your BrokerDesk account',
      );
    const mine = notes(optedIn.email);
    const mineClient = a.managerId === optedIn.id ? a : b;
    expect(mine).toHaveLength(1);
    expect(mine[0].subject).toBe(`New client assigned to you: ${mineClient.name}`);
    expect(mine[0].text).toContain(`/clients/${mineClient.id}`);
    expect(notes(quiet.email)).toHaveLength(0);
  });
});
