import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { ManualClock } from '../../src/core/clock.js';
import {
  conversations,
  events as eventLog,
  notifications,
  slaPolicies,
  supportMetrics,
} from '../../src/db/schema.js';
import {
  createStaff,
  signedIn,
  signedInAdmin,
  startTestServer,
  totpNow,
  type TestServer,
} from '../support/server.js';
import { customerSays, openConversation } from './support-conversations.fixtures.js';

// Friday 4 December 2026, 16:59 in London (UTC in winter): one working minute left in the week.
const clock = new ManualClock(new Date('2026-12-04T16:59:00Z'));
let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
let agent: Awaited<ReturnType<typeof signedIn>>;
let lead: Awaited<ReturnType<typeof createStaff>>;
let teamId: string;
const db = () => server.ctx.database.db;
/** Moves the clock on; sessions idle that long have expired, so the staff sign in again. */
const at = async (iso: string) => {
  const ms = new Date(iso).getTime() - clock.now().getTime();
  if (ms < 0) throw new Error(`the clock cannot go back to ${iso}`);
  clock.advance(ms);
  expect((await agent.api.login(agent.user.email, agent.user.password)).body.status).toBe('ok');
  expect((await admin.api.login(admin.admin.email, admin.admin.password)).body.status).toBe('mfa_required');
  const code = totpNow(admin.secret, clock);
  expect((await admin.api.call('POST', '/api/auth/mfa/verify', { code })).status).toBe(200);
};
const rowOf = async (id: string) =>
  (await db().select().from(conversations).where(eq(conversations.id, id)))[0]!;
const metricsOf = (id: string) =>
  db()
    .select()
    .from(supportMetrics)
    .where(eq(supportMetrics.conversationId, id))
    .orderBy(asc(supportMetrics.id));
const eventsOf = (type: string, id: string) =>
  db()
    .select()
    .from(eventLog)
    .where(and(eq(eventLog.type, type), eq(eventLog.subjectId, id)));

beforeAll(async () => {
  server = await startTestServer({ clock });
  admin = await signedInAdmin(server);
  lead = await createStaff(server.ctx, 'team_lead');
  const team = await server.ctx.teams.create(
    { id: null, ip: null },
    { name: 'Support London', kind: 'support', leadId: lead.id },
  );
  teamId = team.id;
  const week = {
    '1': [[540, 1020]],
    '2': [[540, 1020]],
    '3': [[540, 1020]],
    '4': [[540, 1020]],
    '5': [[540, 1020]],
  };
  const cal = await admin.api.call('PUT', `/api/support/teams/${teamId}/calendar`, {
    timeZone: 'Europe/London',
    businessHours: week,
    holidays: ['2026-12-07'],
    languages: ['en'],
    isDefault: true,
  });
  expect(cal.status).toBe(200);
  agent = await signedIn(server, 'support_agent', { teamId });
  await admin.api.call('PUT', `/api/support/agents/${agent.user.id}`, {
    teamIds: [teamId],
    languages: ['en'],
    capacity: 5,
  });
  await agent.api.call('PUT', '/api/support/me/status', { status: 'online' });
});
afterAll(() => server?.close());

const detail = async (id: string) => {
  const res = await agent.api.call('GET', `/api/support/conversations/${id}`);
  expect(res.status).toBe(200);
  return res.body;
};

