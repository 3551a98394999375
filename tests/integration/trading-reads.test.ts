import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { tradingAccounts, tradingAlerts } from '../../src/modules/trading/schema.js';
import { setClientPaymentTrouble } from '../../src/modules/clients/index.js';
import type {
  AccountState,
  PlatformEvent,
  PlatformEventInput,
} from '../../src/modules/trading/platform-events.js';
import { platformEventSchema } from '../../src/modules/trading/platform-events.js';
import { SimulatedTradingServer } from '../../src/integrations/trading/simulator/sim-server.js';
import {
  ApiClient,
  createStaff,
  signedInAdmin,
  startTestServer,
  type TestServer,
} from '../support/server.js';

// The staff and cabinet reads of trading accounts, against exactly known data: accounts are opened
// through the API (on the simulated platform), and their activity is fed straight into the ingestion
// service as hand-written platform events.

const system = { id: null, ip: null };
const MIN = 60_000;

let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
let t0: number;
/** Two desks, a manager each; desk A also has a team lead. */
let deskA: { teamId: string; manager: Staff; lead: Staff };
let deskB: { teamId: string; manager: Staff };
type Staff = Awaited<ReturnType<typeof createStaff>> & { api: ApiClient };

beforeAll(async () => {
  server = await startTestServer({ env: { SIMULATED_TRADERS: 'false' } });
  t0 = server.clock.now().getTime();
  admin = await signedInAdmin(server);
  const signIn = async (user: Awaited<ReturnType<typeof createStaff>>) => ({
    ...user,
    api: await login(user.email, user.password),
  });
  const lead = await createStaff(server.ctx, 'team_lead');
  const teamA = await server.ctx.teams.create(system, { name: 'Desk A', kind: 'sales', leadId: lead.id });
  const teamB = await server.ctx.teams.create(system, { name: 'Desk B', kind: 'sales', leadId: null });
  deskA = {
    teamId: teamA.id,
    manager: await signIn(await createStaff(server.ctx, 'sales_manager', { teamId: teamA.id })),
    lead: await signIn(lead),
  };
  deskB = {
    teamId: teamB.id,
    manager: await signIn(await createStaff(server.ctx, 'sales_manager', { teamId: teamB.id })),
  };
});
afterAll(async () => {
  await server?.close();
});

async function login(email: string, password: string) {
  const api = new ApiClient(server.app);
  const res = await api.login(email, password);
  if (res.body?.status !== 'ok') throw new Error(JSON.stringify(res.body));
  return api;
}

const uniq = () => randomBytes(4).toString('hex');
const at = (minutesAgo: number) => new Date(t0 - minutesAgo * MIN).toISOString();

/** A lead of `manager`, with a live (or demo) account opened by them; returns the ids and the login. */
async function clientWithAccount(manager: Staff, kind: 'live' | 'demo' = 'live') {
  const lead = await manager.api.call('POST', '/api/clients', {
    name: `Client ${uniq()}`,
    email: `c.${uniq()}@example.test`,
    country: 'ID',
    source: 'phone',
  });
  if (lead.status !== 201) throw new Error(JSON.stringify(lead.body));
  const opened = await manager.api.call('POST', `/api/clients/${lead.body.id}/accounts`, { kind });
  if (opened.status !== 201) throw new Error(JSON.stringify(opened.body));
  const account = opened.body.account as { id: string; login: string };
  return { clientId: lead.body.id as string, accountId: account.id, feed: new Feed(account.login) };
}

type EventBody = PlatformEventInput extends infer E
  ? E extends unknown
    ? Omit<E, 'id' | 'account' | 'seq'>
    : never
  : never;

/**
 * Hand-written platform events for one account, numbered on from the highest sequence number the
 * CRM has seen for it (the simulator may have reported the account's opening already).
 */
class Feed {
  private seq = 0;
  constructor(readonly login: string) {}

  async send(...events: EventBody[]) {
    if (this.seq === 0) {
      // Whatever the simulator reported of the opening (a demo deposit) is delivered first.
      const platform = server.ctx.tradingPlatform;
      if (platform instanceof SimulatedTradingServer) await platform.flush();
      this.seq = await highestSeq(this.login);
    }
    const batch = events.map(
      (e) =>
        platformEventSchema.parse({
          ...e,
          id: `test-${this.login}-${uniq()}`,
          account: this.login,
          seq: ++this.seq,
        }) as PlatformEvent,
    );
    const result = await server.ctx.tradingIngest.ingest(batch);
    expect(result).toMatchObject({ accepted: batch.length, unknownAccounts: [] });
  }
}

