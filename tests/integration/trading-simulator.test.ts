import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.js';
import { ManualClock } from '../../src/core/clock.js';
import { simAccounts } from '../../src/integrations/trading/simulator/schema.js';
import { platformEventSchema, type PlatformEvent } from '../../src/modules/trading/platform-events.js';
import {
  SIMULATOR_LOCK_KEY,
  SimulatedTradingServer,
} from '../../src/integrations/trading/simulator/sim-server.js';
import { startGatewayFacade } from '../../src/integrations/trading/simulator/http-facade.js';
import { GatewayTradingPlatform } from '../../src/integrations/trading/gateway-platform.js';
import { newWebhookSecret } from '../../src/core/webhook-signature.js';
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
const kind = process.env.DB_KIND === 'postgres' ? 'postgres' : 'pglite';
/** A simulator as a server instance runs it: only while it holds the lock (retried quickly here). */
const instanceOn = (db: Database, lockRetryMs = 20) =>
  new SimulatedTradingServer(db.db, {
    clock,
    log: quiet,
    lock: () => db.tryAdvisoryLock(SIMULATOR_LOCK_KEY),
    lockRetryMs,
  });
const demoAccount = (clientId: string) => ({
  clientId,
  name: clientId,
  email: null,
  kind: 'demo' as const,
  currency: 'USD',
  leverage: 100,
});

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Ends the database session holding an advisory lock, as a network failure or a crash would. */
async function killHolder(db: Database, key: number): Promise<number> {
  const res = (await db.db.execute(sql`
    select pg_terminate_backend(pid) as killed from pg_locks
    where locktype = 'advisory' and granted and classid = 0 and objid = ${key} and objsubid = 1
      and database = (select oid from pg_database where datname = current_database())`)) as unknown as {
    rows: unknown[];
  };
  return res.rows.length;
}

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

  it('an advisory lock has one holder; a lock whose session ends is lost and takes no more writes', async () => {
    const first = await database.tryAdvisoryLock(SIMULATOR_LOCK_KEY + 1);
    expect(first).not.toBeNull();
    expect(await database.tryAdvisoryLock(SIMULATOR_LOCK_KEY + 1)).toBeNull();
    if (kind === 'postgres') {
      expect(await killHolder(database, SIMULATOR_LOCK_KEY + 1)).toBe(1);
      await first!.lost;
      await expect(first!.db.execute(sql`select 1`)).rejects.toThrow();
    } else {
      await first!.release();
    }
    const second = await database.tryAdvisoryLock(SIMULATOR_LOCK_KEY + 1);
    expect(second).not.toBeNull();
    await second!.release();
  });

  it('runs on one instance at a time: the other answers 503 and takes over when the first stops', async () => {
    const a = instanceOn(database);
    const b = instanceOn(database);
    const events = { a: recorder(a), b: recorder(b) };
    await a.start();
    await b.start();
    try {
      expect([a.leading, b.leading]).toEqual([true, false]);
      const opened = await a.openAccount(demoAccount('c-lock-1'));
      for (const command of [
        () => b.openAccount(demoAccount('c-lock-2')),
        () => b.balanceOperation(opened.login, { id: 'dep-b', kind: 'deposit', amount: 5 }),
        () => b.readAccount(opened.login),
        () => b.positions(opened.login),
      ])
        await expect(command()).rejects.toMatchObject({ status: 503, code: 'platform_unavailable' });
      expect(() => b.login(opened.login)).toThrow(/another instance/);
      a.login(opened.login);
      await a.flush();
      // A retry while the lock is held changes nothing.
      await new Promise((r) => setTimeout(r, 60));
      expect([a.leading, b.leading]).toEqual([true, false]);

      await a.stop();
      await until(() => b.leading, 'the second instance takes over');
      // What the first saved is what the second runs; logins and sequence numbers continue.
      expect(await b.readAccount(opened.login)).toMatchObject({ login: opened.login, online: true });
      const next = await b.openAccount(demoAccount('c-lock-2'));
      expect(Number(next.login)).toBe(Number(opened.login) + 1);
      await b.balanceOperation(opened.login, { id: 'dep-b', kind: 'deposit', amount: 5 });
      await b.flush();
      const seqs = [...events.a.events, ...events.b.events]
        .filter((e) => e.account === opened.login)
        .map((e) => e.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect(events.b.events.some((e) => e.account === opened.login && e.type === 'balance')).toBe(true);
      await expect(a.readAccount(opened.login)).rejects.toMatchObject({ status: 503 });
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it.runIf(kind === 'postgres')(
    'a leader whose lock session dies stops at once, and another instance takes over',
    async () => {
      // The first retries slowly, so it is the second that takes over here.
      const a = instanceOn(database, 60_000);
      const b = instanceOn(database);
      await a.start();
      await b.start();
      try {
        expect([a.leading, b.leading]).toEqual([true, false]);
        const opened = await a.openAccount(demoAccount('c-lost-1'));
        expect(await killHolder(database, SIMULATOR_LOCK_KEY)).toBe(1);
        await until(() => !a.leading, 'the first instance notices');
        await expect(a.openAccount(demoAccount('c-lost-2'))).rejects.toMatchObject({
          status: 503,
          code: 'platform_unavailable',
        });
        await until(() => b.leading, 'the second instance takes over');
        expect(await b.readAccount(opened.login)).toMatchObject({ login: opened.login });
        const next = await b.openAccount(demoAccount('c-lost-2'));
        expect(Number(next.login)).toBe(Number(opened.login) + 1);
        expect([a.leading, b.leading]).toEqual([false, true]);
      } finally {
        await a.stop();
        await b.stop();
      }
    },
  );
});
