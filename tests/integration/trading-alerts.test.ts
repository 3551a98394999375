import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { events, notifications, tradingAccounts, tradingDeals } from '../../src/db/schema.js';
import { DAY_MS } from '../../src/modules/trading/alerts/conditions.js';
import type { PlatformEvent } from '../../src/modules/trading/platform-events.js';
import { AlertEvaluator } from '../../src/modules/trading/alerts/evaluator.js';
import { raiseAlerts } from '../../src/modules/trading/alerts/alert-writer.js';
import { CLEAR_AFTER_MS } from '../../src/modules/trading/alerts/hysteresis.js';
import { alertFixtures } from '../support/alerts.js';
import { ApiClient, signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';
import { TestSocket } from '../support/socket.js';

let server: TestServer;
let admin: Awaited<ReturnType<typeof signedInAdmin>>;
let manager: Awaited<ReturnType<typeof signedIn>>;
let otherManager: Awaited<ReturnType<typeof signedIn>>;

const uniq = () => randomBytes(4).toString('hex');
const { db, clientWithAccount, setState, alertsOf, tasksOf, eventsOf } = alertFixtures(() => server);
/** Past the time an alert's condition must stay recovered before it clears. */
const clearTimePasses = () => server.clock.advance(CLEAR_AFTER_MS);

beforeAll(async () => {
  server = await startTestServer();
  admin = await signedInAdmin(server);
  manager = await signedIn(server, 'retention_manager');
  otherManager = await signedIn(server, 'retention_manager');
});
afterAll(() => server?.close());

describe('alert rules', () => {
  it('a fresh install has the default rules, readable by managers', async () => {
    const res = await manager.api.call('GET', '/api/trading/alert-rules');
    expect(res.status).toBe(200);
    expect(res.body.map((r: any) => [r.name, r.kind, r.accountKind, r.active, r.params])).toEqual([
      ['Low equity', 'low_equity', 'live', true, { percentOfDeposits: 30 }],
      ['Margin call', 'margin_call', 'live', true, {}],
      ['Stop-out', 'stop_out', 'live', true, {}],
      ['No trading for 14 days', 'no_trading', 'live', true, { days: 14 }],
      ['Large loss', 'large_loss', 'live', true, { loss: 1000 }],
    ]);
    // Installed once: starting again over the same database adds nothing.
    expect(await server.ctx.tradingAlerts.ensureDefaultRules()).toBe(false);
    expect((await manager.api.call('GET', '/api/trading/alert-rules')).body).toHaveLength(5);
  });

  it('validates parameters per kind, naming the field', async () => {
    const post = (body: unknown) => admin.api.call('POST', '/api/trading/alert-rules', body);
    const cases: [unknown, string][] = [
      [{ kind: 'low_balance', name: 'Low', params: {} }, 'params.amount'],
      [{ kind: 'low_equity', name: 'Low', params: { amount: 100, percentOfDeposits: 20 } }, 'params.amount'],
      [{ kind: 'no_trading', name: 'Idle', params: {} }, 'params.days'],
      [{ kind: 'large_loss', name: 'Loss', params: {} }, 'params.loss'],
      [{ kind: 'stop_out', name: 'Stop', params: { days: 3 } }, 'params.days'],
      [{ kind: 'low_balance', name: 'Low', params: { amount: -5 } }, 'params.amount'],
      [{ kind: 'no_trading', name: 'Idle', params: { days: 1.5 } }, 'params.days'],
      [{ kind: 'low_balance', name: '', params: { amount: 5 } }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field, JSON.stringify(body)).toBe(field);
    }
  });

  it('admins create, change and delete rules; every change is audited', async () => {
    const created = await admin.api.call('POST', '/api/trading/alert-rules', {
      kind: 'low_balance',
      name: 'Balance under 50',
      accountKind: 'demo',
      params: { amount: 50 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'low_balance', accountKind: 'demo', active: true });
    const id = created.body.id as string;

    // PATCH changes only what it names; params are replaced whole and re-validated.
    const renamed = await admin.api.call('PATCH', `/api/trading/alert-rules/${id}`, { name: 'Balance low' });
    expect(renamed.body).toMatchObject({ name: 'Balance low', accountKind: 'demo', params: { amount: 50 } });
    const noParams = await admin.api.call('PATCH', `/api/trading/alert-rules/${id}`, { params: {} });
    expect(noParams.status).toBe(400);
    expect(noParams.body.field).toBe('params.amount');
    const toKind = await admin.api.call('PATCH', `/api/trading/alert-rules/${id}`, { kind: 'no_trading' });
    expect(toKind.body.field).toBe('params.amount'); // the old params do not fit the new kind
    const replaced = await admin.api.call('PUT', `/api/trading/alert-rules/${id}`, {
      kind: 'no_trading',
      name: 'Idle a month',
      params: { days: 30 },
      active: false,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ kind: 'no_trading', accountKind: 'live', active: false });

    expect((await admin.api.call('DELETE', `/api/trading/alert-rules/${id}`)).status).toBe(204);
    expect((await admin.api.call('DELETE', `/api/trading/alert-rules/${id}`)).status).toBe(404);
    expect((await admin.api.call('PATCH', `/api/trading/alert-rules/${id}`, { name: 'x' })).status).toBe(404);

    const audit = await db().select().from(events).where(eq(events.subjectId, id));
    expect(audit.map((e) => [e.type, e.actorId])).toEqual([
      ['trading.alert_rule_created', admin.admin.id],
      ['trading.alert_rule_updated', admin.admin.id],
      ['trading.alert_rule_updated', admin.admin.id],
      ['trading.alert_rule_deleted', admin.admin.id],
    ]);
    expect(audit[0]!.audience).toEqual({ permissions: ['settings.write'] });
  });

  it('managers and team leads cannot change rules', async () => {
    const [rule] = (await manager.api.call('GET', '/api/trading/alert-rules')).body;
    const sales = await signedIn(server, 'sales_manager');
    const lead = await signedIn(server, 'team_lead');
    for (const api of [sales.api, lead.api]) {
      const body = { kind: 'stop_out', name: 'Mine' };
      expect((await api.call('POST', '/api/trading/alert-rules', body)).status).toBe(403);
      expect((await api.call('PATCH', `/api/trading/alert-rules/${rule.id}`, { active: false })).status).toBe(
        403,
      );
      expect((await api.call('PUT', `/api/trading/alert-rules/${rule.id}`, body)).status).toBe(403);
      expect((await api.call('DELETE', `/api/trading/alert-rules/${rule.id}`)).status).toBe(403);
    }
    expect((await new ApiClient(server.app).call('GET', '/api/trading/alert-rules')).status).toBe(401);
  });
});

describe('low equity with hysteresis (default rule: 30 % of 10,000 deposited → line 3,000, clears at 3,300)', () => {
  it('raises once with a task and a notification for the manager, holds while flapping, clears above the band, raises again', async () => {
    const { client, account } = await clientWithAccount(manager.user.id);
    const socket = await TestSocket.open(server.url, manager.api.jar.header());

    await setState(account.id, { equity: 2812.4 });
    await server.ctx.tradingAlerts.evaluateDirty();
    let open = (await alertsOf(manager.api, client.id, '?open=true')).body;
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      ruleName: 'Low equity',
      kind: 'low_equity',
      accountId: account.id,
      login: account.login,
      value: 2812.4,
      threshold: 3000,
      clearedAt: null,
    });
    const firstId = open[0].id;

    // The task is the manager's, due now, and carries the numbers.
    const [task] = await tasksOf(client.id);
    expect(task).toMatchObject({
      id: open[0].taskId,
      assigneeId: manager.user.id,
      title: `Low equity on ${account.login}: 2,812.40 USD (< 3,000.00)`,
      doneAt: null,
    });
    // Created through the clients' face, the task is on the timeline like one staff add (by the system).
    const created = await eventsOf(client.id, 'client.task_created');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ actorId: null, actorKind: 'system' });
    expect(created[0]!.payload).toMatchObject({ taskId: task!.id, assigneeId: manager.user.id });
    // The manager hears about it live and finds it in the notification centre.
    const live = await socket.next((m) => m.notification?.type === 'trading.alert_raised');
    expect(live.event!.payload).toMatchObject({
      alertId: firstId,
      kind: 'low_equity',
      ruleName: 'Low equity',
      login: account.login,
      value: 2812.4,
      threshold: 3000,
      clientName: client.name,
    });
    const notes = await db()
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, manager.user.id), eq(notifications.type, 'trading.alert_raised')));
    expect(notes.filter((n) => n.payload.alertId === firstId)).toHaveLength(1);

    // Flapping around the line, inside the band: nothing new.
    for (const equity of [2900, 3100, 3299.99, 2500, 3200, 1000]) {
      await setState(account.id, { equity });
      await server.ctx.tradingAlerts.evaluateDirty();
    }
    let all = (await alertsOf(manager.api, client.id)).body;
    expect(all).toHaveLength(1);
    expect(all[0].clearedAt).toBeNull();
    expect(await tasksOf(client.id)).toHaveLength(1);
    expect(await eventsOf(client.id, 'trading.alert_raised')).toHaveLength(1);

    // Above the band: still open (it could dip again), showing the current value…
    await setState(account.id, { equity: 3300 });
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await alertsOf(manager.api, client.id, '?open=true')).body).toMatchObject([{ value: 3300 }]);
    // …until it has stayed there long enough: cleared, the task done, the card told (no second toast).
    clearTimePasses();
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await alertsOf(manager.api, client.id, '?open=true')).body).toEqual([]);
    const history = (await alertsOf(manager.api, client.id, '?open=false')).body;
    expect(history.map((a: any) => a.id)).toEqual([firstId]);
    expect((await tasksOf(client.id))[0]!.doneAt).not.toBeNull();
    expect((await eventsOf(client.id, 'client.task_done')).map((e) => e.payload.taskId)).toEqual([task!.id]);
    const clearedEvents = await eventsOf(client.id, 'trading.alert_cleared');
    expect(clearedEvents).toHaveLength(1);
    expect(clearedEvents[0]!.payload).toMatchObject({ alertId: firstId, reason: 'recovered' });
    expect(
      (await db().select().from(notifications).where(eq(notifications.eventId, clearedEvents[0]!.id))).length,
    ).toBe(0);

    // Falling again is a new condition: a new alert and a new task.
    server.clock.advance(60_000);
    await setState(account.id, { equity: 2000 });
    await server.ctx.tradingAlerts.evaluateDirty();
    all = (await alertsOf(manager.api, client.id)).body;
    expect(all).toHaveLength(2);
    open = all.filter((a: any) => a.clearedAt === null);
    expect(open).toHaveLength(1);
    expect(open[0].id).not.toBe(firstId);
    expect(await tasksOf(client.id)).toHaveLength(2);
    socket.close();
  });

  it('an evaluated account is marked checked and no longer dirty', async () => {
    const { client, account } = await clientWithAccount(manager.user.id);
    await setState(account.id, { equity: 100 });
    await server.ctx.tradingAlerts.evaluateDirty();
    const [row] = await db().select().from(tradingAccounts).where(eq(tradingAccounts.id, account.id));
    expect(row!.alertsDirtyAt).toBeNull();
    expect(row!.alertsCheckedAt).not.toBeNull();
    expect((await alertsOf(manager.api, client.id)).body).toHaveLength(1);
  });

  it('demo accounts are not watched by live rules', async () => {
    const { client, account } = await clientWithAccount(manager.user.id, { kind: 'demo' });
    await setState(account.id, { equity: 10 });
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await alertsOf(manager.api, client.id)).body).toEqual([]);
  });

  it('switching a rule off clears its open alerts and closes their tasks', async () => {
    const rule = (
      await admin.api.call('POST', '/api/trading/alert-rules', {
        kind: 'low_balance',
        name: 'Balance under 500',
        params: { amount: 500 },
      })
    ).body;
    const { client, account } = await clientWithAccount(manager.user.id);
    await setState(account.id, { balance: 400 });
    await server.ctx.tradingAlerts.evaluateDirty();
    const [alert] = (await alertsOf(manager.api, client.id, '?open=true')).body;
    expect(alert).toMatchObject({ ruleId: rule.id, value: 400, threshold: 500 });

    await admin.api.call('PATCH', `/api/trading/alert-rules/${rule.id}`, { active: false });
    expect((await alertsOf(manager.api, client.id, '?open=true')).body).toEqual([]);
    expect((await tasksOf(client.id))[0]!.doneAt).not.toBeNull();
    expect((await eventsOf(client.id, 'trading.alert_cleared'))[0]!.payload).toMatchObject({
      reason: 'rule_changed',
    });
    await admin.api.call('DELETE', `/api/trading/alert-rules/${rule.id}`);
  });
});

