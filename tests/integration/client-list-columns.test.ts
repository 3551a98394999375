import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { clients, tradingAccounts } from '../../src/db/schema.js';
import { listOrder } from '../../src/modules/clients/client-list.js';
import { ApiClient, createStaff, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
const system = { id: null, ip: null };
const uniq = () => randomBytes(4).toString('hex');
let logins = 7_700_000;

async function signIn(p: { email: string; password: string }) {
  const api = new ApiClient(server.app);
  const res = await api.login(p.email, p.password);
  if (res.body.status !== 'ok') throw new Error(JSON.stringify(res.body));
  return api;
}

async function desk() {
  const leadUser = await createStaff(server.ctx, 'team_lead');
  const team = await server.ctx.teams.create(system, {
    name: `Desk ${uniq()}`,
    kind: 'sales',
    leadId: leadUser.id,
  });
  const m = await createStaff(server.ctx, 'sales_manager', { teamId: team.id });
  const other = await createStaff(server.ctx, 'sales_manager', { teamId: team.id });
  return {
    lead: { ...leadUser, api: await signIn(leadUser) },
    manager: { ...m, api: await signIn(m) },
    other: { ...other, api: await signIn(other) },
  };
}

const account = (
  clientId: string,
  over: Partial<typeof tradingAccounts.$inferInsert> & { kind: 'live' | 'demo' },
) =>
  server.ctx.database.db.insert(tradingAccounts).values({
    clientId,
    platform: server.ctx.tradingPlatform.name,
    login: String((logins += 1)),
    currency: 'USD',
    leverage: 100,
    ...over,
  });

const rows = (body: { items: { id: string }[] }) => body.items.map((c) => c.id);

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('client list working columns', () => {
  it('returns account money, last contact and the next task for each client on the page', async () => {
    const { manager, lead, other } = await desk();
    const api = manager.api;
    const create = async () =>
      (await api.call('POST', '/api/clients', { name: `C ${uniq()}`, email: `c.${uniq()}@mail.test` })).body
        .id as string;
    const rich = await create();
    const quiet = await create();

    const t0 = server.clock.now().getTime();
    await account(rich, {
      kind: 'live',
      balance: 1000,
      equity: 900,
      marginLevel: 250,
      createdAt: new Date(t0 - 3e6),
    });
    await account(rich, {
      kind: 'live',
      balance: 500,
      equity: 550,
      marginLevel: 180,
      createdAt: new Date(t0 - 2e6),
    });
    await account(rich, {
      kind: 'live',
      currency: 'EUR',
      balance: 9000,
      equity: 9000,
      createdAt: new Date(t0 - 1e6),
    });
    await account(rich, { kind: 'demo', balance: 100000, equity: 100000 });
    await account(quiet, { kind: 'demo', balance: 10000, equity: 9500 });

    expect(
      (await api.call('POST', `/api/clients/${rich}/comments`, { body: 'Called, will deposit' })).status,
    ).toBe(201);
    const due = (minutes: number) => new Date(t0 + minutes * 60_000).toISOString();
    const later = await api.call('POST', `/api/clients/${quiet}/tasks`, {
      title: 'Send the docs',
      dueAt: due(120),
    });
    const soon = await api.call('POST', `/api/clients/${quiet}/tasks`, {
      title: 'Call back',
      dueAt: due(30),
    });
    const earliest = await api.call('POST', `/api/clients/${quiet}/tasks`, {
      title: 'Done already',
      dueAt: due(5),
    });
    expect([later.status, soon.status, earliest.status]).toEqual([201, 201, 201]);
    expect((await api.call('POST', `/api/clients/${quiet}/tasks/${earliest.body.id}/done`)).status).toBe(204);

    // Without `include` the list reads nothing else: the working columns cost a query each.
    const plain = await api.call('GET', '/api/clients?pageSize=10');
    expect(plain.body.items[0]).not.toHaveProperty('account');
    expect(plain.body.items[0]).not.toHaveProperty('nextTask');
    expect(plain.body.items.find((c: { id: string }) => c.id === rich).lastContactAt).toBe(
      server.clock.now().toISOString(),
    );
    const tasksOnly = await api.call('GET', '/api/clients?pageSize=10&include=nextTask');
    expect(tasksOnly.body.items[0]).not.toHaveProperty('account');

    const list = await api.call('GET', '/api/clients?pageSize=10&include=account,nextTask');
    expect(list.status).toBe(200);
    const byId = new Map(list.body.items.map((c: { id: string }) => [c.id, c]));
    expect(byId.get(rich)).toMatchObject({
      account: {
        kind: 'live',
        currency: 'USD',
        balance: 1500,
        equity: 1450,
        marginLevel: 180,
        accounts: 2,
        mixedCurrencies: true,
      },
      lastContactAt: server.clock.now().toISOString(),
      nextTask: null,
    });
    expect(byId.get(quiet)).toMatchObject({
      account: { kind: 'demo', balance: 10000, equity: 9500, marginLevel: null, mixedCurrencies: false },
      nextTask: { id: soon.body.id, title: 'Call back', dueAt: due(30) },
    });
    // Completing a task is a contact too.
    expect((byId.get(quiet) as { lastContactAt: string | null }).lastContactAt).not.toBeNull();

    // The team lead sees the same figures; a colleague sees neither client.
    const leadList = await lead.api.call('GET', '/api/clients?pageSize=50&include=account');
    expect(leadList.body.items.find((c: { id: string }) => c.id === rich).account.balance).toBe(1500);
    expect(rows((await other.api.call('GET', '/api/clients')).body)).not.toContain(rich);
  });

  it('sorts by last contact (never contacted counts as longest ago) and by phone, not by trading figures', async () => {
    const { manager } = await desk();
    const api = manager.api;
    const ids: string[] = [];
    for (const phone of ['+442079460003', '+442079460001', '+442079460002']) {
      const res = await api.call('POST', '/api/clients', { name: `C ${uniq()}`, phone });
      ids.push(res.body.id);
    }
    const [never, first, second] = ids as [string, string, string];
    await api.call('POST', `/api/clients/${first}/comments`, { body: 'first' });
    server.clock.advance(60_000);
    await api.call('POST', `/api/clients/${second}/comments`, { body: 'second' });

    const asc = await api.call('GET', '/api/clients?sort=lastContact&order=asc');
    expect(rows(asc.body)).toEqual([never, first, second]);
    const desc = await api.call('GET', '/api/clients?sort=lastContact&order=desc');
    expect(rows(desc.body)).toEqual([second, first, never]);
    // The same order from the plan used past LIST_EXACT_TOTAL_CAP matches (and by the CSV export).
    for (const order of ['asc', 'desc'] as const) {
      const ordered = await server.ctx.database.db
        .select({ id: clients.id })
        .from(clients)
        .where(inArray(clients.id, ids))
        .orderBy(...listOrder({ sort: 'lastContact', order }));
      expect(ordered.map((r) => r.id)).toEqual(rows(order === 'asc' ? asc.body : desc.body));
    }
    const byPhone = await api.call('GET', '/api/clients?sort=phone&order=asc');
    expect(rows(byPhone.body)).toEqual([first, second, never]);

    const refused = await api.call('GET', '/api/clients?sort=balance');
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('sort');
    const unknown = await api.call('GET', '/api/clients?include=account,shoeSize');
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toMatch(/^include/);
  });
});
