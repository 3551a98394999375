import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  clients,
  events as eventLog,
  tradingAccounts,
  tradingBalanceOps,
  tradingDeals,
  tradingEquityPoints,
  tradingGaps,
  tradingInbox,
  tradingPositions,
} from '../../src/db/schema.js';
import { newWebhookSecret } from '../../src/core/webhook-signature.js';
import { ApiClient, signedIn, startTestServer, type TestServer } from '../support/server.js';
import { TestSocket } from '../support/socket.js';
import { EventStream, clientWithAccount, signedBatch, state } from '../support/trading.js';

const secret = newWebhookSecret();
let server: TestServer;
let manager: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  server = await startTestServer({ env: { TRADING_WEBHOOK_SECRET: secret, PRESENCE_TIMEOUT_SECONDS: '60' } });
  manager = await signedIn(server, 'sales_manager');
});
afterAll(() => server?.close());

const db = () => server.ctx.database.db;
const accountRow = async (id: string) =>
  (await db().select().from(tradingAccounts).where(eq(tradingAccounts.id, id)))[0]!;
const post = (events: unknown, opts: { id?: string; at?: Date; secret?: string } = {}) => {
  const { body, headers } = signedBatch(opts.secret ?? secret, events, { at: server.clock.now(), ...opts });
  return new ApiClient(server.app).call('POST', '/api/trading/ingest', body, headers);
};

describe('applying platform events', () => {
  it('mirrors state, positions, deals and balance operations, and counts deposits once', async () => {
    const { account, login } = await clientWithAccount(server.ctx, { managerId: manager.user.id });
    const s = new EventStream(login);
    const position = {
      id: 'P1',
      symbol: 'EURUSD',
      side: 'buy' as const,
      volume: 1,
      openPrice: 1.1,
      currentPrice: 1.1,
      profit: 0,
      swap: 0,
      openedAt: '2026-11-20T10:00:03Z',
      closed: false,
    };
    const batch = [
      s.next('balance', {
        op: { id: 'D1', kind: 'deposit', amount: 5000 },
        state: state({ balance: 5000, equity: 5000, freeMargin: 5000 }),
      }),
      s.next('deal', {
        deal: {
          id: 'T1',
          positionId: 'P1',
          symbol: 'EURUSD',
          side: 'buy',
          entry: 'in',
          volume: 1,
          price: 1.1,
          profit: 0,
          commission: -7,
          swap: 0,
        },
      }),
      s.next('position', { position }),
      s.next('position', { position: { ...position, currentPrice: 1.095, profit: -500 } }),
      s.next('account', {
        state: state({ balance: 5000, equity: 4500, margin: 1100, freeMargin: 3400, marginLevel: 409.09 }),
      }),
    ];
    const first = await server.ctx.tradingIngest.ingest(batch);
    expect(first).toMatchObject({ accepted: 5, duplicates: 0, unknownAccounts: [], gaps: [] });

    const row = await accountRow(account.id);
    expect(row).toMatchObject({
      balance: 5000,
      equity: 4500,
      margin: 1100,
      marginLevel: 409.09,
      netDeposits: 5000,
      stateSeq: 5,
      seqContiguous: 5,
    });
    expect(row.alertsDirtyAt).not.toBeNull();
    const [pos] = await db()
      .select()
      .from(tradingPositions)
      .where(eq(tradingPositions.accountId, account.id));
    expect(pos).toMatchObject({ positionId: 'P1', profit: -500, currentPrice: 1.095, closed: false });
    expect(await db().select().from(tradingDeals).where(eq(tradingDeals.accountId, account.id))).toHaveLength(
      1,
    );
    expect(
      await db().select().from(tradingEquityPoints).where(eq(tradingEquityPoints.accountId, account.id)),
    ).toHaveLength(1);

    // The same batch again (a gateway retry): nothing changes, nothing is counted twice.
    const again = await server.ctx.tradingIngest.ingest(batch);
    expect(again).toMatchObject({ accepted: 0, duplicates: 5 });
    expect((await accountRow(account.id)).netDeposits).toBe(5000);
    expect(
      await db().select().from(tradingBalanceOps).where(eq(tradingBalanceOps.accountId, account.id)),
    ).toHaveLength(1);
  });

  it('never lets an older state overwrite a newer one', async () => {
    const { account, login } = await clientWithAccount(server.ctx);
    const s = new EventStream(login);
    const older = s.next('account', { state: state({ equity: 900 }) });
    const newer = s.next('account', { state: state({ equity: 800 }) });
    await server.ctx.tradingIngest.ingest([newer]);
    const late = await server.ctx.tradingIngest.ingest([older]);
    expect(late.accepted).toBe(1);
    expect(late.gaps).toEqual([]);
    expect(await accountRow(account.id)).toMatchObject({ equity: 800, stateSeq: 2, seqContiguous: 2 });
  });

  it('reports a gap, and closes it when the missing event arrives', async () => {
    const { account, login } = await clientWithAccount(server.ctx);
    const s = new EventStream(login);
    const [e1, e2, e3, e4] = [1, 2, 3, 4].map(() => s.next('heartbeat'));
    const first = await server.ctx.tradingIngest.ingest([e1!, e2!, e4!]);
    expect(first.gaps).toEqual([{ account: login, from: 3, to: 3 }]);
    expect(await db().select().from(tradingGaps).where(eq(tradingGaps.accountId, account.id))).toMatchObject([
      { fromSeq: 3, toSeq: 3, resolvedAt: null },
    ]);
    const second = await server.ctx.tradingIngest.ingest([e3!]);
    expect(second.gaps).toEqual([]);
    expect(await accountRow(account.id)).toMatchObject({ seqContiguous: 4, seqHigh: 4 });
    const [gap] = await db().select().from(tradingGaps).where(eq(tradingGaps.accountId, account.id));
    expect(gap).toMatchObject({ resolution: 'filled' });
  });

  it('lists events for unknown accounts without storing them', async () => {
    const s = new EventStream('no-such-login');
    const result = await server.ctx.tradingIngest.ingest([s.next('login')]);
    expect(result).toMatchObject({ accepted: 0, unknownAccounts: ['no-such-login'] });
    expect(
      await db().select().from(tradingInbox).where(eq(tradingInbox.eventId, 'no-such-login-1')),
    ).toHaveLength(0);
  });
});

