import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, mailOutbox } from '../../src/core/schema.js';
import { clients } from '../../src/modules/clients/schema.js';
import { SimulatedTradingServer } from '../../src/integrations/trading/simulator/sim-server.js';
import { AccountService } from '../../src/modules/trading/account-service.js';
import { tradingAccounts } from '../../src/modules/trading/schema.js';
import {
  ApiClient,
  createStaff,
  signedIn,
  signedInAdmin,
  startTestServer,
  type TestServer,
} from '../support/server.js';
import { TestSocket } from '../support/socket.js';

// Opening trading accounts from the cabinet and by staff, against the built-in simulated platform.
// Without SMTP_URL the mail stays in the outbox, sealed: the credentials are read back by opening it
// with the app's key (or, as an admin does, through the outbox API).

const system = { id: null, ip: null };

let server: TestServer;
/** Desk A gets Indonesian registrations, desk B Malaysian ones; each has one sales manager. */
let deskA: { teamId: string; manager: Awaited<ReturnType<typeof createStaff>> };
let deskB: { teamId: string; manager: Awaited<ReturnType<typeof createStaff>> };

beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'true', SIMULATED_TRADERS: 'false' } });
  const desk = async (name: string, country: string) => {
    const team = await server.ctx.teams.create(system, { name, kind: 'sales', leadId: null });
    const manager = await createStaff(server.ctx, 'sales_manager', { teamId: team.id });
    await server.ctx.assignmentRules.createRule(system, {
      name,
      countries: [country],
      languages: [],
      sources: [],
      teamId: team.id,
      active: true,
    });
    return { teamId: team.id, manager };
  };
  deskA = await desk('Desk A', 'ID');
  deskB = await desk('Desk B', 'MY');
});
afterAll(async () => {
  await server?.close();
});

