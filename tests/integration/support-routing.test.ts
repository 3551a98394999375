import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { conversations, events as eventLog, supportAgents } from '../../src/db/schema.js';
import { signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';
import { customerSays, openConversation } from './support-conversations.fixtures.js';

let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
const db = () => server.ctx.database.db;

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server);
});
afterAll(() => server?.close());

/** A team serving these languages, with `count` online agents (each with these languages and capacity). */
async function teamWithAgents(
  name: string,
  opts: {
    languages: string[];
    count: number;
    capacity: number;
    agentLanguages?: string[][];
    isDefault?: boolean;
  },
) {
  const team = await server.ctx.teams.create({ id: null, ip: null }, { name, kind: 'support', leadId: null });
  const cal = await admin.api.call('PUT', `/api/support/teams/${team.id}/calendar`, {
    timeZone: 'UTC',
    languages: opts.languages,
    isDefault: opts.isDefault ?? false,
  });
  expect(cal.status).toBe(200);
  const agents = [];
  for (let i = 0; i < opts.count; i++) {
    const agent = await signedIn(server, 'support_agent', { teamId: team.id });
    const set = await admin.api.call('PUT', `/api/support/agents/${agent.user.id}`, {
      teamIds: [team.id],
      languages: opts.agentLanguages?.[i] ?? opts.languages,
      capacity: opts.capacity,
    });
    expect(set.status).toBe(200);
    const online = await agent.api.call('PUT', '/api/support/me/status', { status: 'online' });
    expect(online.status).toBe(200);
    expect(online.body).toMatchObject({ status: 'online', capacity: opts.capacity, load: 0 });
    agents.push(agent);
  }
  return { team, agents };
}

const rowsOfTeam = (teamId: string) =>
  db().select().from(conversations).where(eq(conversations.teamId, teamId));
const loadByAgent = (rows: (typeof conversations.$inferSelect)[]) => {
  const load = new Map<string, number>();
  for (const r of rows) if (r.assigneeId) load.set(r.assigneeId, (load.get(r.assigneeId) ?? 0) + 1);
  return load;
};