describe('Online in the terminal', () => {
  it('tells the manager live when a Live client logs in, and when they leave', async () => {
    const { client, account, login } = await clientWithAccount(server.ctx, { managerId: manager.user.id });
    const socket = await TestSocket.open(server.url, manager.api.jar.header());
    const s = new EventStream(login);
    await server.ctx.tradingIngest.ingest([s.next('login', { ip: '203.0.113.9' })]);
    const online = await socket.next(
      (m) => m.event?.type === 'trading.client_online' && m.event.subjectId === client.id,
    );
    expect(online.notification).toBeDefined();
    expect(
      (await db().select().from(clients).where(eq(clients.id, client.id)))[0]!.onlineSince,
    ).not.toBeNull();

    await server.ctx.tradingIngest.ingest([s.next('account', { state: state({ equity: 990 }) })]);
    await socket.next(
      (m) =>
        m.type === 'live' &&
        (m as { data?: { accounts?: string[][] } }).data?.accounts?.some(([id]) => id === account.id) ===
          true,
    );

    await server.ctx.tradingIngest.ingest([s.next('logout')]);
    await socket.next((m) => m.event?.type === 'trading.client_offline' && m.event.subjectId === client.id);
    expect((await db().select().from(clients).where(eq(clients.id, client.id)))[0]!.onlineSince).toBeNull();
    socket.close();
  });

  it('does not show the icon for a demo account and keeps the client online while another account is', async () => {
    const demo = await clientWithAccount(server.ctx, { kind: 'demo' });
    await server.ctx.tradingIngest.ingest([new EventStream(demo.login).next('login')]);
    expect((await accountRow(demo.account.id)).online).toBe(true);
    expect(
      (await db().select().from(clients).where(eq(clients.id, demo.client.id)))[0]!.onlineSince,
    ).toBeNull();
  });

  it('ends a session the platform stopped reporting, and a later heartbeat brings it back', async () => {
    const { client, account, login } = await clientWithAccount(server.ctx, { managerId: manager.user.id });
    const s = new EventStream(login);
    await server.ctx.tradingIngest.ingest([s.next('login')]);
    server.clock.advance(30_000);
    expect(await server.ctx.presence.expireSilent()).toBe(0);
    server.clock.advance(31_000);
    expect(await server.ctx.presence.expireSilent()).toBeGreaterThanOrEqual(1);
    expect((await accountRow(account.id)).online).toBe(false);
    const offline = await db()
      .select()
      .from(eventLog)
      .where(and(eq(eventLog.type, 'trading.client_offline'), eq(eventLog.subjectId, client.id)));
    expect(offline[0]!.payload).toMatchObject({ reason: 'expired' });

    await server.ctx.tradingIngest.ingest([s.next('heartbeat')]);
    expect((await accountRow(account.id)).online).toBe(true);
  });
});

