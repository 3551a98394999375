import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/core/schema.js';
import { ApiClient, createStaff, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
const system = { id: null, ip: null };
const uniq = () => randomBytes(4).toString('hex');

async function manager() {
  const lead = await createStaff(server.ctx, 'team_lead');
  const team = await server.ctx.teams.create(system, {
    name: `Desk ${uniq()}`,
    kind: 'sales',
    leadId: lead.id,
  });
  const m = await createStaff(server.ctx, 'sales_manager', { teamId: team.id });
  const api = new ApiClient(server.app);
  const res = await api.login(m.email, m.password);
  if (res.body.status !== 'ok') throw new Error(JSON.stringify(res.body));
  return { ...m, api };
}

/** A client of `owner` whose history is: created, then (oldest first) the given steps. */
async function clientWithHistory(
  owner: Awaited<ReturnType<typeof manager>>,
  steps: ('comment' | 'margin' | 'alert' | 'email' | 'odd')[],
) {
  const created = await owner.api.call('POST', '/api/clients', {
    name: `Client ${uniq()}`,
    email: `c.${uniq()}@mail.test`,
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const step of steps) {
    if (step === 'comment') {
      const res = await owner.api.call('POST', `/api/clients/${id}/comments`, { body: `note ${uniq()}` });
      expect(res.status).toBe(201);
      continue;
    }
    const type = {
      margin: 'trading.margin_call',
      alert: 'trading.alert_raised',
      email: 'client.email_sent',
      odd: 'something.unheard_of',
    }[step];
    // Stored rows as the timeline reads them (an older version's type among them), not appended:
    // the catalogue would refuse the unknown type and these empty payloads.
    await server.ctx.database.db
      .insert(events)
      .values({ type, subjectType: 'client', subjectId: id, payload: {}, audience: { users: [owner.id] } });
  }
  return id;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('client timeline by kind', () => {
  it('returns only the chosen kinds, with the kind of each item and the counts of every kind', async () => {
    const m = await manager();
    const id = await clientWithHistory(m, ['comment', 'margin', 'margin', 'margin', 'alert', 'email', 'odd']);

    const all = await m.api.call('GET', `/api/clients/${id}/timeline`);
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(8);
    expect(all.body.counts).toEqual({
      comments: 1,
      status: 1,
      trading: 3,
      payments: 0,
      alerts: 1,
      emails: 1,
      support: 0,
      calls: 0,
      system: 1,
    });
    expect(all.body.items[0]).toMatchObject({ type: 'something.unheard_of', kind: 'system' });

    const notes = await m.api.call('GET', `/api/clients/${id}/timeline?kinds=comments,status`);
    expect(notes.status).toBe(200);
    expect(notes.body.items.map((i: { type: string }) => i.type)).toEqual([
      'client.comment_added',
      'client.created',
    ]);
    expect(notes.body.total).toBe(2);
    // The counts describe the whole history, whatever is shown, so the chips can show them.
    expect(notes.body.counts.trading).toBe(3);

    const system = await m.api.call('GET', `/api/clients/${id}/timeline?kinds=system,emails`);
    expect(system.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['emails', 'system']);
  });

  it('pages through a filtered history without gaps or repeats', async () => {
    const m = await manager();
    const steps: ('comment' | 'margin')[] = [];
    for (let i = 0; i < 7; i++) steps.push('comment', 'margin', 'margin');
    const id = await clientWithHistory(m, steps);

    const seen: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await m.api.call(
        'GET',
        `/api/clients/${id}/timeline?kinds=comments&page=${page}&pageSize=3`,
      );
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(7);
      for (const item of res.body.items) {
        expect(item.type).toBe('client.comment_added');
        seen.push(item.id);
      }
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen); // newest first across pages

    const trading = await m.api.call('GET', `/api/clients/${id}/timeline?kinds=trading&page=5&pageSize=3`);
    expect(trading.body.items).toHaveLength(14 - 12);
  });

  it('refuses an unknown kind with a clear 400', async () => {
    const m = await manager();
    const id = await clientWithHistory(m, []);
    const res = await m.api.call('GET', `/api/clients/${id}/timeline?kinds=comments,gossip`);
    expect(res.status).toBe(400);
    expect(res.body.field).toMatch(/^kinds/);
  });

  it("keeps another manager's client closed, whatever the filter", async () => {
    const owner = await manager();
    const other = await manager();
    const id = await clientWithHistory(owner, ['comment']);
    for (const query of ['', '?kinds=comments', '?kinds=system']) {
      const res = await other.api.call('GET', `/api/clients/${id}/timeline${query}`);
      expect(res.status).toBe(404);
    }
  });
});
