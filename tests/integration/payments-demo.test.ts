import { afterAll, beforeAll, expect, it } from 'vitest';
import { isNotNull, ne } from 'drizzle-orm';
import { seedDemo } from '../../src/app/demo-seed.js';
import { clients, paymentLedger, paymentRequests, paymentSystems } from '../../src/db/schema.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ingested } from './payments-withdrawals.fixtures.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

it('the demo install has a bank wire and the simulated card, and a credited, a rejected and a waiting deposit', async () => {
  expect(await seedDemo(server.ctx)).toBe(true);
  const db = server.ctx.database.db;
  const systems = await db.select().from(paymentSystems);
  expect(systems.map((s) => [s.kind, s.provider]).sort()).toEqual([
    ['automatic', 'sim'],
    ['manual', null],
  ]);
  // The trader's requests (the opening balances are the seed's, requested by the system).
  const requests = await db.select().from(paymentRequests).where(ne(paymentRequests.requestedBy, 'system'));
  expect(requests.map((r) => r.status).sort()).toEqual(['executed', 'pending', 'rejected']);
  expect(await db.select({ id: clients.id }).from(clients).where(isNotNull(clients.ftdAt))).toHaveLength(1);

  // Every live account's opening balance is in the ledger: once ingested and past the grace period,
  // a fresh demo reconciles clean.
  const postings = await db
    .select({ login: paymentLedger.login, opId: paymentLedger.platformOpId })
    .from(paymentLedger)
    .where(isNotNull(paymentLedger.platformOpId));
  expect(postings.filter((p) => p.opId!.startsWith('demo-deposit-')).length).toBeGreaterThan(0);
  for (const p of postings) await ingested(server, p.login, p.opId!);
  server.clock.advance(11 * 60_000);
  const run = await server.ctx.reconciliation.run('manual', null);
  expect(run.differences).toEqual([]);
}, 120_000);