const db = () => server.ctx.database.db;
const uniq = () => randomBytes(4).toString('hex');
const randomPhone = () => `+6281${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
let ipCounter = 0;
const freshIp = () => {
  ipCounter += 1;
  return { 'x-forwarded-for': `10.30.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}` };
};

async function staffApi(user: { email: string; password: string }) {
  const api = new ApiClient(server.app);
  const res = await api.login(user.email, user.password);
  if (res.body?.status !== 'ok') throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return api;
}

/** A trader registered in the cabinet (signed in), assigned to desk A unless `country` says otherwise. */
async function trader(country = 'ID') {
  const email = `trader.${uniq()}@example.test`;
  const api = new ApiClient(server.app);
  const res = await api.call(
    'POST',
    '/api/portal/register',
    {
      name: `Trader ${uniq()}`,
      email,
      phone: randomPhone(),
      country,
      language: 'en',
      password: 'correct-horse-battery',
      acceptTerms: true,
      acceptRisk: true,
    },
    freshIp(),
  );
  if (res.status !== 201) throw new Error(`register failed: ${JSON.stringify(res.body)}`);
  return { api, email, clientId: res.body.client.id as string };
}

const mailsTo = (email: string) =>
  db().select().from(mailOutbox).where(eq(mailOutbox.to, email)).orderBy(desc(mailOutbox.createdAt));

/** The body of a stored mail as it would be sent (sensitive bodies are stored sealed). */
const readable = (mail: { text: string }) => server.ctx.mailer.unseal(mail.text);

/** Confirms the trader's email with the link from the outbox, as the trader would. */
async function confirmEmail(email: string) {
  const mail = (await mailsTo(email)).find((m) => /confirm/i.test(m.subject))!;
  const token = readable(mail).match(/confirm\?token=([A-Za-z0-9_-]+)/)![1];
  const res = await new ApiClient(server.app).call('POST', '/api/portal/confirm-email', { token });
  expect(res.status).toBe(200);
}

const clientRow = async (id: string) => (await db().select().from(clients).where(eq(clients.id, id)))[0]!;
const eventsOf = (clientId: string, type: string) =>
  db()
    .select()
    .from(events)
    .where(and(eq(events.subjectType, 'client'), eq(events.subjectId, clientId), eq(events.type, type)));

describe('opening from the cabinet', () => {
  it('opens a demo account without a confirmed email: credentials once, virtual money, mailed', async () => {
    const t = await trader();
    const res = await t.api.call('POST', '/api/cabinet/accounts', { kind: 'demo' });
    expect(res.status).toBe(201);
    const { account, credentials } = res.body;
    expect(account).toMatchObject({
      clientId: t.clientId,
      platform: server.ctx.tradingPlatform.name,
      kind: 'demo',
      currency: 'USD',
      leverage: 100,
      balance: 10_000,
      equity: 10_000,
      floatingProfit: 0,
      openPositions: 0,
      online: false,
    });
    expect(credentials.login).toBe(account.login);
    expect(credentials.password).toEqual(expect.any(String));
    expect(credentials.investorPassword).toEqual(expect.any(String));
    expect(credentials.server).toEqual(expect.any(String));

    expect((await clientRow(t.clientId)).status).toBe('demo');
    const [opened] = await eventsOf(t.clientId, 'trading.account_opened');
    expect(opened).toMatchObject({
      actorId: t.clientId,
      actorKind: 'trader',
      payload: { accountId: account.id, login: account.login, kind: 'demo', currency: 'USD', leverage: 100 },
      audience: { users: [deskA.manager.id], teams: [deskA.teamId] },
    });

    const [mail] = (await mailsTo(t.email)).filter((m) => m.subject.includes(account.login));
    expect(mail).toMatchObject({ sensitive: true, subject: `Your demo trading account ${account.login}` });
    for (const secret of [credentials.password, credentials.investorPassword, credentials.server])
      expect(readable(mail!)).toContain(secret);

    const mine = await t.api.call('GET', '/api/cabinet/accounts');
    expect(mine.status).toBe(200);
    // The platform's own report of the deposit may have updated the mirror since; the account is the same.
    expect(mine.body).toMatchObject([
      { id: account.id, login: account.login, kind: 'demo', balance: 10_000 },
    ]);
  });

  it('refuses a live account until the email is confirmed; then the client turns Live on the manager’s screen', async () => {
    const t = await trader();
    const refused = await t.api.call('POST', '/api/cabinet/accounts', { kind: 'live' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('email_not_confirmed');
    expect(await db().select().from(tradingAccounts).where(eq(tradingAccounts.clientId, t.clientId))).toEqual(
      [],
    );

    await confirmEmail(t.email);
    const manager = await staffApi(deskA.manager);
    const socket = await TestSocket.open(server.url, manager.jar.header());
    try {
      const res = await t.api.call('POST', '/api/cabinet/accounts', {
        kind: 'live',
        currency: 'EUR',
        leverage: 30,
      });
      expect(res.status).toBe(201);
      const { account, credentials } = res.body;
      expect(account).toMatchObject({ kind: 'live', currency: 'EUR', leverage: 30 });

      const turned = await socket.next(
        (m) => m.event?.type === 'client.status_changed' && m.event.subjectId === t.clientId,
      );
      expect(turned.event!.payload).toMatchObject({
        from: 'demo',
        to: 'live',
        trigger: 'live_account_opened',
      });
      expect(turned.notification).toMatchObject({ payload: { clientId: t.clientId, to: 'live' } });
      const opened = await socket.next(
        (m) => m.event?.type === 'trading.account_opened' && m.event.subjectId === t.clientId,
      );
      expect(opened.notification).toMatchObject({
        type: 'trading.account_opened',
        payload: { clientId: t.clientId, login: account.login, kind: 'live' },
      });
      expect((await clientRow(t.clientId)).status).toBe('live');

      // The password is returned once and mailed; no later read, timeline entry or row carries it.
      const reads = [
        await t.api.call('GET', '/api/cabinet/accounts'),
        await manager.call('GET', `/api/clients/${t.clientId}/accounts`),
        await manager.call('GET', `/api/trading/accounts/${account.id}`),
        await manager.call('GET', `/api/clients/${t.clientId}/timeline`),
        await manager.call('GET', '/api/notifications'),
      ];
      for (const read of reads) {
        expect(read.status).toBe(200);
        expect(read.raw).toContain(account.login);
        expect(read.raw).not.toContain(credentials.password);
        expect(read.raw).not.toContain(credentials.investorPassword);
      }
      const stored = await db().execute(
        sql`select count(*)::int as n from events where payload::text like ${'%' + credentials.password + '%'}`,
      );
      expect((stored as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
      const [mail] = (await mailsTo(t.email)).filter((m) => m.subject.includes(account.login));
      expect(mail).toMatchObject({ sensitive: true, subject: `Your live trading account ${account.login}` });
      expect(readable(mail!)).toContain(credentials.password);
      expect(readable(mail!)).toContain(credentials.investorPassword);
    } finally {
      socket.close();
    }
  });

  it('answers 400 with the field for an unknown kind, currency or leverage, and for unknown fields', async () => {
    const t = await trader();
    for (const [body, field] of [
      [{ kind: 'gold' }, 'kind'],
      [{ kind: 'demo', currency: 'JPY' }, 'currency'],
      [{ kind: 'demo', leverage: 25 }, 'leverage'],
      [{ kind: 'demo', leverage: '100' }, 'leverage'],
      [{}, 'kind'],
      [{ kind: 'demo', password: 'mine' }, 'password'],
    ] as const) {
      const res = await t.api.call('POST', '/api/cabinet/accounts', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field, JSON.stringify(body)).toBe(field);
    }
    expect((await t.api.call('GET', '/api/cabinet/accounts')).body).toEqual([]);
  });

  it('allows three demo and three live accounts per client (409 beyond), counted per kind', async () => {
    const t = await trader();
    await confirmEmail(t.email);
    for (let i = 0; i < 3; i++) {
      expect((await t.api.call('POST', '/api/cabinet/accounts', { kind: 'demo' })).status).toBe(201);
    }
    const fourth = await t.api.call('POST', '/api/cabinet/accounts', { kind: 'demo' });
    expect(fourth.status).toBe(409);
    expect(fourth.body).toMatchObject({ code: 'account_limit_reached', field: 'kind', limit: 3 });
    // Concurrent requests cannot slip past the limit either.
    const live = await Promise.all(
      [1, 2, 3, 4].map(() => t.api.call('POST', '/api/cabinet/accounts', { kind: 'live' })),
    );
    expect(live.map((r) => r.status).sort()).toEqual([201, 201, 201, 409]);
    const held = await t.api.call('GET', '/api/cabinet/accounts');
    expect(held.body.map((a: { kind: string }) => a.kind).sort()).toEqual([
      'demo',
      'demo',
      'demo',
      'live',
      'live',
      'live',
    ]);
  });

  it('two instances on one database cannot push a client past the limit; extra platform accounts are logged', async () => {
    const t = await trader();
    // Two services as on two servers: each keeps its own in-process queue, both share the database.
    const warnings: Record<string, unknown>[] = [];
    const instance = () =>
      new AccountService(db(), server.clock, {
        platform: server.ctx.tradingPlatform,
        clients: server.ctx.clients,
        mailer: server.ctx.mailer,
        log: { warn: (obj) => warnings.push(obj as Record<string, unknown>) },
      });
    const [one, two] = [instance(), instance()];
    const opener = { kind: 'trader' as const, clientId: t.clientId, ip: null };
    const results = await Promise.allSettled(
      [one, two, one, two, one, two].map((s) =>
        s.open(opener, t.clientId, { kind: 'demo', currency: 'USD', leverage: 100 }),
      ),
    );
    const opened = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(opened).toHaveLength(3);
    expect(refused).toHaveLength(3);
    for (const err of refused) expect(err).toMatchObject({ status: 409, code: 'account_limit_reached' });
    const recorded = await db()
      .select()
      .from(tradingAccounts)
      .where(eq(tradingAccounts.clientId, t.clientId));
    expect(recorded).toHaveLength(3);

    // An account the platform opened but the limit refused is not recorded, and is reported by login.
    const sim = server.ctx.tradingPlatform as SimulatedTradingServer;
    const onPlatform = sim.logins().filter((l) => sim.account(l)!.clientId === t.clientId);
    const orphans = onPlatform.filter((l) => !recorded.some((a) => a.login === l));
    expect(onPlatform).toHaveLength(3 + orphans.length);
    expect(warnings.map((w) => w.login).sort()).toEqual(orphans.sort());
    for (const w of warnings) expect(w).toMatchObject({ clientId: t.clientId, kind: 'demo' });
  });

  it('needs a trader session; a staff session is not one', async () => {
    const anon = new ApiClient(server.app);
    expect((await anon.call('POST', '/api/cabinet/accounts', { kind: 'demo' })).status).toBe(401);
    expect((await anon.call('GET', '/api/cabinet/accounts')).status).toBe(401);
    const manager = await staffApi(deskA.manager);
    expect((await manager.call('GET', '/api/cabinet/accounts')).status).toBe(401);
  });
});

describe('opening by staff', () => {
  /** A lead the manager entered (no cabinet); the lead belongs to the manager who took the call. */
  async function leadOf(api: ApiClient) {
    const res = await api.call('POST', '/api/clients', {
      name: `Lead ${uniq()}`,
      email: `lead.${uniq()}@example.test`,
      phone: null,
      country: 'ID',
      language: 'en',
      source: 'phone',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('a demo account moves a lead to Demo; the opening is audited with the staff member as actor', async () => {
    const manager = await staffApi(deskA.manager);
    const clientId = await leadOf(manager);
    const res = await manager.call('POST', `/api/clients/${clientId}/accounts`, {
      kind: 'demo',
      currency: 'GBP',
      leverage: 500,
    });
    expect(res.status).toBe(201);
    expect(res.body.account).toMatchObject({ clientId, kind: 'demo', currency: 'GBP', leverage: 500 });
    expect((await clientRow(clientId)).status).toBe('demo');
    const [changed] = await eventsOf(clientId, 'client.status_changed');
    expect(changed).toMatchObject({
      actorId: deskA.manager.id,
      payload: { from: 'lead', to: 'demo', trigger: 'demo_account_opened' },
    });
    const [opened] = await eventsOf(clientId, 'trading.account_opened');
    expect(opened).toMatchObject({ actorId: deskA.manager.id, actorKind: 'staff' });
    const list = await manager.call('GET', `/api/clients/${clientId}/accounts`);
    expect(list.body).toMatchObject([{ id: res.body.account.id, login: res.body.account.login }]);
  });

  it('a live account makes the client Live; the manager who opened it gets no toast about it', async () => {
    const manager = await staffApi(deskA.manager);
    const clientId = await leadOf(manager);
    const res = await manager.call('POST', `/api/clients/${clientId}/accounts`, { kind: 'live' });
    expect(res.status).toBe(201);
    expect((await clientRow(clientId)).status).toBe('live');
    const notes = await manager.call('GET', '/api/notifications?pageSize=200');
    expect(
      notes.body.items.filter((n: { payload: { clientId?: string } }) => n.payload.clientId === clientId),
    ).toEqual([]);
  });

  it('another manager gets 404; a support agent may read but not open (403); a lead needs an email', async () => {
    const manager = await staffApi(deskA.manager);
    const clientId = await leadOf(manager);
    const other = await staffApi(deskB.manager);
    const denied = await other.call('POST', `/api/clients/${clientId}/accounts`, { kind: 'demo' });
    expect(denied.status).toBe(404);
    const { api: support } = await signedIn(server, 'support_agent');
    const refused = await support.call('POST', `/api/clients/${clientId}/accounts`, { kind: 'demo' });
    expect(refused.status).toBe(403);
    expect((await support.call('GET', `/api/clients/${clientId}/accounts`)).status).toBe(200);
    expect(await db().select().from(tradingAccounts).where(eq(tradingAccounts.clientId, clientId))).toEqual(
      [],
    );

    const noEmail = await manager.call('POST', '/api/clients', {
      name: `Lead ${uniq()}`,
      phone: randomPhone(),
      country: 'ID',
      source: 'phone',
    });
    expect(noEmail.status).toBe(201);
    const res = await manager.call('POST', `/api/clients/${noEmail.body.id}/accounts`, { kind: 'demo' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'email_required', field: 'email' });
    expect((await manager.call('POST', `/api/clients/not-a-uuid/accounts`, { kind: 'demo' })).status).toBe(
      400,
    );
  });
});

describe('the credentials mail in the outbox', () => {
  it('is stored encrypted; an admin opens it through the API (audited), a sales manager cannot', async () => {
    const t = await trader();
    const res = await t.api.call('POST', '/api/cabinet/accounts', { kind: 'demo' });
    expect(res.status).toBe(201);
    const { account, credentials } = res.body;
    const secrets = [credentials.password, credentials.investorPassword] as string[];

    // At rest, read straight from the table: no password anywhere in it.
    const stored = (await db().execute(
      sql`select id, text, html, sensitive, status from mail_outbox where "to" = ${t.email}`,
    )) as unknown as { rows: { id: string; text: string; sensitive: boolean; status: string }[] };
    const row = stored.rows.find((r) => readable(r).includes(account.login) && /Password/.test(readable(r)))!;
    expect(row).toMatchObject({ sensitive: true, status: 'kept' });
    expect(row.text).toMatch(/^sealed:/);
    for (const secret of secrets) expect(JSON.stringify(stored.rows)).not.toContain(secret);

    // The outbox list never carries a sensitive body.
    const admin = await signedInAdmin(server);
    const list = await admin.api.call('GET', '/api/outbox?pageSize=200');
    expect(list.status).toBe(200);
    expect(list.body.items.find((m: { id: string }) => m.id === row.id)).toMatchObject({
      subject: `Your demo trading account ${account.login}`,
      sensitive: true,
      text: null,
    });
    for (const secret of secrets) expect(list.raw).not.toContain(secret);

    // The client's own manager has no outbox.read: refused, and nothing is audited for it.
    const manager = await staffApi(deskA.manager);
    const refused = await manager.call('GET', `/api/outbox/${row.id}`);
    expect(refused.status).toBe(403);
    for (const secret of secrets) expect(refused.raw).not.toContain(secret);

    const opened = await admin.api.call('GET', `/api/outbox/${row.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ id: row.id, to: t.email, sensitive: true, status: 'kept' });
    for (const secret of [...secrets, credentials.server]) expect(opened.body.text).toContain(secret);
    const viewed = await db()
      .select()
      .from(events)
      .where(and(eq(events.type, 'mail.sensitive_viewed'), eq(events.subjectId, row.id)));
    expect(viewed).toEqual([
      expect.objectContaining({
        actorId: admin.admin.id,
        subjectType: 'mail',
        audience: { permissions: ['audit.read'] },
        payload: { to: t.email, subject: `Your demo trading account ${account.login}` },
      }),
    ]);

    expect((await admin.api.call('GET', `/api/outbox/${randomUUID()}`)).status).toBe(404);
    expect((await admin.api.call('GET', '/api/outbox/not-a-uuid')).status).toBe(400);
  });
});