describe('one alert per condition, whoever evaluates', () => {
  it('several evaluators (as on several instances) racing over the same dirty accounts raise each alert once', async () => {
    const made = [];
    for (let i = 0; i < 12; i++) made.push(await clientWithAccount(manager.user.id));
    for (const { account } of made) await setState(account.id, { equity: 500 });
    const evaluators = [1, 2, 3].map(() => new AlertEvaluator(db(), server.clock, { batchSize: 4 }));
    await Promise.all(evaluators.map((e) => e.evaluateDirty()));
    await server.ctx.tradingAlerts.evaluateDirty();
    for (const { client } of made) {
      expect((await alertsOf(manager.api, client.id)).body).toHaveLength(1);
      expect(await tasksOf(client.id)).toHaveLength(1);
      expect(await eventsOf(client.id, 'trading.alert_raised')).toHaveLength(1);
    }
  });

  it('a second raise of an open condition writes nothing: no alert, task or notification', async () => {
    const { client, account } = await clientWithAccount(manager.user.id);
    const [rule] = (await manager.api.call('GET', '/api/trading/alert-rules')).body;
    const request = {
      rule: { id: rule.id, name: rule.name, kind: rule.kind },
      account,
      client,
      value: 1,
      threshold: 3000,
      details: {},
    };
    const raised = [];
    for (let i = 0; i < 2; i++)
      raised.push(await db().transaction((tx) => raiseAlerts(tx, [request], server.clock.now())));
    expect(raised).toEqual([1, 0]);
    expect(await tasksOf(client.id)).toHaveLength(1);
    expect(await eventsOf(client.id, 'trading.alert_raised')).toHaveLength(1);
  });
});

