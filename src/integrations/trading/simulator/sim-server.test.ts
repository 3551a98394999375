import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../core/clock.js';
import { AppError } from '../../../core/errors.js';
import {
  platformEventSchema,
  type IngestResult,
  type PlatformEvent,
} from '../../../modules/trading/platform-events.js';
import { SimulatedTradingServer, type SimulatorOptions } from './sim-server.js';
import { MemorySimStorage } from './store.js';

const accepted = (batch: PlatformEvent[], unknownAccounts: string[] = []): IngestResult => ({
  accepted: batch.length,
  duplicates: 0,
  unknownAccounts,
  gaps: [],
});

/** A simulator on memory storage with a manual clock and a manual delivery clock. */
async function setup(opts: SimulatorOptions & { storage?: MemorySimStorage } = {}) {
  const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
  const delivery = { t: 0 };
  const warnings: string[] = [];
  const storage = opts.storage ?? new MemorySimStorage();
  const sim = new SimulatedTradingServer(storage, {
    clock,
    seed: 42,
    deliveryNow: () => delivery.t,
    log: { warn: (_obj, msg) => warnings.push(msg) },
    ...opts,
  });
  await sim.load();
  return { sim, clock, delivery, warnings, storage };
}

/** Subscribes a consumer that acknowledges everything and records what arrived. */
function record(sim: SimulatedTradingServer) {
  const received: PlatformEvent[] = [];
  const batches: number[] = [];
  sim.subscribe(async (batch) => {
    batches.push(batch.length);
    received.push(...batch);
    return accepted(batch);
  });
  return { received, batches };
}

const open = (sim: SimulatedTradingServer, kind: 'demo' | 'live' = 'demo', currency = 'USD') =>
  sim.openAccount({ clientId: 'c1', name: 'Trader', email: null, kind, currency, leverage: 100 });

/** Every event parses with the wire schema, and each account's sequence runs 1, 2, 3… without a hole. */
function expectCleanStream(events: PlatformEvent[]) {
  const last = new Map<string, number>();
  for (const e of events) {
    expect(platformEventSchema.parse(e)).toEqual(e);
    expect(e.id).toBe(`${e.account}-${e.seq}`);
    expect(e.seq).toBe((last.get(e.account) ?? 0) + 1);
    last.set(e.account, e.seq);
  }
}

const types = (events: PlatformEvent[], account?: string) =>
  events.filter((e) => !account || e.account === account).map((e) => e.type);