describe('cabinet reads', () => {
  it('a trader sees only their own accounts; another trader’s account is not found', async () => {
    const a = await trader();
    const b = await trader('MY');
    const opened = await a.api.call('POST', '/api/cabinet/accounts', { kind: 'demo' });
    const id = opened.body.account.id as string;
    expect((await a.api.call('GET', `/api/cabinet/accounts/${id}/positions`)).body).toEqual([]);
    expect((await a.api.call('GET', `/api/cabinet/accounts/${id}/deals`)).body).toMatchObject({
      items: [],
      total: 0,
    });
    expect((await b.api.call('GET', '/api/cabinet/accounts')).body).toEqual([]);
    for (const path of ['positions', 'deals']) {
      const res = await b.api.call('GET', `/api/cabinet/accounts/${id}/${path}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
  });
});

describe('API description', () => {
  it('documents the routes under the trading and cabinet tags', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/trading/online'].get.tags).toEqual(['trading']);
    expect(doc.paths['/api/trading/accounts/{id}/deals'].get.tags).toEqual(['trading']);
    expect(doc.paths['/api/clients/{id}/accounts'].post.tags).toContain('trading');
    expect(doc.paths['/api/cabinet/accounts'].post.tags).toEqual(['cabinet']);
    expect(doc.paths['/api/cabinet/accounts/{id}/deals'].get.tags).toEqual(['cabinet']);
  });
});