describe('POST /api/trading/ingest', () => {
  it('accepts a signed batch and answers a replayed webhook-id without writing anything', async () => {
    const { account, login } = await clientWithAccount(server.ctx);
    const s = new EventStream(login);
    const events = [s.next('login'), s.next('account', { state: state({ equity: 700 }) })];
    const ok = await post(events, { id: 'msg_replay_1' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ accepted: 2, duplicates: 0 });

    // The same batch again (a gateway retry): answered from the record, nothing applied twice.
    const replay = await post(events, { id: 'msg_replay_1' });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ accepted: 2, replayed: true });
    // The same id with another (validly signed) body: refused, nothing applied.
    const sneaky = await post([s.next('account', { state: state({ equity: 1 }) })], { id: 'msg_replay_1' });
    expect(sneaky.status).toBe(409);
    expect((await accountRow(account.id)).equity).toBe(700);
  });

  it('writes nothing for a wrong signature, an old timestamp or missing headers', async () => {
    const { account, login } = await clientWithAccount(server.ctx);
    const events = [new EventStream(login).next('account', { state: state({ equity: 5 }) })];
    const wrong = await post(events, { secret: newWebhookSecret() });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('bad_signature');
    const old = await post(events, { at: new Date(server.clock.now().getTime() - 10 * 60_000) });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('stale_timestamp');
    const bare = await new ApiClient(server.app).call('POST', '/api/trading/ingest', { events });
    expect(bare.status).toBe(401);
    expect(bare.body.code).toBe('missing_headers');
    expect((await accountRow(account.id)).stateSeq).toBe(0);
    expect(await db().select().from(tradingInbox).where(eq(tradingInbox.accountId, account.id))).toHaveLength(
      0,
    );
  });

  it('rejects a malformed batch with the offending field, and writes none of it', async () => {
    const { account, login } = await clientWithAccount(server.ctx);
    const s = new EventStream(login);
    const good = s.next('login');
    const bad = { ...s.next('heartbeat'), seq: -1 };
    const res = await post([good, bad]);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', field: 'events.1.seq' });
    const unknown = await post([{ ...good, colour: 'red' }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('unknown_field');
    expect(await db().select().from(tradingInbox).where(eq(tradingInbox.accountId, account.id))).toHaveLength(
      0,
    );
  });

  it('lets only admins read the signing secret and the ingestion status', async () => {
    const gateway = await manager.api.call('GET', '/api/trading/gateway');
    expect(gateway.status).toBe(403);
    const status = await manager.api.call('GET', '/api/trading/ingest/status');
    expect(status.status).toBe(403);
  });

  it('refuses values Postgres cannot store with the field named, before anything is written', async () => {
    const { account, login } = await clientWithAccount(server.ctx);
    const s = new EventStream(login);
    const cases: [unknown, string][] = [
      [{ ...s.next('heartbeat'), at: '0000-01-01T00:00:00Z' }, 'events.0.at'],
      [{ ...s.next('heartbeat'), at: '2026-11-20T10:00:00+23:00' }, 'events.0.at'],
      [{ ...s.next('login'), ip: 'a\u0000b' }, 'events.0.ip'],
      [{ ...s.next('heartbeat'), id: 'x\ud800' }, 'events.0.id'],
      [
        s.next('balance', { op: { id: 'B', kind: 'deposit', amount: 1e308 }, state: state() }),
        'events.0.op.amount',
      ],
    ];
    for (const [event, field] of cases) {
      const res = await post([event]);
      expect(res.status, field).toBe(400);
      expect(res.body.field).toBe(field);
    }
    expect(await db().select().from(tradingInbox).where(eq(tradingInbox.accountId, account.id))).toHaveLength(
      0,
    );
  });

  it('answers a signed request without a body with 400, and refuses a reused webhook-id with another body', async () => {
    const { headers } = signedBatch(secret, [], { at: server.clock.now() });
    const { 'content-type': _type, ...bare } = headers;
    const empty = await new ApiClient(server.app).call('POST', '/api/trading/ingest', undefined, bare);
    expect(empty.status).toBe(400);

    const { login } = await clientWithAccount(server.ctx);
    const s = new EventStream(login);
    expect((await post([s.next('heartbeat')], { id: 'msg_reuse' })).status).toBe(200);
    const reused = await post([s.next('heartbeat')], { id: 'msg_reuse' });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'webhook_id_reused', field: 'webhook-id' });
  });
});

