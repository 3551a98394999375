import { afterAll, beforeAll, expect, it } from 'vitest';
import { isNotNull } from 'drizzle-orm';
import { seedDemo } from '../../src/app/demo-seed.js';
import { clients, paymentRequests, paymentSystems } from '../../src/db/schema.js';
import { startTestServer, type TestServer } from '../support/server.js';

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
  const requests = await db.select().from(paymentRequests);
  expect(requests.map((r) => r.status).sort()).toEqual(['executed', 'pending', 'rejected']);
  expect(await db.select({ id: clients.id }).from(clients).where(isNotNull(clients.ftdAt))).toHaveLength(1);
}, 120_000);
