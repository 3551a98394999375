import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import { expectCleanStream, open, record, setup, types } from './sim-server.fixtures.js';

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
