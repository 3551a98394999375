import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.js';
import { ManualClock } from '../../src/core/clock.js';
import { simAccounts } from '../../src/modules/trading/schema.js';
import { platformEventSchema, type PlatformEvent } from '../../src/modules/trading/platform-events.js';
import { SimulatedTradingServer } from '../../src/integrations/trading/simulator/sim-server.js';
import { startGatewayFacade } from '../../src/integrations/trading/simulator/http-facade.js';
import { GatewayTradingPlatform } from '../../src/integrations/trading/gateway-platform.js';
import { newWebhookSecret } from '../../src/integrations/trading/webhook-signature.js';
import { freshDatabase } from '../support/database.js';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(() => drop?.());

const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
const quiet = { warn: () => {} };
const simOn = (db: Database) => new SimulatedTradingServer(db.db, { clock, log: quiet });

function recorder(sim: SimulatedTradingServer) {
  const events: PlatformEvent[] = [];
  const unsubscribe = sim.subscribe(async (batch) => {
    events.push(...batch);
    return { accepted: batch.length, duplicates: 0, unknownAccounts: [], gaps: [] };
  });
  return { events, unsubscribe };
}

describe('simulated trading server on the database', () => {
  it('survives a restart: same accounts, balances, positions, sessions; sequence numbers continue', async () => {
    const first = simOn(database);
    await first.start();
    const one = recorder(first);
    const a = await first.openAccount({
      clientId: 'c-a',
      name: 'A',
      email: null,
      kind: 'demo',
      currency: 'EUR',
      leverage: 500,
    });
    const b = await first.openAccount({
      clientId: 'c-b',
      name: 'B',
      email: null,
      kind: 'live',
      currency: 'USD',
      leverage: 100,
    });
    await first.balanceOperation(b.login, { id: 'dep-1', kind: 'deposit', amount: 700 });
    first.login(a.login, '198.51.100.7');
    const posA = first.openPosition(a.login, {
      symbol: 'XAUUSD',
      side: 'sell',
      volume: 0.3,
      takeProfit: 2000,
    });
    const posB = first.openPosition(b.login, { symbol: 'USDJPY', side: 'buy', volume: 0.05 });
    first.movePrice('XAUUSD', 1);
    await first.flush();
    // Emitted but not delivered before the shutdown: must not be lost.
    one.unsubscribe();
    first.login(b.login);
    await first.stop();
    const before = {
      a: await first.readAccount(a.login),
      b: await first.readAccount(b.login),
      positionsA: await first.positions(a.login),
      positionsB: await first.positions(b.login),
      dealsA: await first.deals(a.login, {}),
    };

    // What is stored: an account row, a history row per account, and the prices; no passwords.
    const rows = await database.db.select().from(simAccounts);
    expect(rows.map((r) => r.login).sort()).toEqual(
      [a.login, `${a.login}/history`, b.login, `${b.login}/history`, '~market'].sort(),
    );
    const stored = JSON.stringify(rows);
    for (const secret of [a.password, a.investorPassword, b.password, b.investorPassword])
      expect(stored).not.toContain(secret);

    const second = simOn(database);
    const two = recorder(second);
    await second.start();
    try {
      expect(second.logins().sort()).toEqual([b.login, a.login]);
      expect(await second.readAccount(a.login)).toEqual(before.a);
      expect(await second.readAccount(b.login)).toEqual(before.b);
      expect(before.a).toMatchObject({ online: true, currency: 'EUR', leverage: 500 });
      expect(before.b).toMatchObject({ online: true, balance: 700 });
      expect(await second.positions(a.login)).toEqual(before.positionsA);
      expect(await second.positions(b.login)).toEqual(before.positionsB);
      expect(before.positionsA.map((p) => p.id)).toEqual([posA.id]);
      expect(before.positionsB.map((p) => p.id)).toEqual([posB.id]);
      expect(await second.deals(a.login, {})).toEqual(before.dealsA);

      await second.flush();
      // B's undelivered login first, then a heartbeat per open session, numbered after the old events.
      expect(two.events.filter((e) => e.account === a.login).map((e) => e.type)).toEqual(['heartbeat']);
      expect(two.events.filter((e) => e.account === b.login).map((e) => e.type)).toEqual([
        'login',
        'heartbeat',
      ]);
      const all = [...one.events, ...two.events];
      const last = new Map<string, number>();
      for (const e of all) {
        platformEventSchema.parse(e);
        expect(e.seq).toBe((last.get(e.account) ?? 0) + 1);
        last.set(e.account, e.seq);
      }
      // New accounts continue after the highest stored login; trading goes on.
      const next = await second.openAccount({
        clientId: 'c-c',
        name: 'C',
        email: null,
        kind: 'demo',
        currency: 'USD',
        leverage: 100,
      });
      expect(next.login).toBe('5000002');
      second.closePosition(a.login, posA.id);
      expect(await second.positions(a.login)).toEqual([]);
    } finally {
      await second.stop();
    }
    const third = simOn(database);
    await third.load();
    expect(await third.positions(a.login)).toEqual([]);
    expect((await third.deals(a.login, {})).map((d) => d.entry)).toEqual(['in', 'out']);
    expect(third.logins()).toHaveLength(3);
  });

  it('answers a gateway adapter through the reference facade, and the facade refuses a wrong secret', async () => {
    const sim = simOn(database);
    await sim.load();
    const secret = newWebhookSecret();
    const facade = await startGatewayFacade(sim, { secrets: () => [secret] });
    try {
      const gateway = new GatewayTradingPlatform({ url: facade.url, secret: () => secret });
      const opened = await gateway.openAccount({
        clientId: 'c-g',
        name: 'G',
        email: 'g@example.com',
        kind: 'demo',
        currency: 'USD',
        leverage: 100,
        demoDeposit: 2_500,
      });
      expect(await gateway.readAccount(opened.login)).toMatchObject({ login: opened.login, balance: 2_500 });
      const intruder = new GatewayTradingPlatform({ url: facade.url, secret: () => newWebhookSecret() });
      await expect(
        intruder.balanceOperation(opened.login, { id: 'steal', kind: 'withdrawal', amount: -2_500 }),
      ).rejects.toMatchObject({ status: 502, code: 'platform_unavailable' });
      expect((await gateway.readAccount(opened.login)).balance).toBe(2_500);
    } finally {
      await facade.close();
      await sim.stop();
    }
  });
});