describe('simulated trading server: accounts', () => {
  it('numbers demo and live accounts apart, hands out credentials once, funds demo accounts', async () => {
    const { sim } = await setup();
    const { received } = record(sim);
    const demo = await open(sim);
    const demo2 = await open(sim, 'demo', 'IDR');
    const live = await open(sim, 'live');
    expect([demo.login, demo2.login, live.login]).toEqual(['5000001', '5000002', '1000001']);
    expect(demo.server).toBe('BrokerDesk-Demo');
    expect(live.server).toBe('BrokerDesk-Live');
    for (const p of [demo.password, demo.investorPassword, live.password])
      expect(p).toMatch(/^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9]{12}$/);
    expect(demo.password).not.toBe(demo.investorPassword);

    expect(await sim.readAccount(demo.login)).toMatchObject({ kind: 'demo', balance: 10_000, online: false });
    // Scaled to the currency, so a rupiah demo account can trade too.
    expect((await sim.readAccount(demo2.login)).balance).toBe(160_000_000);
    expect((await sim.readAccount(live.login)).balance).toBe(0);

    await sim.flush();
    expectCleanStream(received);
    expect(received.map((e) => [e.account, e.type])).toEqual([
      [demo.login, 'balance'],
      [demo2.login, 'balance'],
    ]);
    const deposit = received[0]!;
    expect(deposit.type === 'balance' && deposit.op).toMatchObject({ kind: 'deposit', amount: 10_000 });
    expect(deposit.type === 'balance' && deposit.state.equity).toBe(10_000);
  });

  it('posts balance operations once per id and refuses a withdrawal above the free margin', async () => {
    const { sim } = await setup();
    const { received } = record(sim);
    const { login } = await sim.openAccount({
      clientId: 'c1',
      name: 'Live',
      email: null,
      kind: 'live',
      currency: 'EUR',
      leverage: 100,
    });
    const state = await sim.balanceOperation(login, { id: 'dep-1', kind: 'deposit', amount: 2_000 });
    expect(state).toMatchObject({ balance: 2_000, equity: 2_000, freeMargin: 2_000, marginLevel: null });
    expect(await sim.balanceOperation(login, { id: 'dep-1', kind: 'deposit', amount: 2_000 })).toEqual(state);
    await sim.balanceOperation(login, { id: 'bonus', kind: 'credit', amount: 500 });

    // 1 lot EURUSD at 1.085, leverage 100: 1,085 USD = 998.20 EUR of margin.
    sim.openPosition(login, { symbol: 'EURUSD', side: 'buy', volume: 1 });
    const before = await sim.readAccount(login);
    expect(before).toMatchObject({
      balance: 2_000,
      credit: 500,
      equity: 2_500,
      margin: 998.2,
      freeMargin: 1501.8,
    });
    const refused = await sim
      .balanceOperation(login, { id: 'wd-1', kind: 'withdrawal', amount: -1_600 })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 409, code: 'insufficient_free_margin' });
    expect((refused as Error).message).toMatch(/1600\.00 EUR exceeds the free margin of 1501\.80 EUR/);
    await expect(
      sim.balanceOperation(login, { id: 'wd-2', kind: 'withdrawal', amount: 100 }),
    ).rejects.toMatchObject({ code: 'bad_amount' });
    expect(
      (await sim.balanceOperation(login, { id: 'wd-3', kind: 'withdrawal', amount: -1_500 })).balance,
    ).toBe(500);

    await sim.flush();
    expectCleanStream(received);
    expect(
      received.filter((e) => e.type === 'balance').map((e) => (e.type === 'balance' ? e.op.id : '')),
    ).toEqual(['dep-1', 'bonus', 'wd-3']);
  });

  it('opens and closes positions with deals, floating profit, and a refusal without enough margin', async () => {
    const { sim } = await setup();
    const { received } = record(sim);
    const { login } = await open(sim);
    sim.market.setPrice('EURUSD', 1.1);
    const pos = sim.openPosition(login, { symbol: 'EURUSD', side: 'sell', volume: 2, takeProfit: 1.05 });
    expect(pos).toMatchObject({ side: 'sell', volume: 2, openPrice: 1.1, profit: 0, closed: false });
    expect(() => sim.openPosition(login, { symbol: 'EURUSD', side: 'buy', volume: 50 })).toThrow(
      expect.objectContaining({ code: 'not_enough_money' }),
    );
    expect(() => sim.openPosition(login, { symbol: 'EURUSD', side: 'buy', volume: 0.001 })).toThrow(
      expect.objectContaining({ code: 'bad_volume' }),
    );
    sim.setPrice('EURUSD', 1.09);
    expect(await sim.positions(login)).toMatchObject([{ id: pos.id, currentPrice: 1.09, profit: 2_000 }]);
    const closed = sim.closePosition(login, pos.id);
    expect(closed).toMatchObject({ closed: true, profit: 2_000 });
    expect(await sim.positions(login)).toEqual([]);
    expect((await sim.readAccount(login)).balance).toBe(12_000);
    const deals = await sim.deals(login, {});
    expect(deals.map((d) => [d.entry, d.side, d.price, d.profit])).toEqual([
      ['in', 'sell', 1.1, 0],
      ['out', 'buy', 1.09, 2_000],
    ]);
    expect(await sim.deals(login, { from: new Date('2030-01-01') })).toEqual([]);

    await sim.flush();
    expectCleanStream(received);
    expect(types(received)).toEqual([
      'balance',
      'deal',
      'position',
      'account',
      'position', // the forced update after setPrice
      'account',
      'deal',
      'position',
      'account',
    ]);
    expect(received.at(-2)).toMatchObject({ type: 'position', position: { id: pos.id, closed: true } });
  });

  it('closes a position that reaches its take profit or stop loss', async () => {
    const { sim } = await setup();
    const { login } = await open(sim);
    sim.setPrice('XAUUSD', 2300);
    const tp = sim.openPosition(login, { symbol: 'XAUUSD', side: 'buy', volume: 0.1, takeProfit: 2310 });
    const sl = sim.openPosition(login, { symbol: 'XAUUSD', side: 'sell', volume: 0.1, stopLoss: 2320 });
    sim.setPrice('XAUUSD', 2311);
    expect((await sim.positions(login)).map((p) => p.id)).toEqual([sl.id]);
    sim.setPrice('XAUUSD', 2325);
    expect(await sim.positions(login)).toEqual([]);
    // +110 on the take profit, −250 on the stop loss.
    expect((await sim.readAccount(login)).balance).toBe(10_000 + 110 - 250);
    expect(tp.id).not.toBe(sl.id);
  });
});

