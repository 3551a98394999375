import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_DOMAIN, DEMO_PASSWORD, seedDemo } from '../../src/app/demo-seed.js';
import { seedDemoSupport } from '../../src/app/demo-support-seed.js';
import { CONVERSATIONS } from '../../src/app/demo-support-data.js';
import {
  cannedResponses,
  complaintLetters,
  complaints,
  conversationMessages,
  conversations,
  supportAgents,
  supportAttachments,
} from '../../src/db/schema.js';
import { signedIn, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

it('a demo install has a working support desk: teams by language, agents, conversations of every kind', async () => {
  expect(await seedDemo(server.ctx)).toBe(true);
  const db = server.ctx.database.db;
  const rows = await db.select().from(conversations);
  expect(rows).toHaveLength(CONVERSATIONS.length);
  expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['chat', 'email', 'cabinet']));
  expect(new Set(rows.map((r) => r.status))).toEqual(
    new Set(['open', 'pending', 'snoozed', 'resolved', 'closed']),
  );
  expect(new Set(rows.map((r) => r.language))).toEqual(new Set(['en', 'ru', 'id', 'ar']));
  // Routed to the language's team; linked to demo clients; rated; snoozed into the future.
  const teams = new Map((await server.ctx.teams.list()).map((t) => [t.id, t.name]));
  const ru = rows.filter((r) => r.language === 'ru');
  expect(new Set(ru.map((r) => teams.get(r.teamId!)))).toEqual(new Set(['Support · Russian']));
  expect(rows.filter((r) => r.clientId).length).toBeGreaterThanOrEqual(10);
  expect(rows.filter((r) => r.csatScore !== null).length).toBe(CONVERSATIONS.filter((c) => c.csat).length);
  const now = server.clock.now();
  for (const r of rows.filter((r) => r.status === 'snoozed'))
    expect(r.snoozedUntil!.getTime()).toBeGreaterThan(now.getTime());
  // Messages numbered 1…n in time order, with internal notes and files.
  const messages = await db.select().from(conversationMessages);
  expect(messages.length).toBe(CONVERSATIONS.reduce((n, c) => n + c.lines.length, 0));
  expect(messages.some((m) => m.visibility === 'internal')).toBe(true);
  expect((await db.select().from(supportAttachments)).every((a) => a.messageId !== null)).toBe(true);
  // Past their SLA: the breach job marks the designed ones.
  await server.ctx.routing.breach.run();
  const breached = (await db.select().from(conversations)).filter((r) => r.slaBreachedAt);
  expect(breached.length).toBeGreaterThanOrEqual(3);
  // An answered chat's timer counts to its resolution, not to the first-response deadline it met.
  const agent = await signedIn(server, 'support_agent');
  const answered = rows.find(
    (r) => r.channel === 'chat' && r.status === 'open' && r.firstResponseAt && !r.nextResponseDueAt,
  )!;
  const view = await agent.api.call('GET', `/api/support/conversations/${answered.id}`);
  expect(view.body.sla).toMatchObject({
    firstResponseDueAt: null,
    resolutionDueAt: answered.resolutionDueAt!.toISOString(),
  });
  // Agents with languages and capacity; some online.
  const agents = await db.select().from(supportAgents);
  expect(agents.length).toBeGreaterThanOrEqual(6);
  expect(agents.filter((a) => a.status === 'online').length).toBeGreaterThanOrEqual(3);
  expect(agents.every((a) => a.capacity > 0 && a.languages.length > 0)).toBe(true);

  // Two formal complaints on linked conversations: one escalated to the team lead, one answered.
  const register = await db.select().from(complaints).orderBy(complaints.reference);
  expect(register.map((c) => [c.level, c.status, c.outcome])).toEqual(
    expect.arrayContaining([
      ['team_lead', 'open', null],
      ['agent', 'responded', 'rejected'],
    ]),
  );
  expect(register).toHaveLength(CONVERSATIONS.filter((c) => c.complaint).length);
  expect((await db.select().from(complaintLetters)).map((l) => l.language)).toEqual(['id']);

  // A restart changes nothing.
  expect(await seedDemoSupport(server.ctx, DEMO_DOMAIN, DEMO_PASSWORD)).toBe(false);
  expect(await db.select().from(conversations)).toHaveLength(CONVERSATIONS.length);
  expect((await db.select().from(cannedResponses)).length).toBeGreaterThan(0);
  // Nor does it after every canned response was deleted (the seeded agents mark the demo as done).
  await db.delete(cannedResponses);
  expect(await seedDemoSupport(server.ctx, DEMO_DOMAIN, DEMO_PASSWORD)).toBe(false);
  expect(await db.select().from(conversations)).toHaveLength(CONVERSATIONS.length);
}, 120_000);