describe('SLA clocks over business hours, holidays and pauses', () => {
  it('runs a chat’s clocks from Friday evening over the weekend and a holiday, through a pause, a breach and a reopen', async () => {
    const policies = await agent.api.call('GET', '/api/support/sla-policies');
    expect(policies.body.items.map((p: { name: string; channel: string }) => [p.name, p.channel])).toEqual([
      ['Chat', 'chat'],
      ['Email', 'email'],
      ['Cabinet ticket', 'cabinet'],
      ['Callback request', 'callback'],
    ]);

    const chat = await openConversation(server, { language: 'en' });
    expect(chat).toMatchObject({ teamId, assigneeId: agent.user.id });
    // 1 minute on Friday, Monday is a holiday: Tuesday 09:01; resolution 8 h → Tuesday 16:59.
    let view = await detail(chat.id);
    expect(view.sla).toMatchObject({
      policyName: 'Chat',
      firstResponseDueAt: '2026-12-08T09:01:00.000Z',
      nextResponseDueAt: null,
      resolutionDueAt: '2026-12-08T16:59:00.000Z',
      pausedAt: null,
      breachedAt: null,
    });
    expect((await rowOf(chat.id)).slaNextDueAt?.toISOString()).toBe('2026-12-08T09:01:00.000Z');
    const mail = await openConversation(server, {
      channel: 'email',
      language: 'en',
      contactEmail: 'a@example.test',
    });
    expect((await rowOf(mail.id)).firstResponseDueAt?.toISOString()).toBe('2026-12-08T12:59:00.000Z');

    // Tuesday 09:00:30: the first reply, 90 s of business time after opening.
    await at('2026-12-08T09:00:30Z');
    await customerSays(server, chat.id, 'Hello?');
    const reply = await agent.api.call('POST', `/api/support/conversations/${chat.id}/messages`, {
      body: 'Hello, how can I help?',
      visibility: 'public',
    });
    expect(reply.status).toBe(201);
    const first = (await metricsOf(chat.id)).find((m) => m.kind === 'first_response')!;
    expect(first).toMatchObject({
      agentId: agent.user.id,
      businessMs: 90_000,
      calendarMs: new Date('2026-12-08T09:00:30Z').getTime() - new Date('2026-12-04T16:59:00Z').getTime(),
      teamId,
      channel: 'chat',
    });
    expect((await rowOf(chat.id)).firstResponseAt?.toISOString()).toBe('2026-12-08T09:00:30.000Z');
    // An internal note answers nobody.
    await agent.api.call('POST', `/api/support/conversations/${chat.id}/messages`, {
      body: 'checking the ledger',
      visibility: 'internal',
    });

    // The customer writes again: next response due in 5 minutes.
    await at('2026-12-08T09:10:00Z');
    await customerSays(server, chat.id, 'My withdrawal is stuck');
    expect((await detail(chat.id)).sla.nextResponseDueAt).toBe('2026-12-08T09:15:00.000Z');

    // Pending (waiting on the customer) pauses every clock for 30 minutes.
    await at('2026-12-08T09:11:00Z');
    expect(
      (await agent.api.call('PATCH', `/api/support/conversations/${chat.id}`, { status: 'pending' })).status,
    ).toBe(200);
    view = await detail(chat.id);
    expect(view.sla.pausedAt).toBe('2026-12-08T09:11:00.000Z');
    expect((await rowOf(chat.id)).slaNextDueAt).toBeNull();
    await at('2026-12-08T09:41:00Z');
    await customerSays(server, chat.id, 'Here is the screenshot');
    view = await detail(chat.id);
    expect(view.status).toBe('open');
    expect(view.sla).toMatchObject({
      nextResponseDueAt: '2026-12-08T09:45:00.000Z',
      // 16:59 + 30 min: one minute on Tuesday, 29 on Wednesday morning.
      resolutionDueAt: '2026-12-09T09:29:00.000Z',
      pausedAt: null,
    });
    expect((await rowOf(chat.id)).slaNextDueAt?.toISOString()).toBe('2026-12-08T09:45:00.000Z');

    // The breach job: a warning a minute ahead, the escalation at the deadline, each once.
    const breach = server.ctx.routing.breach;
    await at('2026-12-08T09:44:10Z');
    await breach.run();
    await at('2026-12-08T09:45:00Z');
    await breach.run();
    await breach.run();
    await at('2026-12-08T09:46:00Z');
    await breach.run();
    const warned = await eventsOf('support.sla_warning', chat.id);
    const breached = await eventsOf('support.sla_breached', chat.id);
    expect(warned.map((e) => (e.payload as { target: string }).target)).toEqual(['next_response']);
    expect(breached.map((e) => (e.payload as { target: string }).target)).toEqual(['next_response']);
    const told = await db()
      .select({ userId: notifications.userId, type: notifications.type })
      .from(notifications)
      .where(eq(notifications.eventId, breached[0]!.id));
    expect(told.map((n) => n.userId).sort()).toEqual([agent.user.id, lead.id].sort());
    const escalated = await rowOf(chat.id);
    expect(escalated).toMatchObject({ priority: 'high', slaNotified: { next_response: 'breached' } });
    expect(escalated.slaBreachedAt?.toISOString()).toBe('2026-12-08T09:45:00.000Z');
    expect((await metricsOf(chat.id)).filter((m) => m.kind === 'sla_breach').map((m) => m.detail)).toEqual([
      'next_response',
    ]);

    // The customer chases: the running clock is the same one, so nothing is sent again.
    await at('2026-12-08T09:47:00Z');
    await customerSays(server, chat.id, 'Anyone there?');
    await breach.run();
    expect(await eventsOf('support.sla_breached', chat.id)).toHaveLength(1);
    expect((await rowOf(chat.id)).slaNotified).toEqual({ next_response: 'breached' });

    // A late reply: a reply metric from the oldest unanswered message (09:10), pauses not subtracted.
    await at('2026-12-08T09:50:00Z');
    await agent.api.call('POST', `/api/support/conversations/${chat.id}/messages`, { body: 'Fixed.' });
    const replyMetric = (await metricsOf(chat.id)).find((m) => m.kind === 'reply')!;
    expect(replyMetric).toMatchObject({ calendarMs: 40 * 60_000, businessMs: 40 * 60_000 });
    expect((await detail(chat.id)).sla.nextResponseDueAt).toBeNull();

    // Resolved: the resolution metric, the clocks stop; a customer message reopens and they resume.
    await at('2026-12-08T10:00:00Z');
    await agent.api.call('PATCH', `/api/support/conversations/${chat.id}`, { status: 'resolved' });
    expect((await rowOf(chat.id)).slaNextDueAt).toBeNull();
    await at('2026-12-08T10:30:00Z');
    await customerSays(server, chat.id, 'It happened again');
    view = await detail(chat.id);
    expect(view.sla).toMatchObject({
      resolutionDueAt: '2026-12-09T09:59:00.000Z',
      nextResponseDueAt: '2026-12-08T10:35:00.000Z',
    });
    // The new next-response clock gets its own warning later.
    expect((await rowOf(chat.id)).slaNotified).toEqual({});
    expect((await metricsOf(chat.id)).map((m) => m.kind)).toEqual([
      'first_response',
      'sla_breach',
      'reply',
      'resolution',
      'reopen',
    ]);
  });
});