describe('load-aware round-robin', () => {
  it('spreads 50 concurrent chats over 5 agents of capacity 3, queues the rest, offers the oldest when room frees', async () => {
    const { team, agents } = await teamWithAgents('Support EN', {
      languages: ['en'],
      count: 5,
      capacity: 3,
      isDefault: true,
    });
    const opened = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        openConversation(server, { language: 'en', subject: `chat ${i}` }),
      ),
    );
    expect(opened).toHaveLength(50);
    const rows = await rowsOfTeam(team.id);
    expect(rows).toHaveLength(50);
    const load = loadByAgent(rows);
    expect([...load.values()]).toEqual([3, 3, 3, 3, 3]);
    const queued = rows.filter((r) => !r.assigneeId);
    expect(queued).toHaveLength(35);
    expect(queued.every((r) => r.queuedAt !== null)).toBe(true);
    expect(rows.filter((r) => r.assigneeId).every((r) => r.queuedAt === null)).toBe(true);

    // The agents list reports the same load.
    const list = await agents[0]!.api.call('GET', '/api/support/agents');
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((a: { staffId: string }) =>
      agents.some((x) => x.user.id === a.staffId),
    );
    expect(mine.map((a: { load: number }) => a.load)).toEqual([3, 3, 3, 3, 3]);

    // One agent resolves a chat: the oldest queued one goes to them.
    const first = agents[0]!;
    const theirs = rows.find((r) => r.assigneeId === first.user.id)!;
    const oldest = [...queued].sort(
      (a, b) => a.queuedAt!.getTime() - b.queuedAt!.getTime() || a.number - b.number,
    )[0]!;
    const resolved = await first.api.call('PATCH', `/api/support/conversations/${theirs.id}`, {
      status: 'resolved',
    });
    expect(resolved.status).toBe(200);
    const [after] = await db().select().from(conversations).where(eq(conversations.id, oldest.id));
    expect(after).toMatchObject({ assigneeId: first.user.id, queuedAt: null });
    const again = loadByAgent(
      (await rowsOfTeam(team.id)).filter((r) => r.status === 'open' || r.status === 'pending'),
    );
    expect(Math.max(...again.values())).toBe(3);
    expect(again.get(first.user.id)).toBe(3);

    // More capacity for another agent: the next oldest comes to them at once.
    const second = agents[1]!;
    const nextOldest = [...queued]
      .filter((r) => r.id !== oldest.id)
      .sort((a, b) => a.queuedAt!.getTime() - b.queuedAt!.getTime() || a.number - b.number)[0]!;
    const raised = await admin.api.call('PUT', `/api/support/agents/${second.user.id}`, {
      teamIds: [team.id],
      languages: ['en'],
      capacity: 4,
    });
    expect(raised.body).toMatchObject({ capacity: 4, load: 4 });
    const [taken] = await db().select().from(conversations).where(eq(conversations.id, nextOldest.id));
    expect(taken).toMatchObject({ assigneeId: second.user.id, queuedAt: null });
  });

  it('sends a chat to the team of its language, to a speaker first, then to any online team agent', async () => {
    const { team, agents } = await teamWithAgents('Support ID', {
      languages: ['id'],
      count: 2,
      capacity: 1,
      agentLanguages: [['en'], ['id']],
    });
    const [english, indonesian] = agents as [(typeof agents)[0], (typeof agents)[0]];
    const first = await openConversation(server, { language: 'id' });
    expect(first).toMatchObject({ teamId: team.id, assigneeId: indonesian.user.id });
    // The speaker is full: the other team agent takes it rather than let it wait.
    const second = await openConversation(server, { language: 'id' });
    expect(second).toMatchObject({ teamId: team.id, assigneeId: english.user.id });
    const third = await openConversation(server, { language: 'id' });
    expect(third.assigneeId).toBeNull();
    expect(third.queuedAt).not.toBeNull();
    // A regional code finds the team of its language.
    const regional = await openConversation(server, { language: 'id-id' });
    expect(regional).toMatchObject({ teamId: team.id, assigneeId: null });
  });

  it('hands an agent’s open chats back when they go offline, and offers them to the others', async () => {
    const { team, agents } = await teamWithAgents('Support MS', { languages: ['ms'], count: 2, capacity: 2 });
    const [a, b] = agents as [(typeof agents)[0], (typeof agents)[0]];
    for (let i = 0; i < 3; i++) await openConversation(server, { language: 'ms' });
    const before = loadByAgent(await rowsOfTeam(team.id));
    const heavy = (before.get(a.user.id) ?? 0) === 2 ? a : b;
    const light = heavy === a ? b : a;
    expect(before.get(light.user.id)).toBe(1);

    const off = await heavy.api.call('PUT', '/api/support/me/status', { status: 'offline' });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ status: 'offline', load: 0 });
    const rows = await rowsOfTeam(team.id);
    const after = loadByAgent(rows);
    expect(after.get(heavy.user.id)).toBeUndefined();
    expect(after.get(light.user.id)).toBe(2);
    expect(rows.filter((r) => !r.assigneeId && r.queuedAt)).toHaveLength(1);
    const changed = await db()
      .select()
      .from(eventLog)
      .where(and(eq(eventLog.type, 'support.agent_status_changed'), eq(eventLog.subjectId, heavy.user.id)))
      .orderBy(asc(eventLog.id));
    expect(changed.map((e) => (e.payload as { to: string }).to)).toEqual(['online', 'offline']);

    // Back online: the queued chat comes to them.
    await heavy.api.call('PUT', '/api/support/me/status', { status: 'online' });
    expect(loadByAgent(await rowsOfTeam(team.id)).get(heavy.user.id)).toBe(1);
  });
});

describe('supervisors reassign through the assign route', () => {
  it('frees the room of the agent a chat is taken from, and queues a chat unassigned by hand', async () => {
    const { team, agents } = await teamWithAgents('Support TR', { languages: ['tr'], count: 2, capacity: 1 });
    const [a, b] = agents as [(typeof agents)[0], (typeof agents)[0]];
    const supervisor = await signedIn(server, 'team_lead', { teamId: team.id });
    const one = await openConversation(server, { language: 'tr' });
    const two = await openConversation(server, { language: 'tr' });
    const waiting = await openConversation(server, { language: 'tr' });
    expect(waiting.queuedAt).not.toBeNull();
    const ofA = [one, two].find((c) => c.assigneeId === a.user.id)!;
    // The supervisor gives A's chat to B (over B's capacity: a person's decision, not routing's).
    const moved = await supervisor.api.call('POST', `/api/support/conversations/${ofA.id}/assign`, {
      assigneeId: b.user.id,
    });
    expect(moved.status).toBe(200);
    const [taken] = await db().select().from(conversations).where(eq(conversations.id, waiting.id));
    expect(taken).toMatchObject({ assigneeId: a.user.id, queuedAt: null });
    // Unassigned by hand: back in the queue (nobody has room now), not lost.
    const dropped = await supervisor.api.call('POST', `/api/support/conversations/${ofA.id}/assign`, {
      assigneeId: null,
    });
    expect(dropped.status).toBe(200);
    const [back] = await db().select().from(conversations).where(eq(conversations.id, ofA.id));
    expect(back!.assigneeId).toBeNull();
    expect(back!.queuedAt).not.toBeNull();
  });
});

