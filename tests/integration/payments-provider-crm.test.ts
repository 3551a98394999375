import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport } from '../../src/integrations/payments/simulator/delivery.js';
import {
  SIM_PAY_EXACT,
  SimulatedPaymentProvider,
  type SimPayOptions,
} from '../../src/integrations/payments/simulator/sim-provider.js';
import { ManualTimers } from '../../src/integrations/payments/simulator/timers.js';
import type { TestServer } from '../support/server.js';
import {
  cardSystem,
  ledgerSum,
  paymentsServer,
  platformCents,
  traderWithAccount,
} from './payments-core.fixtures.js';

/**
 * The simulated provider at its worst — every event duplicated, events held back and overtaken —
 * calling the real CRM's callback route: whatever it does, the trader is credited once, and refunds
 * and chargebacks take back exactly what they say.
 */

let server: TestServer;
let secret: string;
let systemId: string;

beforeAll(async () => {
  ({ server, secret } = await paymentsServer());
  systemId = (await cardSystem(server)).id;
});
afterAll(() => server?.close());

/** A provider on virtual time whose callbacks reach the test server (its public URL is not the port). */
function provider(timers: ManualTimers, opts: Partial<SimPayOptions> = {}) {
  return new SimulatedPaymentProvider({
    baseUrl: server.url,
    secret: () => secret,
    clock: server.clock,
    timers,
    seed: 11,
    log: { warn: () => {} },
    ...SIM_PAY_EXACT,
    ...opts,
    transport: (url, headers, body, timeoutMs) =>
      fetchTransport(`${server.url}${new URL(url).pathname}`, headers, body, timeoutMs),
  });
}

/** A deposit sent to the provider's page, as the cabinet leaves it (no provider reference yet). */
async function awaitingDeposit(login: string, clientId: string, amount: number): Promise<string> {
  const rows = await server.ctx.database.db.execute(sql`insert into payment_requests
    (direction, client_id, login, system_id, status, amount, currency, account_currency, account_amount, provider, requested_by)
    values ('deposit', ${clientId}::uuid, ${login}, ${systemId}::uuid, 'awaiting_payment', ${amount}, 'USD', 'USD', ${amount}, 'sim', 'trader')
    returning id`);
  return (rows as unknown as { rows: { id: string }[] }).rows[0]!.id;
}

async function statusOf(id: string): Promise<string> {
  const rows = await server.ctx.database.db.execute(
    sql`select status from payment_requests where id = ${id}::uuid`,
  );
  return (rows as unknown as { rows: { status: string }[] }).rows[0]!.status;
}

describe('simulated provider → the CRM', () => {
  it('duplicated, reordered callbacks credit once; refund and chargeback take back what they say', async () => {
    const timers = new ManualTimers();
    const sim = provider(timers, {
      duplicateRate: 1,
      maxCopies: 3,
      duplicateSpreadMs: 0,
      outOfOrderRate: 1,
      holdMaxMs: 60_000,
      settleMs: 5_000,
      refundMs: 0,
    });
    try {
      const trader = await traderWithAccount(server);
      const id = await awaitingDeposit(trader.login, trader.clientId, 20_000);
      const { providerRef } = await sim.createPayment({
        requestId: id,
        amount: 20_000,
        currency: 'USD',
        returnUrl: `${server.url}/cabinet/payments`,
        callbackUrl: `${server.url}/api/payments/callbacks/sim`,
        description: 'Deposit',
      });
      // Pending held back, success overtakes it; every event goes out three times.
      sim.pay(providerRef, { kind: 'pending' });
      await timers.advance(5_000);
      await timers.advance(60_000);
      expect(sim.pendingCallbacks).toBe(0);
      expect(sim.deliveryStats.gaveUp).toBe(0);
      expect(await statusOf(id)).toBe('executed');
      expect(await platformCents(server, trader.login)).toBe(20_000);
      expect(await ledgerSum(server, trader.login)).toBe(20_000);

      await sim.refund({ providerRef, amount: 5_000 });
      sim.chargeback(providerRef);
      await timers.advance(60_000);
      expect(sim.pendingCallbacks).toBe(0);
      expect(await ledgerSum(server, trader.login)).toBe(0);
      expect(await platformCents(server, trader.login)).toBe(0);
    } finally {
      await sim.stop();
    }
  });

  it('a paid amount that differs waits for finance instead of crediting', async () => {
    const timers = new ManualTimers();
    const sim = provider(timers, { duplicateRate: 1, maxCopies: 2 });
    try {
      const trader = await traderWithAccount(server);
      const id = await awaitingDeposit(trader.login, trader.clientId, 10_000);
      const { providerRef } = await sim.createPayment({
        requestId: id,
        amount: 10_000,
        currency: 'USD',
        returnUrl: `${server.url}/cabinet/payments`,
        callbackUrl: `${server.url}/api/payments/callbacks/sim`,
        description: 'Deposit',
      });
      sim.pay(providerRef, { kind: 'different_amount' });
      await timers.advance(10_000);
      expect(sim.pendingCallbacks).toBe(0);
      expect(await statusOf(id)).toBe('needs_review');
      expect(await platformCents(server, trader.login)).toBe(0);
    } finally {
      await sim.stop();
    }
  });
});
