import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, notifications } from '../../src/core/schema.js';
import { signedIn, startTestServer, type ApiClient, type TestServer } from '../support/server.js';
import {
  fund,
  recordDeposit,
  ingested,
  key,
  liveTrader,
  paymentSystem,
  staff,
  verify,
} from './payments-withdrawals.fixtures.js';

// Reconciliation compares the payments ledger with the balance operations the platform reported
// (ingested from the simulator's event stream), per account, and alerts finance when they differ.

let server: TestServer;
let systemId: string;
let finance: ApiClient;
let financeId: string;
let compliance: ApiClient;

/** Past the grace period in which a posting may still be on its way to ingestion. */
const pastGrace = () => server.clock.advance(11 * 60_000);

beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'true', SIMULATED_TRADERS: 'false' } });
  systemId = (await paymentSystem(server)).id;
  const f = await signedIn(server, 'finance');
  finance = f.api;
  financeId = f.user.id;
  compliance = await staff(server, 'compliance');
});
afterAll(async () => {
  await server?.close();
});

const run = async () => {
  const res = await finance.call('POST', '/api/payments/reconciliation/run');
  expect(res.status).toBe(200);
  return res.body.run;
};
const accountIn = (r: { differences: { login: string }[] }, login: string) =>
  r.differences.find((d) => d.login === login);

describe('reconciliation', () => {
  it('finds nothing when deposits, a hold and its release are on both sides', async () => {
    const t = await liveTrader(server);
    const dep = await fund(server, t, systemId, 500_00);
    await verify(server, compliance, t.clientId);
    const res = await t.api.call(
      'POST',
      '/api/portal/payments/withdrawals',
      { login: t.login, systemId, amount: 200_00, details: {} },
      key(),
    );
    const id = res.body.request.id as string;
    await finance.call('POST', `/api/payments/withdrawals/${id}/reject`, { reasonCode: 'duplicate' }, key());
    for (const op of [dep.opId, `wd:${id}`, `wdr:${id}`]) await ingested(server, t.login, op);
    pastGrace();

    const report = await run();
    expect(accountIn(report, t.login)).toBeUndefined();
    expect(report).toMatchObject({ trigger: 'manual', differenceCount: 0 });
    expect(report.ledgerEntries).toBeGreaterThanOrEqual(3);
  });

  it('lists an operation planted on the platform, alerts finance, and shows it as the last run', async () => {
    const t = await liveTrader(server);
    const dep = await fund(server, t, systemId, 300_00);
    // Someone posts straight on the platform, bypassing payments.
    await server.ctx.tradingPlatform.balanceOperation(t.login, {
      id: 'planted-1',
      kind: 'deposit',
      amount: 77.5,
    });
    await ingested(server, t.login, dep.opId);
    await ingested(server, t.login, 'planted-1');
    pastGrace();

    const report = await run();
    expect(accountIn(report, t.login)).toEqual({
      login: t.login,
      clientId: t.clientId,
      clientName: expect.any(String),
      currency: 'USD',
      ledgerAmount: 300_00,
      platformAmount: 377_50,
      difference: -77_50,
      missingOnPlatform: [],
      missingInLedger: ['planted-1'],
      amountDiffers: [],
    });
    const db = server.ctx.database.db;
    const [alert] = await db
      .select()
      .from(events)
      .where(and(eq(events.type, 'payments.reconciliation_diff'), eq(events.subjectId, report.id)));
    expect(alert).toMatchObject({ actorId: financeId, payload: { runId: report.id } });
    expect(alert!.audience.permissions).toEqual(['payments.execute']);
    const told = await db.select().from(notifications).where(eq(notifications.eventId, alert!.id));
    expect(told.map((n) => n.userId)).toContain(financeId);

    const last = await finance.call('GET', '/api/payments/reconciliation');
    expect(last.status).toBe(200);
    expect(last.body.run.id).toBe(report.id);
  });

  it('lists a ledger posting the platform never made, and an amount that differs', async () => {
    const t = await liveTrader(server);
    const posting = (opId: string, cents: number) => recordDeposit(server, t, systemId, cents, opId);
    await posting('dep:never-posted', 40_00);
    await posting('dep:short', 100_00);
    await server.ctx.tradingPlatform.balanceOperation(t.login, {
      id: 'dep:short',
      kind: 'deposit',
      amount: 99,
    });
    await ingested(server, t.login, 'dep:short');
    pastGrace();

    const found = accountIn(await run(), t.login);
    expect(found).toMatchObject({
      missingOnPlatform: ['dep:never-posted'],
      missingInLedger: [],
      amountDiffers: [{ opId: 'dep:short', ledgerAmount: 100_00, platformAmount: 99_00 }],
      difference: 41_00,
    });
  });

  it('does not report a posting younger than the grace period', async () => {
    const t = await liveTrader(server);
    await server.ctx.tradingPlatform.balanceOperation(t.login, { id: 'fresh-1', kind: 'deposit', amount: 5 });
    await ingested(server, t.login, 'fresh-1');
    expect(accountIn(await run(), t.login)).toBeUndefined();
    pastGrace();
    expect(accountIn(await run(), t.login)).toMatchObject({ missingInLedger: ['fresh-1'] });
  });

  it('lets managers read the report but only finance run it', async () => {
    const manager = await staff(server, 'sales_manager');
    expect((await manager.call('GET', '/api/payments/reconciliation')).status).toBe(200);
    const before = await server.ctx.reconciliation.last();
    const refused = await manager.call('POST', '/api/payments/reconciliation/run');
    expect(refused.status).toBe(403);
    expect((await server.ctx.reconciliation.last())?.id).toBe(before?.id);
    const support = await staff(server, 'compliance');
    expect((await support.call('GET', '/api/payments/reconciliation')).status).toBe(403);
  });

  it('runs from the daily job once a day', async () => {
    const first = await server.ctx.reconciliation.runIfDue();
    expect(first?.trigger).toBe('job');
    expect(await server.ctx.reconciliation.runIfDue()).toBeNull();
    server.clock.advance(24 * 3_600_000);
    expect((await server.ctx.reconciliation.runIfDue())?.trigger).toBe('job');
  });
});