describe('SLA policies', () => {
  it('lets settings admins add, change and delete policies; refuses agents (403, nothing written) and bad input', async () => {
    const created = await admin.api.call('POST', '/api/support/sla-policies', {
      name: 'VIP chat',
      channel: 'chat',
      priority: 'urgent',
      firstResponseMinutes: 1,
      businessHoursOnly: false,
      sortOrder: 1,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'VIP chat', nextResponseMinutes: null, enabled: true });
    // First match by sort order: an urgent chat falls under it, around the clock.
    await at('2026-12-12T12:00:00Z'); // a Saturday
    const urgent = await openConversation(server, { language: 'en', priority: 'urgent' });
    expect((await rowOf(urgent.id)).firstResponseDueAt?.toISOString()).toBe('2026-12-12T12:01:00.000Z');

    const patched = await admin.api.call('PATCH', `/api/support/sla-policies/${created.body.id}`, {
      enabled: false,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.enabled).toBe(false);
    const none = await admin.api.call('PATCH', `/api/support/sla-policies/${created.body.id}`, {
      firstResponseMinutes: null,
    });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ code: 'sla_no_target', field: 'firstResponseMinutes' });

    const count = async () => (await db().select().from(slaPolicies)).length;
    const before = await count();
    expect(
      (await agent.api.call('POST', '/api/support/sla-policies', { name: 'x', firstResponseMinutes: 5 }))
        .status,
    ).toBe(403);
    expect((await agent.api.call('DELETE', `/api/support/sla-policies/${created.body.id}`)).status).toBe(403);
    expect(await count()).toBe(before);
    const bad = await admin.api.call('POST', '/api/support/sla-policies', { name: '', channel: 'fax' });
    expect(bad.status).toBe(400);

    expect((await admin.api.call('DELETE', `/api/support/sla-policies/${created.body.id}`)).status).toBe(204);
    expect((await admin.api.call('DELETE', `/api/support/sla-policies/${created.body.id}`)).status).toBe(404);
    expect(await count()).toBe(before - 1);
  });
});
