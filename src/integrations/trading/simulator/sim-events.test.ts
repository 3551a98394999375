import { describe, expect, it } from 'vitest';
import type { PlatformEvent } from '../../../modules/trading/index.js';
import { accepted, expectCleanStream, open, record, setup, types } from './sim-server.fixtures.js';
import { MemorySimStorage } from './store.js';

describe('simulated trading server: event stream', () => {
  it('throttles price-driven updates to one per interval, and only when something changed', async () => {
    const { sim, clock } = await setup({ stateIntervalMs: 2_000 });
    const { received } = record(sim);
    const { login } = await open(sim);
    sim.openPosition(login, { symbol: 'EURUSD', side: 'buy', volume: 1 });
    await sim.flush();
    const after = received.length;
    for (let i = 0; i < 5; i++) sim.tick();
    await sim.flush();
    expect(received.length).toBe(after);

    clock.advance(2_000);
    sim.tick();
    await sim.flush();
    expect(types(received.slice(after))).toEqual(['position', 'account']);

    clock.advance(2_000);
    sim.setPrice('EURUSD', sim.market.price('EURUSD')); // no change: nothing to report
    await sim.flush();
    expect(received.length).toBe(after + 2);
    expectCleanStream(received);
  });

  it('sends a heartbeat while logged in and nothing else happens', async () => {
    const { sim, clock } = await setup({ heartbeatMs: 60_000 });
    const { received } = record(sim);
    const { login } = await open(sim);
    sim.login(login, '203.0.113.9');
    sim.login(login); // already logged in: nothing
    clock.advance(59_000);
    sim.tick();
    clock.advance(1_000);
    sim.tick();
    clock.advance(30_000);
    sim.tick();
    sim.logout(login);
    clock.advance(120_000);
    sim.tick();
    await sim.flush();
    expectCleanStream(received);
    expect(types(received)).toEqual(['balance', 'login', 'heartbeat', 'logout']);
    expect(received[1]).toMatchObject({ type: 'login', ip: '203.0.113.9' });
    expect(received[2]!.at).toBe('2026-03-02T10:01:00.000Z');
  });

  it('keeps a rejected batch and sends it again, in order, with nothing lost', async () => {
    const { sim } = await setup();
    const received: PlatformEvent[] = [];
    let calls = 0;
    sim.subscribe(async (batch) => {
      calls += 1;
      if (calls === 1) throw new Error('database is restarting');
      received.push(...batch);
      return accepted(batch);
    });
    const { login } = await open(sim);
    sim.login(login);
    sim.openPosition(login, { symbol: 'US500', side: 'buy', volume: 1 });
    await sim.flush();
    expect(received).toEqual([]);
    expect(sim.pendingEvents).toBe(5);
    sim.logout(login);
    await sim.flush();
    expect(types(received)).toEqual(['balance', 'login', 'deal', 'position', 'account', 'logout']);
    expectCleanStream(received);
    expect(sim.pendingEvents).toBe(0);
  });

  it('resends the events of an account the consumer did not know yet, a moment later and in order', async () => {
    const { sim, delivery } = await setup({ unknownRetryMs: 1_000 });
    const known = new Set<string>();
    const received: PlatformEvent[] = [];
    sim.subscribe(async (batch) => {
      const unknown = [...new Set(batch.map((e) => e.account))].filter((a) => !known.has(a));
      received.push(...batch.filter((e) => known.has(e.account)));
      return accepted(batch, unknown);
    });
    const a = await open(sim);
    const b = await open(sim);
    known.add(b.login);
    await sim.flush();
    expect(received.map((e) => e.account)).toEqual([b.login]);

    // The CRM writes A's row now; A's events wait for the retry delay even though a flush happens.
    known.add(a.login);
    sim.login(a.login);
    sim.login(b.login);
    await sim.flush();
    expect(received.map((e) => [e.account, e.type])).toEqual([
      [b.login, 'balance'],
      [b.login, 'login'],
    ]);
    delivery.t += 1_000;
    await sim.flush();
    expect(types(received, a.login)).toEqual(['balance', 'login']);
    expectCleanStream(received);
    expect(sim.pendingEvents).toBe(0);
  });

  it('gives up on an account the consumer never learns about, with a warning', async () => {
    const { sim, delivery, warnings } = await setup({ unknownRetryMs: 1_000, unknownGiveUpMs: 120_000 });
    let sent = 0;
    sim.subscribe(async (batch) => {
      sent += batch.length;
      return accepted(batch, [...new Set(batch.map((e) => e.account))]);
    });
    await open(sim);
    for (let i = 0; i < 4 * 130; i++) {
      await sim.flush();
      delivery.t += 250;
    }
    expect(sim.pendingEvents).toBe(0);
    expect(warnings).toEqual([
      'the consumer still does not know this account; its platform events were dropped',
    ]);
    // Retried about once a second for two minutes, not on every one of the 520 flushes.
    expect(sent).toBeGreaterThan(100);
    expect(sent).toBeLessThan(130);
  });

  it('sends batches of at most batchSize, each only after the accounts it describes are saved', async () => {
    const storage = new MemorySimStorage();
    const { sim } = await setup({ batchSize: 3, storage });
    const sizes: number[] = [];
    const received: PlatformEvent[] = [];
    sim.subscribe(async (batch) => {
      sizes.push(batch.length);
      for (const e of batch)
        expect((storage.rows.get(e.account)?.seq as number) ?? 0).toBeGreaterThanOrEqual(e.seq);
      received.push(...batch);
      return accepted(batch);
    });
    const { login } = await open(sim);
    sim.login(login);
    for (const symbol of ['EURUSD', 'GBPUSD', 'BTCUSD'])
      sim.openPosition(login, { symbol, side: 'buy', volume: 0.1 });
    sim.logout(login);
    await sim.flush();
    expect(Math.max(...sizes)).toBe(3);
    expect(received).toHaveLength(1 + 1 + 3 * 3 + 1);
    expectCleanStream(received);
  });
});

