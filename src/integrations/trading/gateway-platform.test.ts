import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import { GatewayTradingPlatform } from './gateway-platform.js';
import { startGatewayFacade } from './simulator/http-facade.js';
import { SimulatedTradingServer } from './simulator/sim-server.js';
import { MemorySimStorage } from './simulator/store.js';
import { newWebhookSecret, signWebhook, type SignedHeaders } from '../../core/webhook-signature.js';

const secret = newWebhookSecret();
const clock = new ManualClock(new Date('2026-03-02T10:00:00Z'));
const sim = new SimulatedTradingServer(new MemorySimStorage(), { clock, log: { warn: () => {} } });
let facade: Awaited<ReturnType<typeof startGatewayFacade>>;
let gateway: GatewayTradingPlatform;

beforeAll(async () => {
  await sim.load();
  // Rotation: the facade accepts an old and the new secret; the adapter signs with the first it is given.
  facade = await startGatewayFacade(sim, { secrets: () => [newWebhookSecret(), secret] });
  gateway = new GatewayTradingPlatform({ url: `${facade.url}/`, secret: () => secret });
});
afterAll(() => facade?.close());

const request = {
  clientId: 'c1',
  name: 'Ann Trader',
  email: 'ann@example.com',
  currency: 'USD',
  leverage: 200,
};

describe('gateway trading platform (against the reference facade over the simulator)', () => {
  it('opens accounts, posts balance operations and reads accounts, positions and deals', async () => {
    expect(gateway.name).toBe('gateway');
    const opened = await gateway.openAccount({ ...request, kind: 'live' });
    expect(opened).toMatchObject({ login: '1000001', server: 'BrokerDesk-Live' });
    expect(opened.password).toHaveLength(12);

    const state = await gateway.balanceOperation(opened.login, {
      id: 'op-1',
      kind: 'deposit',
      amount: 5_000,
    });
    expect(state).toEqual({
      balance: 5_000,
      credit: 0,
      equity: 5_000,
      margin: 0,
      freeMargin: 5_000,
      marginLevel: null,
    });
    // Idempotent by id, also through the gateway.
    expect(
      await gateway.balanceOperation(opened.login, { id: 'op-1', kind: 'deposit', amount: 5_000 }),
    ).toEqual(state);

    sim.setPrice('EURUSD', 1.1);
    const pos = sim.openPosition(opened.login, { symbol: 'EURUSD', side: 'buy', volume: 1, stopLoss: 1.05 });
    sim.setPrice('EURUSD', 1.101);
    expect(await gateway.readAccount(opened.login)).toEqual({
      login: opened.login,
      kind: 'live',
      currency: 'USD',
      leverage: 200,
      online: false,
      balance: 5_000,
      credit: 0,
      equity: 5_100,
      margin: 550.5,
      freeMargin: 4549.5,
      marginLevel: 926.43,
    });
    expect(await gateway.positions(opened.login)).toEqual([
      { ...pos, currentPrice: 1.101, profit: 100, stopLoss: 1.05, takeProfit: null },
    ]);
    clock.advance(60_000);
    sim.closePosition(opened.login, pos.id);
    const deals = await gateway.deals(opened.login, {});
    expect(deals.map((d) => [d.entry, d.profit, d.at])).toEqual([
      ['in', 0, '2026-03-02T10:00:00.000Z'],
      ['out', 100, '2026-03-02T10:01:00.000Z'],
    ]);
    expect(await gateway.deals(opened.login, { from: new Date('2026-03-02T10:00:30Z') })).toHaveLength(1);
    expect(await gateway.deals(opened.login, { to: new Date('2026-03-02T10:00:30Z') })).toHaveLength(1);
  });

  it("passes the platform's refusals on to the user as they are", async () => {
    const { login } = await gateway.openAccount({ ...request, kind: 'demo' });
    const tooMuch = await gateway
      .balanceOperation(login, { id: 'wd', kind: 'withdrawal', amount: -1_000_000 })
      .catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(AppError);
    expect(tooMuch).toMatchObject({ status: 409, code: 'insufficient_free_margin', field: 'amount' });
    await expect(gateway.readAccount('999')).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await expect(gateway.openAccount({ ...request, kind: 'demo', currency: 'XYZ' })).rejects.toMatchObject({
      status: 400,
      code: 'bad_currency',
      field: 'currency',
    });
    // Malformed for the command schema: the facade answers 400 before the platform sees it.
    await expect(gateway.openAccount({ ...request, kind: 'demo', leverage: 1.5 })).rejects.toMatchObject({
      status: 400,
      code: 'bad_request',
    });
  });

  it('is refused by the gateway with a wrong secret, and reports the platform unavailable', async () => {
    const wrong = new GatewayTradingPlatform({ url: facade.url, secret: () => newWebhookSecret() });
    const err = await wrong.readAccount('1000001').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, code: 'platform_unavailable' });
    expect((err as Error).message).toMatch(/refused our signature/);

    const down = new GatewayTradingPlatform({
      url: 'http://127.0.0.1:9',
      secret: () => secret,
      timeoutMs: 2_000,
    });
    await expect(down.readAccount('1000001')).rejects.toMatchObject({
      status: 502,
      code: 'platform_unavailable',
    });
  });

  it('facade: refuses unsigned, stale, wrongly signed and replayed commands', async () => {
    const body = JSON.stringify({ login: '1000001' });
    const post = (headers: Partial<SignedHeaders>) =>
      fetch(`${facade.url}/commands/readAccount`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    expect((await post({})).status).toBe(401);
    expect(await (await post(signWebhook(newWebhookSecret(), 'cmd_a', body))).json()).toMatchObject({
      code: 'bad_signature',
    });
    const stale = await post(signWebhook(secret, 'cmd_b', body, new Date(Date.now() - 10 * 60_000)));
    expect(await stale.json()).toMatchObject({ code: 'stale_timestamp' });
    const signed = signWebhook(secret, 'cmd_c', body);
    expect((await post(signed)).status).toBe(200);
    const replay = await post(signed);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ code: 'replayed' });
    const unknown = await fetch(`${facade.url}/commands/dropDatabase`, { method: 'POST', body });
    expect(unknown.status).toBe(404);
  });

  it('does not pull events: a gateway pushes them to the ingestion API', () => {
    const unsubscribe = gateway.subscribe();
    expect(typeof unsubscribe).toBe('function');
    unsubscribe();
  });
});