describe('who sees alerts', () => {
  it('another manager gets 404 for the client; an admin sees them', async () => {
    const { client, account } = await clientWithAccount(manager.user.id);
    await setState(account.id, { equity: 1 });
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await alertsOf(otherManager.api, client.id)).status).toBe(404);
    expect((await alertsOf(otherManager.api, client.id, '?open=true')).body.code).toBe('not_found');
    expect((await alertsOf(admin.api, client.id)).body).toHaveLength(1);
    expect((await alertsOf(manager.api, randomUUID())).status).toBe(404);
    expect((await alertsOf(manager.api, client.id, '?open=maybe')).status).toBe(400);
  });
});

describe('margin call, stop-out and large loss', () => {
  it('margin call: raised by the platform event, held inside the band, cleared above call level + 10 %', async () => {
    const { client, account } = await clientWithAccount(manager.user.id);
    await setState(account.id, { marginCallAt: server.clock.now(), marginLevel: 85, equity: 5000 });
    await server.ctx.tradingAlerts.evaluateDirty();
    const [alert] = (await alertsOf(manager.api, client.id, '?open=true')).body;
    expect(alert).toMatchObject({ kind: 'margin_call', value: 85, threshold: 100 });
    await setState(account.id, { marginLevel: 105 });
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await alertsOf(manager.api, client.id, '?open=true')).body).toHaveLength(1);
    await setState(account.id, { marginLevel: 110 });
    await server.ctx.tradingAlerts.evaluateDirty();
    clearTimePasses();
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await alertsOf(manager.api, client.id, '?open=true')).body).toEqual([]);
    // The same margin call does not come back once cleared.
    await setState(account.id, { marginLevel: 90 });
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await alertsOf(manager.api, client.id)).body).toHaveLength(1);
  });

  it('stop-out and large loss raise once per event', async () => {
    const { client, account } = await clientWithAccount(manager.user.id);
    const now = server.clock.now();
    await db()
      .insert(tradingDeals)
      .values([
        {
          accountId: account.id,
          dealId: 'D1',
          symbol: 'XAUUSD',
          side: 'sell',
          entry: 'out',
          volume: 1,
          price: 2000,
          profit: -1500,
          executedAt: now,
        },
        {
          accountId: account.id,
          dealId: 'D2',
          symbol: 'EURUSD',
          side: 'buy',
          entry: 'out',
          volume: 1,
          price: 1.1,
          profit: -200,
          executedAt: now,
        },
      ]);
    await setState(account.id, { stopOutAt: now, lastTradeAt: now });
    await server.ctx.tradingAlerts.evaluateDirty();
    await setState(account.id, {});
    await server.ctx.tradingAlerts.evaluateDirty();
    const alerts = (await alertsOf(manager.api, client.id)).body;
    expect(alerts.map((a: any) => a.kind).sort()).toEqual(['large_loss', 'stop_out']);
    expect(alerts.find((a: any) => a.kind === 'large_loss')).toMatchObject({
      value: -1500,
      threshold: -1000,
      details: { dealId: 'D1', symbol: 'XAUUSD' },
    });
    const titles = (await tasksOf(client.id)).map((t) => t.title).sort();
    expect(titles).toEqual([
      `Large loss on ${account.login}: -1,500.00 USD (≤ -1,000.00)`,
      `Stop-out on ${account.login}: equity 10,000.00 USD`,
    ]);
  });
});

