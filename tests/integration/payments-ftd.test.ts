import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clients, events as eventLog, notifications, paymentRequests } from '../../src/db/schema.js';
import { flagStuckRequests } from '../../src/modules/payments/index.js';
import { signedIn, signedInAdmin, type TestServer } from '../support/server.js';
import { manualSystem, newKey, paymentsServer, traderWithAccount } from './payments-core.fixtures.js';

let server: TestServer;
let finance: Awaited<ReturnType<typeof signedIn>>;
let wire: Awaited<ReturnType<typeof manualSystem>>;

beforeAll(async () => {
  ({ server } = await paymentsServer());
  finance = await signedIn(server, 'finance');
  wire = await manualSystem(server);
});
afterAll(() => server?.close());

const db = () => server.ctx.database.db;

async function deposit(t: Awaited<ReturnType<typeof traderWithAccount>>, amount: number) {
  const res = await t.api.call(
    'POST',
    '/api/portal/payments/deposits',
    { login: t.login, systemId: wire.id, amount, currency: 'USD' },
    newKey(),
  );
  expect(res.status).toBe(201);
  return res.body.request.id as string;
}
const execute = (id: string) =>
  finance.api.call('POST', `/api/payments/requests/${id}/execute`, undefined, newKey());

describe('the FTD hand-over', () => {
  it('an on_ftd rule moves the client to the retention desk at the first deposit, and the new manager is told', async () => {
    const { api: admin } = await signedInAdmin(server);
    const team = await server.ctx.teams.create(
      { id: null, ip: null },
      { name: 'Retention', kind: 'retention', leadId: null },
    );
    const keeper = await signedIn(server, 'retention_manager', { teamId: team.id });
    const rule = await admin.call('POST', '/api/assignment-rules', {
      name: 'FTD → retention',
      teamId: team.id,
      kind: 'on_ftd',
    });
    expect(rule.status, JSON.stringify(rule.body)).toBeLessThan(300);
    expect(rule.body.items.find((r: { name: string }) => r.name === 'FTD → retention').kind).toBe('on_ftd');

    const sales = await signedIn(server, 'sales_manager');
    const t = await traderWithAccount(server, { managerId: sales.user.id });
    await execute(await deposit(t, 20_000));
    const [c] = await db().select().from(clients).where(eq(clients.id, t.clientId));
    expect(c).toMatchObject({ managerId: keeper.user.id, teamId: team.id });
    const told = await db().select().from(notifications).where(eq(notifications.userId, keeper.user.id));
    expect(told.map((n) => n.type)).toContain('client.assigned');
    const moved = await db().select().from(eventLog).where(eq(eventLog.subjectId, t.clientId));
    expect(moved.map((e) => e.type)).toEqual(expect.arrayContaining(['payment.ftd', 'client.reassigned']));

    // A second deposit hands nothing over again; a new client is still placed by the on_create rules.
    await execute(await deposit(t, 5_000));
    const [after] = await db().select().from(clients).where(eq(clients.id, t.clientId));
    expect(after!.managerId).toBe(keeper.user.id);
    const newcomer = await traderWithAccount(server);
    const [placed] = await db().select().from(clients).where(eq(clients.id, newcomer.clientId));
    expect(placed!.teamId).not.toBe(team.id);
  });
});

describe('stuck and listed', () => {
  it('a request pending past the configured minutes is flagged stuck once, and the manager is told', async () => {
    const manager = await signedIn(server, 'sales_manager');
    const t = await traderWithAccount(server, { managerId: manager.user.id });
    const id = await deposit(t, 9_000);
    expect(await flagStuckRequests(db(), server.clock, 30)).toBe(0);
    server.clock.advance(31 * 60_000);
    // Half an hour later the staff sessions of this file have idled out: sign in again.
    finance = await signedIn(server, 'finance');
    expect(await flagStuckRequests(db(), server.clock, 30)).toBeGreaterThanOrEqual(1);
    expect(await flagStuckRequests(db(), server.clock, 30)).toBe(0);
    const [r] = await db().select().from(paymentRequests).where(eq(paymentRequests.id, id));
    expect(r!.problem).toBe('stuck_pending');
    const [c] = await db().select().from(clients).where(eq(clients.id, t.clientId));
    expect(c!.paymentProblem).toBe('stuck_pending');
    const told = await db().select().from(notifications).where(eq(notifications.userId, manager.user.id));
    expect(told.filter((n) => n.type === 'payment.problem')).toHaveLength(1);
    // The queue filters by problem and age; executing clears the problem.
    const queue = await finance.api.call(
      'GET',
      '/api/payments/requests?problem=stuck_pending&olderThanMinutes=30',
    );
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(queue.body.items[0].ageSeconds).toBeGreaterThanOrEqual(30 * 60);
    await execute(id);
    const [cleared] = await db().select().from(clients).where(eq(clients.id, t.clientId));
    expect(cleared!.paymentProblem).toBeNull();
  });

  it('the client list shows, sorts and filters by FTD, net deposits and last deposit', async () => {
    const { api: admin } = await signedInAdmin(server);
    const small = await traderWithAccount(server);
    const big = await traderWithAccount(server);
    await execute(await deposit(small, 2_000));
    await execute(await deposit(big, 900_000));
    const sorted = await admin.call(
      'GET',
      '/api/clients?sort=netDeposits&order=desc&hasFtd=true&pageSize=200',
    );
    expect(sorted.status, JSON.stringify(sorted.body)).toBe(200);
    const ids = sorted.body.items.map((c: { id: string }) => c.id);
    expect(ids.indexOf(big.clientId)).toBeLessThan(ids.indexOf(small.clientId));
    expect(sorted.body.items.find((c: { id: string }) => c.id === big.clientId)).toMatchObject({
      netDeposits: 900_000,
    });
    const rich = await admin.call('GET', '/api/clients?netDepositsMin=500000&pageSize=200');
    expect(rich.body.items.map((c: { id: string }) => c.id)).toContain(big.clientId);
    expect(rich.body.items.map((c: { id: string }) => c.id)).not.toContain(small.clientId);
    const none = await admin.call('GET', '/api/clients?hasFtd=false&pageSize=200');
    expect(none.body.items.every((c: { ftdAt: string | null }) => c.ftdAt === null)).toBe(true);
    expect((await admin.call('GET', '/api/clients?sort=lastDeposit&order=desc')).status).toBe(200);
  });

  it('the CSV export is scoped, neutralises formulas and is audited', async () => {
    const t = await traderWithAccount(server);
    await deposit(t, 3_000);
    await db().update(clients).set({ name: '=HYPERLINK("x")' }).where(eq(clients.id, t.clientId));
    // Without payments.read (compliance has reports.read) no export at all.
    const compliance = await signedIn(server, 'compliance');
    const refused = await compliance.api.call('GET', `/api/payments/export?clientId=${t.clientId}`);
    expect(refused.status).toBe(403);
    // A manager's export holds only their own clients' payments.
    const manager = await signedIn(server, 'sales_manager');
    const own = await manager.api.call('GET', `/api/payments/export?clientId=${t.clientId}`);
    expect(own.status).toBe(200);
    expect(own.headers['x-row-count']).toBe('0');
    const res = await finance.api.call('GET', `/api/payments/export?clientId=${t.clientId}`);
    expect(res.status).toBe(200);
    expect(res.headers['x-row-count']).toBe('1');
    expect(res.raw).toContain(`'=HYPERLINK`);
    const audited = await db().select().from(eventLog).where(eq(eventLog.type, 'payments.exported'));
    expect(audited.length).toBeGreaterThanOrEqual(1);
  });
});