describe('agents and calendars: permissions and input', () => {
  it('refuses an agent editing agents or calendars (403), and writes nothing', async () => {
    const agent = await signedIn(server, 'support_agent');
    const team = await server.ctx.teams.create(
      { id: null, ip: null },
      { name: 'Support refused', kind: 'support', leadId: null },
    );
    const put = await agent.api.call('PUT', `/api/support/agents/${agent.user.id}`, {
      teamIds: [team.id],
      languages: ['en'],
      capacity: 40,
    });
    expect(put.status).toBe(403);
    const cal = await agent.api.call('PUT', `/api/support/teams/${team.id}/calendar`, { timeZone: 'UTC' });
    expect(cal.status).toBe(403);
    expect(await db().select().from(supportAgents).where(eq(supportAgents.staffId, agent.user.id))).toEqual(
      [],
    );
    const read = await agent.api.call('GET', `/api/support/teams/${team.id}/calendar`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ timeZone: 'UTC', languages: [], isDefault: false, updatedAt: null });
    // A sales manager has no support.handle: not even their own status.
    const sales = await signedIn(server, 'sales_manager');
    expect((await sales.api.call('PUT', '/api/support/me/status', { status: 'online' })).status).toBe(403);
  });

  it('names the field of bad input', async () => {
    const agent = await signedIn(server, 'support_agent');
    const team = await server.ctx.teams.create(
      { id: null, ip: null },
      { name: 'Support bad input', kind: 'support', leadId: null },
    );
    const zone = await admin.api.call('PUT', `/api/support/teams/${team.id}/calendar`, {
      timeZone: 'Mars/Olympus',
    });
    expect(zone.status).toBe(400);
    expect(zone.body).toMatchObject({ code: 'time_zone_unknown', field: 'timeZone' });
    const range = await admin.api.call('PUT', `/api/support/teams/${team.id}/calendar`, {
      timeZone: 'UTC',
      businessHours: { '1': [[600, 540]] },
    });
    expect(range.status).toBe(400);
    const cap = await admin.api.call('PUT', `/api/support/agents/${agent.user.id}`, {
      teamIds: [],
      languages: ['en'],
      capacity: 0,
    });
    expect(cap.status).toBe(400);
    const status = await agent.api.call('PUT', '/api/support/me/status', { status: 'busy' });
    expect(status.status).toBe(400);
    const unknownTeam = await admin.api.call('PUT', `/api/support/teams/${crypto.randomUUID()}/calendar`, {
      timeZone: 'UTC',
    });
    expect(unknownTeam.status).toBe(404);
    const rows = await db()
      .select()
      .from(conversations)
      .where(and(inArray(conversations.teamId, [team.id]), isNotNull(conversations.id)));
    expect(rows).toEqual([]);
  });
});

describe('a language detected from the first message', () => {
  it('moves an email still waiting for a person to the team of that language; a chat someone holds stays', async () => {
    const ru = await teamWithAgents('Support RU detected', { languages: ['ru'], count: 1, capacity: 3 });
    const email = await openConversation(server, {
      channel: 'email',
      language: null,
      subject: 'Вывод средств',
      contactEmail: 'ivan@example.test',
    });
    expect(email.teamId).not.toBe(ru.team.id);
    await customerSays(
      server,
      email.id,
      'Здравствуйте! Я уже третий день не могу вывести деньги со своего счёта, подскажите, пожалуйста, что делать.',
    );
    const [moved] = await db().select().from(conversations).where(eq(conversations.id, email.id));
    expect(moved).toMatchObject({ language: 'ru', teamId: ru.team.id, assigneeId: null });

    // A chat an agent already holds is theirs to answer (or hand on), whatever the language turns out to be.
    const en = await teamWithAgents('Support EN held', { languages: ['en'], count: 1, capacity: 3 });
    const chat = await openConversation(server, { language: null, subject: 'chat', teamId: en.team.id });
    const holder = en.agents[0]!.user.id;
    await db().transaction((tx) =>
      server.ctx.conversations.assign(tx, chat.id, holder, { kind: 'system' }, { teamId: en.team.id }),
    );
    await customerSays(
      server,
      chat.id,
      'Здравствуйте, подскажите, пожалуйста, какие у вас комиссии за вывод?',
    );
    const [after] = await db().select().from(conversations).where(eq(conversations.id, chat.id));
    expect(after).toMatchObject({ language: 'ru', assigneeId: holder, teamId: en.team.id });

    // An email someone moved to a team by hand stays there when its language is found.
    const moved2 = await openConversation(server, { channel: 'email', language: null, subject: 'Вопрос' });
    await db().transaction((tx) =>
      server.ctx.conversations.assign(tx, moved2.id, null, { kind: 'system' }, { teamId: en.team.id }),
    );
    await customerSays(
      server,
      moved2.id,
      'Добрый день! Почему мой депозит до сих пор не зачислен на торговый счёт?',
    );
    const [kept] = await db().select().from(conversations).where(eq(conversations.id, moved2.id));
    expect(kept).toMatchObject({ language: 'ru', teamId: en.team.id });
  });
});