describe('through ingestion', () => {
  it('a deposit and a falling equity reported by the platform raise the low-equity alert', async () => {
    const { client, account } = await clientWithAccount(manager.user.id, {
      balance: 0,
      equity: 0,
      freeMargin: 0,
      netDeposits: 0,
    });
    const at = () => server.clock.now().toISOString();
    const state = (equity: number): Extract<PlatformEvent, { type: 'account' }>['state'] => ({
      balance: 5000,
      credit: 0,
      equity,
      margin: 100,
      freeMargin: equity - 100,
      marginLevel: equity,
    });
    await server.ctx.tradingIngest.ingest([
      {
        id: `e-${uniq()}`,
        account: account.login,
        seq: 1,
        at: at(),
        type: 'balance',
        op: { id: `op-${uniq()}`, kind: 'deposit', amount: 5000 },
        state: state(5000),
      },
    ]);
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await alertsOf(manager.api, client.id)).body).toEqual([]);

    await server.ctx.tradingIngest.ingest([
      { id: `e-${uniq()}`, account: account.login, seq: 2, at: at(), type: 'account', state: state(1200) },
    ]);
    await server.ctx.tradingAlerts.evaluateDirty();
    const [alert] = (await alertsOf(manager.api, client.id, '?open=true')).body;
    expect(alert).toMatchObject({ kind: 'low_equity', value: 1200, threshold: 1500 });
  });
});