async function highestSeq(login: string): Promise<number> {
  const [row] = await server.ctx.database.db
    .select({ seq: tradingAccounts.seqHigh })
    .from(tradingAccounts)
    .where(eq(tradingAccounts.login, login));
  return row?.seq ?? 0;
}

const state = (s: Partial<AccountState> & Pick<AccountState, 'balance' | 'equity'>): AccountState => ({
  credit: 0,
  margin: 0,
  freeMargin: s.equity,
  marginLevel: null,
  ...s,
});

describe('account, positions, deals, balance operations and equity', () => {
  let acct: Awaited<ReturnType<typeof clientWithAccount>>;
  const symbols = ['EURUSD', 'GBPUSD', 'XAUUSD'];

  beforeAll(async () => {
    acct = await clientWithAccount(deskA.manager);
    await acct.feed.send(
      {
        type: 'balance',
        at: at(180),
        op: { id: 'dep-1', kind: 'deposit', amount: 5000, comment: 'Bank transfer' },
        state: state({ balance: 5000, equity: 5000 }),
      },
      { type: 'account', at: at(120), state: state({ balance: 5000, equity: 5100 }) },
      { type: 'account', at: at(50), state: state({ balance: 5000, equity: 4900 }) },
      {
        type: 'balance',
        at: at(40),
        op: { id: 'wd-1', kind: 'withdrawal', amount: -500 },
        state: state({ balance: 4500, equity: 4400 }),
      },
      {
        type: 'balance',
        at: at(30),
        op: { id: 'cr-1', kind: 'credit', amount: 200, comment: 'Bonus' },
        state: state({ balance: 4500, credit: 200, equity: 4600 }),
      },
      // 25 deals, one a minute from 100 minutes ago: symbols rotate, sides alternate, every fourth closes.
      ...Array.from({ length: 25 }, (_, i) => ({
        type: 'deal' as const,
        at: at(100 - i),
        deal: {
          id: `d-${String(i).padStart(2, '0')}`,
          positionId: `p-${i}`,
          symbol: symbols[i % 3]!,
          side: i % 2 ? ('sell' as const) : ('buy' as const),
          entry: i % 4 === 0 ? ('out' as const) : ('in' as const),
          volume: 0.1,
          price: 1.1 + i / 100,
          profit: i % 4 === 0 ? -10 : 0,
        },
      })),
      position('P1', 'EURUSD', 'buy', 20),
      position('P2', 'GBPUSD', 'sell', 10),
      position('P3', 'XAUUSD', 'buy', 15),
      position('P3', 'XAUUSD', 'buy', 15, { at: at(5), closed: true }),
      {
        type: 'account',
        at: at(1),
        state: { balance: 4500, credit: 200, equity: 4650, margin: 100, freeMargin: 4550, marginLevel: 4650 },
      },
    );
  });

  function position(
    id: string,
    symbol: string,
    side: 'buy' | 'sell',
    minutesAgo: number,
    update: { at?: string; closed?: boolean } = {},
  ) {
    return {
      type: 'position' as const,
      at: update.at ?? at(minutesAgo),
      position: {
        id,
        symbol,
        side,
        volume: 0.5,
        openPrice: 1.2,
        currentPrice: 1.21,
        stopLoss: null,
        takeProfit: 1.3,
        profit: 5,
        swap: -0.1,
        openedAt: at(minutesAgo),
        closed: update.closed ?? false,
      },
    };
  }

  it('shows the mirrored state with floating profit and the count of open positions', async () => {
    const res = await deskA.manager.api.call('GET', `/api/trading/accounts/${acct.accountId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: acct.accountId,
      clientId: acct.clientId,
      kind: 'live',
      balance: 4500,
      credit: 200,
      equity: 4650,
      margin: 100,
      freeMargin: 4550,
      marginLevel: 4650,
      netDeposits: 4500,
      floatingProfit: -50,
      openPositions: 2,
      stateAt: at(1),
      lastTradeAt: at(76),
    });
    const list = await deskA.manager.api.call('GET', `/api/clients/${acct.clientId}/accounts`);
    expect(list.body).toEqual([res.body]);
  });

  it('lists open positions newest first; a closed one is gone', async () => {
    const res = await deskA.manager.api.call('GET', `/api/trading/accounts/${acct.accountId}/positions`);
    expect(res.status).toBe(200);
    expect(res.body.map((p: { positionId: string }) => p.positionId)).toEqual(['P2', 'P1']);
    expect(res.body[0]).toEqual({
      positionId: 'P2',
      symbol: 'GBPUSD',
      side: 'sell',
      volume: 0.5,
      openPrice: 1.2,
      currentPrice: 1.21,
      stopLoss: null,
      takeProfit: 1.3,
      profit: 5,
      swap: -0.1,
      openedAt: at(10),
    });
  });

  it('pages deals newest first and filters by symbol, side, entry and time', async () => {
    const deals = (query: string) =>
      deskA.manager.api.call('GET', `/api/trading/accounts/${acct.accountId}/deals${query}`);
    const ids = (res: { body: { items: { dealId: string }[] } }) => res.body.items.map((d) => d.dealId);

    const first = await deals('?pageSize=10');
    expect(first.body).toMatchObject({ total: 25, page: 1, pageSize: 10 });
    expect(ids(first)).toEqual(Array.from({ length: 10 }, (_, k) => `d-${24 - k}`));
    expect(first.body.items[0]).toEqual({
      dealId: 'd-24',
      positionId: 'p-24',
      symbol: 'EURUSD',
      side: 'buy',
      entry: 'out',
      volume: 0.1,
      price: 1.34,
      profit: -10,
      commission: 0,
      swap: 0,
      executedAt: at(76),
    });
    const last = await deals('?pageSize=10&page=3');
    expect(ids(last)).toEqual(['d-04', 'd-03', 'd-02', 'd-01', 'd-00']);
    expect((await deals('?pageSize=10&page=4')).body).toMatchObject({ items: [], total: 25 });

    const eur = await deals('?symbol=eurusd&pageSize=50');
    expect(ids(eur)).toEqual(['d-24', 'd-21', 'd-18', 'd-15', 'd-12', 'd-09', 'd-06', 'd-03', 'd-00']);
    expect(eur.body.total).toBe(9);
    expect((await deals('?side=sell')).body.total).toBe(12);
    expect(ids(await deals('?entry=out'))).toEqual(['d-24', 'd-20', 'd-16', 'd-12', 'd-08', 'd-04', 'd-00']);
    expect(ids(await deals('?symbol=GBPUSD&side=buy'))).toEqual(['d-22', 'd-16', 'd-10', 'd-04']);
    // from and to are inclusive.
    const window = await deals(
      `?from=${encodeURIComponent(at(90))}&to=${encodeURIComponent(at(80))}&pageSize=50`,
    );
    expect(ids(window)).toEqual(Array.from({ length: 11 }, (_, k) => `d-${20 - k}`));

    for (const [query, field] of [
      [`?from=${encodeURIComponent(at(10))}&to=${encodeURIComponent(at(20))}`, 'to'],
      ['?side=long', 'side'],
      ['?entry=inout', 'entry'],
      ['?from=yesterday', 'from'],
      ['?pageSize=500', 'pageSize'],
      ['?page=0', 'page'],
      ['?sort=price', 'sort'],
    ] as const) {
      const res = await deals(query);
      expect(res.status, query).toBe(400);
      expect(res.body.field, query).toBe(field);
    }
  });

  it('pages balance operations newest first and filters by kind', async () => {
    const ops = (query: string) =>
      deskA.manager.api.call('GET', `/api/trading/accounts/${acct.accountId}/balance-ops${query}`);
    const all = await ops('');
    expect(all.body).toEqual({
      items: [
        { opId: 'cr-1', kind: 'credit', amount: 200, comment: 'Bonus', executedAt: at(30) },
        { opId: 'wd-1', kind: 'withdrawal', amount: -500, comment: null, executedAt: at(40) },
        { opId: 'dep-1', kind: 'deposit', amount: 5000, comment: 'Bank transfer', executedAt: at(180) },
      ],
      total: 3,
      page: 1,
      pageSize: 25,
    });
    const second = await ops('?pageSize=2&page=2');
    expect(second.body).toMatchObject({ items: [{ opId: 'dep-1' }], total: 3 });
    const withdrawals = await ops('?kind=withdrawal');
    expect(withdrawals.body).toMatchObject({ items: [{ opId: 'wd-1', amount: -500 }], total: 1 });
    expect((await ops('?kind=bonus')).status).toBe(400);
  });

  it('charts equity in the range, oldest first, ending with the current state', async () => {
    const equity = (range?: string) =>
      deskA.manager.api.call(
        'GET',
        `/api/trading/accounts/${acct.accountId}/equity${range ? `?range=${range}` : ''}`,
      );
    const minute = (minutesAgo: number) =>
      new Date(Math.floor((t0 - minutesAgo * MIN) / MIN) * MIN).toISOString();
    const now = { at: new Date(t0).toISOString(), balance: 4500, equity: 4650 };
    const hour = await equity('1h');
    expect(hour.body).toEqual([
      { at: minute(50), balance: 5000, equity: 4900 },
      { at: minute(40), balance: 4500, equity: 4400 },
      { at: minute(30), balance: 4500, equity: 4600 },
      { at: minute(1), balance: 4500, equity: 4650 },
      now,
    ]);
    // A day is charted in five-minute buckets, each stamped with its start and holding its last point.
    const fiveMinutes = (iso: string) =>
      new Date(Math.floor(Date.parse(iso) / (5 * MIN)) * 5 * MIN).toISOString();
    const day = await equity();
    expect(day.body.map((p: { at: string }) => p.at)).toEqual([
      ...[180, 120, 50, 40, 30, 1].map((m) => fiveMinutes(minute(m))),
      now.at,
    ]);
    expect(day.body.at(-2)).toMatchObject({ balance: 4500, equity: 4650 });
    expect((await equity('1y')).status).toBe(400);
  });

  it('is not found for a manager who cannot see the client; readable for the team lead and support', async () => {
    const paths = ['', '/positions', '/deals', '/balance-ops', '/equity'];
    for (const path of paths) {
      const res = await deskB.manager.api.call('GET', `/api/trading/accounts/${acct.accountId}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe('not_found');
      expect(
        (await deskA.lead.api.call('GET', `/api/trading/accounts/${acct.accountId}${path}`)).status,
      ).toBe(200);
    }
    expect((await deskB.manager.api.call('GET', `/api/clients/${acct.clientId}/accounts`)).status).toBe(404);
    const support = await createStaff(server.ctx, 'support_agent');
    const supportApi = await login(support.email, support.password);
    expect((await supportApi.call('GET', `/api/trading/accounts/${acct.accountId}/deals`)).status).toBe(200);
    const missing = await deskA.manager.api.call('GET', `/api/trading/accounts/${crypto.randomUUID()}`);
    expect(missing.status).toBe(404);
    expect((await deskA.manager.api.call('GET', '/api/trading/accounts/123')).status).toBe(400);
    expect(
      (await new ApiClient(server.app).call('GET', `/api/trading/accounts/${acct.accountId}`)).status,
    ).toBe(401);
  });
});