describe('simulated trading server: restart', () => {
  it('comes back with the same accounts, positions, sequence numbers and undelivered events', async () => {
    const storage = new MemorySimStorage();
    const first = await setup({ storage });
    const a = await open(first.sim);
    const b = await open(first.sim, 'live');
    await first.sim.balanceOperation(b.login, { id: 'd1', kind: 'deposit', amount: 700 });
    first.sim.login(a.login);
    const pos = first.sim.openPosition(a.login, { symbol: 'GBPUSD', side: 'sell', volume: 0.5 });
    first.sim.setPrice('GBPUSD', 1.26);
    // Nobody consumed these yet: they must survive the restart.
    await first.sim.stop();
    const before = await first.sim.readAccount(a.login);

    const second = await setup({ storage });
    const { received } = record(second.sim);
    expect(second.sim.logins().sort()).toEqual([b.login, a.login]);
    expect(await second.sim.readAccount(a.login)).toEqual(before);
    expect(await second.sim.readAccount(b.login)).toMatchObject({ balance: 700, online: false });
    expect(await second.sim.positions(a.login)).toMatchObject([
      { id: pos.id, openPrice: 1.27, currentPrice: 1.26 },
    ]);
    expect(await second.sim.deals(a.login, {})).toHaveLength(1);
    await second.sim.flush();
    expectCleanStream(received);
    // The old events first, then a heartbeat for the session that is still open.
    expect(types(received, a.login)).toEqual([
      'balance',
      'login',
      'deal',
      'position',
      'account',
      'position',
      'account',
      'heartbeat',
    ]);
    expect((await open(second.sim)).login).toBe('5000002');
    expect((await open(second.sim, 'live')).login).toBe('1000002');
    // Ticket numbers continue too.
    const next = second.sim.openPosition(a.login, { symbol: 'EURUSD', side: 'buy', volume: 0.1 });
    expect(Number(next.id)).toBeGreaterThan(Number(pos.id) + 1);
  });
});