// Moves the shared clock far ahead: keep these last. Sessions expire meanwhile, so sign in again.
describe('time passing', () => {
  const signInAgain = async () => {
    const api = new ApiClient(server.app);
    expect((await api.login(manager.user.email, manager.user.password)).body.status).toBe('ok');
    return api;
  };

  it('no trading for 14 days is found by the sweep and cleared by a new trade', async () => {
    const { client, account } = await clientWithAccount(manager.user.id);
    await server.ctx.tradingAlerts.sweep();
    expect((await alertsOf(manager.api, client.id)).body).toEqual([]);

    server.clock.advance(14 * DAY_MS + 60_000);
    const api = await signInAgain();
    await server.ctx.tradingAlerts.sweep();
    const [alert] = (await alertsOf(api, client.id, '?open=true')).body;
    expect(alert).toMatchObject({ kind: 'no_trading', value: 14, threshold: 14 });
    await server.ctx.tradingAlerts.sweep();
    expect((await alertsOf(api, client.id)).body).toHaveLength(1);

    await setState(account.id, { lastTradeAt: server.clock.now() });
    await server.ctx.tradingAlerts.evaluateDirty();
    clearTimePasses();
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await alertsOf(api, client.id, '?open=true')).body).toEqual([]);
  });

  it('event alerts clear themselves after a day without new events', async () => {
    const { client, account } = await clientWithAccount(manager.user.id);
    let api = await signInAgain();
    await setState(account.id, { stopOutAt: server.clock.now() });
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await alertsOf(api, client.id, '?open=true')).body).toHaveLength(1);
    server.clock.advance(DAY_MS - 60_000);
    api = await signInAgain();
    await server.ctx.tradingAlerts.sweep();
    expect((await alertsOf(api, client.id, '?open=true')).body).toHaveLength(1);
    server.clock.advance(60_000);
    api = await signInAgain();
    await server.ctx.tradingAlerts.sweep();
    clearTimePasses();
    await server.ctx.tradingAlerts.evaluateDirty();
    expect((await alertsOf(api, client.id, '?open=true')).body).toEqual([]);
    expect((await alertsOf(api, client.id)).body).toHaveLength(1);
  });
});