describe('money and ordering edge cases', () => {
  it('counts one balance operation once even when it arrives twice in one batch under two event ids', async () => {
    const { account, login } = await clientWithAccount(server.ctx);
    const s = new EventStream(login);
    const op = { id: 'DEP-9', kind: 'deposit' as const, amount: 500 };
    const result = await server.ctx.tradingIngest.ingest([
      s.next('balance', { op, state: state({ balance: 500 }) }),
      s.next('balance', { op, state: state({ balance: 500 }) }),
    ]);
    expect(result.accepted).toBe(2);
    expect((await accountRow(account.id)).netDeposits).toBe(500);
    const noted = await db()
      .select()
      .from(eventLog)
      .where(and(eq(eventLog.type, 'trading.balance_operation'), eq(eventLog.subjectId, account.clientId)));
    expect(noted).toHaveLength(1);
  });

  it('moves ordering past gaps declared lost and does not report them again', async () => {
    const { account, login } = await clientWithAccount(server.ctx);
    const s = new EventStream(login);
    const all = Array.from({ length: 10 }, () => s.next('heartbeat'));
    const pick = (...seqs: number[]) => seqs.map((n) => all[n - 1]!);
    const first = await server.ctx.tradingIngest.ingest(pick(1, 2, 5, 6, 9, 10));
    expect(first.gaps).toEqual([
      { account: login, from: 3, to: 4 },
      { account: login, from: 7, to: 8 },
    ]);
    server.clock.advance(11 * 60_000);
    expect(await server.ctx.presence.declareLostGaps(600)).toBe(2);
    expect(await accountRow(account.id)).toMatchObject({ seqContiguous: 10, seqHigh: 10 });
    const next = await server.ctx.tradingIngest.ingest([s.next('heartbeat')]);
    expect(next.gaps).toEqual([]);
    const gaps = await db().select().from(tradingGaps).where(eq(tradingGaps.accountId, account.id));
    expect(gaps.map((g) => [g.fromSeq, g.toSeq, g.resolution])).toEqual(
      expect.arrayContaining([
        [3, 4, 'lost'],
        [7, 8, 'lost'],
      ]),
    );
    expect(gaps).toHaveLength(2);
  });
});
