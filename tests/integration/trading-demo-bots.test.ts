import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoAccounts } from '../../src/app/demo-trading-seed.js';
import { SimulatedTradingServer } from '../../src/integrations/trading/simulator/sim-server.js';
import { SimulatedTraders } from '../../src/integrations/trading/simulator/traders.js';
import { createStaff, startTestServer, type TestServer } from '../support/server.js';

// Issue 8: in the demo, a new account started trading by itself. The simulated traders trade the
// accounts the demo seed handed them, and never one opened later, before or after a restart.

let server: TestServer;
let staff: Awaited<ReturnType<typeof createStaff>>;
beforeAll(async () => {
  server = await startTestServer();
  staff = await createStaff(server.ctx, 'sales_manager');
});
afterAll(() => server?.close());

const viewer = () => ({ id: staff.id, teamId: null, scope: 'all' as const, permissions: new Set<string>() });

async function newClient() {
  return server.ctx.database.db.transaction((tx) =>
    server.ctx.clients.createInTx(
      tx,
      {
        name: `Trader ${randomBytes(3).toString('hex')}`,
        email: `t.${randomBytes(4).toString('hex')}@mail.test`,
        phone: null,
        country: 'ID',
        language: 'id',
        source: 'google',
      },
      { actor: null, managerId: staff.id, kind: 'lead' },
    ),
  );
}

/** Fifteen simulated minutes of bots; returns the logins that were online or traded at any point. */
async function drive(sim: SimulatedTradingServer, seed: number): Promise<Set<string>> {
  const traders = new SimulatedTraders(sim, {
    clock: server.clock,
    seed,
    maxOnline: 10,
    overLeverageShare: 0.3,
  });
  const active = new Set<string>();
  for (let i = 0; i < 300; i++) {
    server.clock.advance(3_000);
    sim.tick();
    traders.round();
    for (const login of sim.logins()) {
      const a = sim.account(login)!;
      if (a.online || a.positions.length) active.add(login);
    }
  }
  for (const login of sim.logins()) if ((await sim.deals(login)).length) active.add(login);
  return active;
}

describe('simulated traders in the demo', () => {
  it('trade the seeded accounts only: an account opened later is never traded, across a restart too', async () => {
    const sim = server.ctx.tradingPlatform as SimulatedTradingServer;
    const seededClient = await newClient();
    await openDemoAccounts(
      server.ctx,
      seededClient.id,
      { viewer: viewer(), id: staff.id },
      { live: true, demo: true, deposit: 8_000 },
    );
    const seeded = sim.simulatedTraderLogins();
    expect(seeded).toHaveLength(2);

    // Opened later through the account service, as staff or the cabinet do: a demo account with money.
    const person = await newClient();
    const opener = { kind: 'staff' as const, viewer: viewer(), actor: { id: staff.id, ip: null } };
    const { account } = await server.ctx.tradingAccounts.open(opener, person.id, {
      kind: 'demo',
      currency: 'USD',
      leverage: 100,
    });
    expect(sim.account(account.login)).toMatchObject({ simulatedTrader: false });
    expect(sim.account(account.login)!.equity).toBeGreaterThan(0);

    const before = await drive(sim, 11);
    expect(before.has(account.login)).toBe(false);
    expect(seeded.some((login) => before.has(login))).toBe(true);

    // Restart: the simulator reloads what it saved, and the mark with it.
    await sim.stop();
    const again = new SimulatedTradingServer(server.ctx.database.db, {
      clock: server.clock,
      log: { warn: () => {} },
    });
    await again.load();
    expect(again.simulatedTraderLogins().sort()).toEqual([...seeded].sort());
    const after = await drive(again, 12);
    expect(after.has(account.login)).toBe(false);
    expect(seeded.some((login) => after.has(login))).toBe(true);
    expect(await again.deals(account.login)).toEqual([]);
  });
});