describe('simulated trading server: margin', () => {
  it('reports a margin call once per crossing and again after the level recovered', async () => {
    const { sim } = await setup();
    const { received } = record(sim);
    const { login } = await open(sim);
    sim.setPrice('EURUSD', 1.085);
    // 5 lots: 5,425 of margin on 10,000 of equity (184 %).
    sim.openPosition(login, { symbol: 'EURUSD', side: 'buy', volume: 5 });
    sim.setPrice('EURUSD', 1.075); // equity 5,000 on 5,375 = 93 %
    sim.setPrice('EURUSD', 1.0745); // still under: no second call
    sim.setPrice('EURUSD', 1.085); // recovers: re-armed
    sim.setPrice('EURUSD', 1.075);
    await sim.flush();
    expectCleanStream(received);
    const calls = received.filter((e) => e.type === 'margin_call');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ state: { equity: 5_000, margin: 5_375, marginLevel: 93.02 } });
    expect(types(received)).not.toContain('stop_out');
  });

  it('stops out the most losing position first and stops once the level is above the stop-out level', async () => {
    const { sim } = await setup();
    const { received } = record(sim);
    const { login } = await open(sim);
    sim.setPrice('EURUSD', 1.085);
    sim.setPrice('XAUUSD', 2350);
    const eur = sim.openPosition(login, { symbol: 'EURUSD', side: 'buy', volume: 1 }); // margin 1,085
    const gold = sim.openPosition(login, { symbol: 'XAUUSD', side: 'buy', volume: 1 }); // margin 2,350
    sim.setPrice('XAUUSD', 2270); // equity 2,000 on 3,355: 59.6 % → margin call only
    await sim.flush();
    expect(types(received)).toContain('margin_call');
    expect(types(received)).not.toContain('stop_out');
    sim.setPrice('XAUUSD', 2262); // equity 1,200 on 3,347: 35.9 % → stop-out
    await sim.flush();
    expectCleanStream(received);
    const stop = received.find((e) => e.type === 'stop_out');
    // Closing the gold position (−8,800) leaves 1,200 on 1,085 of margin: 110.6 %.
    expect(stop).toMatchObject({
      closedPositions: [gold.id],
      state: { balance: 1_200, equity: 1_200, margin: 1_085, marginLevel: 110.6 },
    });
    expect((await sim.positions(login)).map((p) => p.id)).toEqual([eur.id]);
    // The forced close went out as a deal and a closing update before the stop-out report.
    const tail = types(received).slice(-3);
    expect(tail).toEqual(['deal', 'position', 'stop_out']);
    // The level recovered above the call level: a new fall is reported again.
    sim.setPrice('EURUSD', 1.0745); // equity 150 on 1,074.50 = 14 % → margin call, then stop-out
    await sim.flush();
    expect(types(received).filter((t) => t === 'margin_call')).toHaveLength(2);
    expect((await sim.readAccount(login)).marginLevel).toBeNull();
  });
});

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