describe('Online now', () => {
  /** Clients by name in the order the view lists them. */
  const order = async (api: ApiClient, query = '') => {
    const res = await api.call('GET', `/api/trading/online${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: { clientId: string; priority: number }[]; total: number };
  };
  const names = new Map<string, string>();
  const ids = (page: { items: { clientId: string }[] }) => page.items.map((i) => names.get(i.clientId));

  beforeAll(async () => {
    // Exactly one alert rule, so the open alerts are known: a live balance under 500.
    const rules = await admin.api.call('GET', '/api/trading/alert-rules');
    for (const rule of (rules.body.items ?? rules.body) as { id: string }[]) {
      const off = await admin.api.call('PATCH', `/api/trading/alert-rules/${rule.id}`, { active: false });
      expect(off.status).toBe(200);
    }
    const rule = await admin.api.call('POST', '/api/trading/alert-rules', {
      kind: 'low_balance',
      name: 'Balance under 500',
      params: { amount: 500 },
    });
    expect(rule.status).toBe(201);
    const evaluate = () => server.ctx.tradingAlerts.evaluateDirty();

    // Each client logs in to the terminal at a known time, then reports a state.
    const online = async (
      name: string,
      manager: Staff,
      minutesAgo: number,
      s: AccountState,
      kind: 'live' | 'demo' = 'live',
    ) => {
      const c = await clientWithAccount(manager, kind);
      names.set(c.clientId, name);
      await c.feed.send(
        { type: 'login', at: at(minutesAgo) },
        { type: 'account', at: at(minutesAgo - 1), state: s },
      );
      return c;
    };
    // Balance under 500: an open alert, although its margin level is comfortable.
    await online(
      'alerted',
      deskA.manager,
      30,
      state({ balance: 400, equity: 400, marginLevel: 900, margin: 44 }),
    );
    // Its alert was raised and cleared again: it no longer counts.
    const lowMargin = await online('lowMargin', deskA.manager, 20, state({ balance: 400, equity: 400 }));
    await evaluate();
    await lowMargin.feed.send({
      type: 'account',
      at: at(2),
      state: state({ balance: 1000, equity: 1000, marginLevel: 150, margin: 666 }),
    });
    await evaluate();
    // An alert clears once its condition has stayed recovered for a while (alerts/hysteresis.ts). Moving
    // the clock would end the terminal sessions this view is about, so that while is backdated instead.
    await server.ctx.database.db
      .update(tradingAlerts)
      .set({ recoveringSince: sql`${tradingAlerts.recoveringSince} - interval '1 hour'` })
      .where(eq(tradingAlerts.clientId, lowMargin.clientId));
    await online('losing', deskA.manager, 25, state({ balance: 1000, equity: 900 }));
    await online('calmOld', deskA.manager, 40, state({ balance: 1000, equity: 1200 }));
    await online('calmNew', deskA.manager, 10, state({ balance: 1000, equity: 1200 }));
    await online(
      'otherDesk',
      deskB.manager,
      15,
      state({ balance: 1000, equity: 1000, marginLevel: 120, margin: 833 }),
    );
    // Not listed: logged out again, and a Demo client online on a demo account.
    const gone = await online(
      'gone',
      deskA.manager,
      35,
      state({ balance: 1000, equity: 100, marginLevel: 50 }),
    );
    await gone.feed.send({ type: 'logout', at: at(5) });
    await online('demo', deskA.manager, 35, state({ balance: 1000, equity: 100, marginLevel: 50 }), 'demo');
    await evaluate();
    const alerts = await deskA.manager.api.call('GET', `/api/clients/${lowMargin.clientId}/alerts`);
    expect(alerts.body.map((a: { clearedAt: string | null }) => a.clearedAt !== null)).toEqual([true]);
  });

  it('puts open alerts first, then low margin level and floating loss; ties by longest online', async () => {
    const all = await order(admin.api);
    expect(ids(all)).toEqual(['alerted', 'otherDesk', 'lowMargin', 'losing', 'calmOld', 'calmNew']);
    expect(all.total).toBe(6);
    expect(all.items.map((i) => i.priority)).toEqual([1000, 380, 350, 30, 0, 0]);
    const alerted = all.items[0]!;
    expect(alerted).toMatchObject({
      name: expect.stringMatching(/^Client /),
      managerId: deskA.manager.id,
      managerName: deskA.manager.name,
      country: 'ID',
      onlineSince: at(30),
      currency: 'USD',
      equity: 400,
      balance: 400,
      marginLevel: 900,
      floatingProfit: 0,
      openAlerts: 1,
    });
    expect(all.items[3]).toMatchObject({ floatingProfit: -100, openAlerts: 0 });

    const page2 = await order(admin.api, '?pageSize=2&page=2');
    expect(ids(page2)).toEqual(['lowMargin', 'losing']);
    expect(page2.total).toBe(6);
  });

  it('ranks deposit trouble like an open alert, and drops it again once cleared', async () => {
    const calmNew = [...names].find(([, n]) => n === 'calmNew')![0];
    const db = server.ctx.database.db;
    await setClientPaymentTrouble(db, calmNew, 'declined', new Date());
    try {
      const all = await order(admin.api);
      // Same 1000 as the alerted client; the tie goes to whoever has been online longer.
      expect(ids(all).slice(0, 2)).toEqual(['alerted', 'calmNew']);
      expect(all.items[1]).toMatchObject({ priority: 1000, openAlerts: 0, paymentProblem: 'declined' });
      expect(all.items[0]).toMatchObject({ paymentProblem: null });
    } finally {
      await setClientPaymentTrouble(db, calmNew, null, new Date());
    }
    expect(ids(await order(admin.api)).at(-1)).toBe('calmNew');
  });

  it('shows each viewer only the clients in their scope', async () => {
    expect(ids(await order(deskB.manager.api))).toEqual(['otherDesk']);
    expect(ids(await order(deskA.manager.api))).toEqual([
      'alerted',
      'lowMargin',
      'losing',
      'calmOld',
      'calmNew',
    ]);
    expect(ids(await order(deskA.lead.api))).toEqual([
      'alerted',
      'lowMargin',
      'losing',
      'calmOld',
      'calmNew',
    ]);
    expect(ids(await order(admin.api, `?managerId=${deskB.manager.id}`))).toEqual(['otherDesk']);
    // A manager cannot widen their scope by naming another manager.
    expect(ids(await order(deskA.manager.api, `?managerId=${deskB.manager.id}`))).toEqual([]);
    const bad = await deskA.manager.api.call('GET', '/api/trading/online?managerId=nobody');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('managerId');
  });
});
