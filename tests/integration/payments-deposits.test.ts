import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  clients,
  events as eventLog,
  idempotencyKeys,
  mailOutbox,
  notifications,
  paymentLedger,
  paymentRequests,
} from '../../src/db/schema.js';
import { createStaff, signedIn, signedInAdmin, type TestServer } from '../support/server.js';
import {
  cardSystem,
  ledgerSum,
  manualSystem,
  newKey,
  paymentsServer,
  platformCents,
  traderWithAccount,
} from './payments-core.fixtures.js';

let server: TestServer;
let finance: Awaited<ReturnType<typeof signedIn>>;
let manager: Awaited<ReturnType<typeof signedIn>>;
let wire: Awaited<ReturnType<typeof manualSystem>>;

beforeAll(async () => {
  ({ server } = await paymentsServer());
  finance = await signedIn(server, 'finance');
  manager = await signedIn(server, 'sales_manager');
  wire = await manualSystem(server);
});
afterAll(() => server?.close());

const db = () => server.ctx.database.db;
const requestRow = async (id: string) =>
  (await db().select().from(paymentRequests).where(eq(paymentRequests.id, id)))[0]!;

async function manualDeposit(t: Awaited<ReturnType<typeof traderWithAccount>>, amount = 50_000) {
  const res = await t.api.call(
    'POST',
    '/api/portal/payments/deposits',
    { login: t.login, systemId: wire.id, amount, currency: 'USD' },
    newKey(),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { request: { id: string; status: string }; instructions: string; reference: string };
}

describe('a manual bank wire', () => {
  it('waits for finance with instructions and a reference, then credits the account once and marks the FTD', async () => {
    const lead = await createStaff(server.ctx, 'team_lead');
    const team = await server.ctx.teams.create(
      { id: null, ip: null },
      { name: 'Sales ID', kind: 'sales', leadId: lead.id },
    );
    const t = await traderWithAccount(server, { managerId: manager.user.id, teamId: team.id });
    const before = await platformCents(server, t.login);

    const created = await manualDeposit(t);
    expect(created.request.status).toBe('pending');
    expect(created.instructions).toContain('IBAN');
    expect(created.reference).toMatch(/^BD-[A-Z0-9]{8}$/);
    expect(await platformCents(server, t.login)).toBe(before);

    const executed = await finance.api.call(
      'POST',
      `/api/payments/requests/${created.request.id}/execute`,
      undefined,
      newKey(),
    );
    expect(executed.status, JSON.stringify(executed.body)).toBe(200);
    expect(executed.body).toMatchObject({ status: 'executed', accountAmount: 50_000, problem: null });
    expect(await platformCents(server, t.login)).toBe(before + 50_000);
    expect(await ledgerSum(server, t.login)).toBe(50_000);

    const [c] = await db().select().from(clients).where(eq(clients.id, t.clientId));
    expect(c).toMatchObject({ ftdAmount: 50_000, netDeposits: 50_000 });
    expect(c!.ftdAt).not.toBeNull();
    // FTD: the manager and the team lead are told.
    const ftdNotes = await db().select().from(notifications).where(eq(notifications.type, 'payment.ftd'));
    expect(ftdNotes.map((n) => n.userId).sort()).toEqual([manager.user.id, lead.id].sort());
    const mails = await db().select().from(mailOutbox).where(eq(mailOutbox.to, t.email));
    expect(mails.map((m) => m.subject)).toContain('Your deposit has been credited');

    // Executing again is refused, and nothing moves.
    const again = await finance.api.call(
      'POST',
      `/api/payments/requests/${created.request.id}/execute`,
      undefined,
      newKey(),
    );
    expect(again.status).toBe(409);
    expect(await platformCents(server, t.login)).toBe(before + 50_000);

    // A second deposit is not an FTD.
    const second = await manualDeposit(t, 10_000);
    await finance.api.call(
      'POST',
      `/api/payments/requests/${second.request.id}/execute`,
      undefined,
      newKey(),
    );
    const [after] = await db().select().from(clients).where(eq(clients.id, t.clientId));
    expect(after).toMatchObject({ ftdAmount: 50_000, netDeposits: 60_000 });

    // The card shows it to the manager.
    const card = await manager.api.call('GET', `/api/clients/${t.clientId}/payments`);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ ftdAmount: 50_000, netDeposits: 60_000, baseCurrency: 'USD' });
    expect(card.body.items).toHaveLength(2);
  });

  it('rejected with a reason: the trader sees the reason in the cabinet and gets an email', async () => {
    const t = await traderWithAccount(server, { managerId: manager.user.id });
    const created = await manualDeposit(t);
    const rejected = await finance.api.call(
      'POST',
      `/api/payments/requests/${created.request.id}/reject`,
      { reasonCode: 'payment_not_received', note: 'Nothing arrived within 5 days' },
      newKey(),
    );
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReasonCode: 'payment_not_received' });
    const mine = await t.api.call('GET', '/api/portal/payments');
    expect(mine.body.items[0]).toMatchObject({
      id: created.request.id,
      status: 'rejected',
      rejectReason: 'Payment not received',
      rejectNote: 'Nothing arrived within 5 days',
    });
    const mails = await db().select().from(mailOutbox).where(eq(mailOutbox.to, t.email));
    const mail = mails.find((m) => m.subject === 'Your deposit was rejected');
    expect(mail?.text).toContain('Payment not received — Nothing arrived within 5 days');
    expect(await ledgerSum(server, t.login)).toBe(0);
  });

  it('a reason not on the list is a 400 naming the field, and nothing changes', async () => {
    const t = await traderWithAccount(server);
    const created = await manualDeposit(t);
    const res = await finance.api.call(
      'POST',
      `/api/payments/requests/${created.request.id}/reject`,
      { reasonCode: 'made_up' },
      newKey(),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'unknown_reason', field: 'reasonCode' });
    expect((await requestRow(created.request.id)).status).toBe('pending');
  });
});

describe('who may act', () => {
  it('a manager or a trader calling finance actions gets 403/404 and nothing is written', async () => {
    const t = await traderWithAccount(server, { managerId: manager.user.id });
    const created = await manualDeposit(t);
    const eventsBefore = (await db().select({ id: eventLog.id }).from(eventLog)).length;
    const keysBefore = (await db().select().from(idempotencyKeys)).length;
    for (const action of ['execute', 'reject', 'confirm']) {
      const body = action === 'reject' ? { reasonCode: 'other' } : action === 'confirm' ? {} : undefined;
      const url = `/api/payments/requests/${created.request.id}/${action}`;
      expect((await manager.api.call('POST', url, body, newKey())).status).toBe(403);
      // The trader has no staff session at all.
      expect((await t.api.call('POST', url, body, newKey())).status).toBe(401);
    }
    const bulk = await manager.api.call(
      'POST',
      '/api/payments/requests/bulk',
      { action: 'execute', ids: [created.request.id] },
      newKey(),
    );
    expect(bulk.status).toBe(403);
    expect((await requestRow(created.request.id)).status).toBe('pending');
    expect(await ledgerSum(server, t.login)).toBe(0);
    expect((await db().select({ id: eventLog.id }).from(eventLog)).length).toBe(eventsBefore);
    expect((await db().select().from(idempotencyKeys)).length).toBe(keysBefore);
  });

  it("a manager sees their own clients' payments only; another's client is 404", async () => {
    const other = await signedIn(server, 'sales_manager');
    const t = await traderWithAccount(server, { managerId: other.user.id });
    const created = await manualDeposit(t);
    expect((await manager.api.call('GET', `/api/clients/${t.clientId}/payments`)).status).toBe(404);
    expect((await manager.api.call('GET', `/api/payments/requests/${created.request.id}`)).status).toBe(404);
    const list = await manager.api.call('GET', `/api/payments/requests?clientId=${t.clientId}`);
    expect(list.body).toMatchObject({ items: [], total: 0 });
    expect((await other.api.call('GET', `/api/payments/requests?clientId=${t.clientId}`)).body.total).toBe(1);
  });

  it("a trader cannot deposit to another trader's account", async () => {
    const a = await traderWithAccount(server);
    const b = await traderWithAccount(server);
    const res = await a.api.call(
      'POST',
      '/api/portal/payments/deposits',
      { login: b.login, systemId: wire.id, amount: 5_000, currency: 'USD' },
      newKey(),
    );
    expect(res.status).toBe(404);
    expect(await db().select().from(paymentRequests).where(eq(paymentRequests.clientId, a.clientId))).toEqual(
      [],
    );
  });
});

describe('bad amounts and currencies', () => {
  it.each([
    ['a float', { amount: 100.5 }, 'amount'],
    ['a negative', { amount: -100 }, 'amount'],
    ['zero', { amount: 0 }, 'amount'],
    ['beyond the column', { amount: 1e16 }, 'amount'],
    ['a string', { amount: '100' }, 'amount'],
    ['an unknown currency', { currency: 'XYZ' }, 'currency'],
    ['a currency the system does not take', { currency: 'GBP' }, 'currency'],
    ['below the minimum', { amount: 999 }, 'amount'],
  ])('%s → 400 naming the field, nothing written', async (_name, over, field) => {
    const t = await traderWithAccount(server);
    const res = await t.api.call(
      'POST',
      '/api/portal/payments/deposits',
      { login: t.login, systemId: wire.id, amount: 5_000, currency: 'USD', ...over },
      newKey(),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.field).toBe(field);
    expect(await db().select().from(paymentRequests).where(eq(paymentRequests.clientId, t.clientId))).toEqual(
      [],
    );
  });

  it('a deposit in another currency converts at the rate finance set, keeping both amounts and the rate', async () => {
    const t = await traderWithAccount(server);
    const noRate = await t.api.call(
      'POST',
      '/api/portal/payments/deposits',
      { login: t.login, systemId: wire.id, amount: 10_000, currency: 'EUR' },
      newKey(),
    );
    expect(noRate.status).toBe(400);
    expect(noRate.body).toMatchObject({ code: 'no_rate', field: 'currency' });
    const rates = await finance.api.call('PUT', '/api/payments/rates', {
      rates: [{ from: 'EUR', to: 'USD', rate: '1.0850' }],
    });
    expect(rates.status, JSON.stringify(rates.body)).toBe(200);
    const created = await t.api.call(
      'POST',
      '/api/portal/payments/deposits',
      { login: t.login, systemId: wire.id, amount: 10_000, currency: 'EUR' },
      newKey(),
    );
    expect(created.status).toBe(201);
    const before = await platformCents(server, t.login);
    const done = await finance.api.call(
      'POST',
      `/api/payments/requests/${created.body.request.id}/execute`,
      undefined,
      newKey(),
    );
    expect(done.body).toMatchObject({
      amount: 10_000,
      currency: 'EUR',
      accountAmount: 10_850,
      rate: '1.0850',
    });
    expect(await platformCents(server, t.login)).toBe(before + 10_850);
    const [entry] = await db()
      .select()
      .from(paymentLedger)
      .where(and(eq(paymentLedger.requestId, created.body.request.id), eq(paymentLedger.entry, 'deposit')));
    expect(entry).toMatchObject({
      amount: 10_850,
      currency: 'USD',
      requestAmount: 10_000,
      requestCurrency: 'EUR',
      rate: '1.0850',
    });
  });
});

describe('payment systems', () => {
  it('admins configure them; the cabinet lists those for the account, by country and in order', async () => {
    const { api: admin } = await signedInAdmin(server);
    const bad = await admin.call('POST', '/api/payments/systems', {
      name: 'Card',
      kind: 'automatic',
      method: 'card',
      currencies: ['USD'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('provider');
    const local = await admin.call('POST', '/api/payments/systems', {
      name: 'Cash at the Jakarta office',
      kind: 'manual',
      method: 'cash',
      currencies: ['USD'],
      countries: ['id'],
      sortOrder: 10,
      instructions: { en: 'Jl. Sudirman 1, Jakarta' },
    });
    expect(local.status, JSON.stringify(local.body)).toBe(201);
    expect(local.body.countries).toEqual(['ID']);
    const elsewhere = await admin.call('POST', '/api/payments/systems', {
      name: 'Cash in Lima',
      kind: 'manual',
      method: 'cash',
      currencies: ['USD'],
      countries: ['PE'],
    });
    expect(elsewhere.status).toBe(201);
    const { id: _id, createdAt: _c, updatedAt: _u, ...form } = local.body;
    expect((await manager.api.call('POST', '/api/payments/systems', form)).status).toBe(403);

    const t = await traderWithAccount(server, { country: 'ID' });
    const list = await t.api.call('GET', `/api/portal/payments/systems?direction=deposit&login=${t.login}`);
    expect(list.status).toBe(200);
    const names = list.body.items.map((s: { name: string }) => s.name);
    expect(names).toContain('Cash at the Jakarta office');
    expect(names).not.toContain('Cash in Lima');
    // In the admins' order: the bank wire (0) before the office (10).
    expect(names.indexOf('Bank wire')).toBeLessThan(names.indexOf('Cash at the Jakarta office'));
    expect(
      list.body.items.find((s: { name: string }) => s.name === 'Cash at the Jakarta office').instructions,
    ).toBe('Jl. Sudirman 1, Jakarta');
    const stranger = await traderWithAccount(server);
    expect((await stranger.api.call('GET', `/api/portal/payments/systems?login=${t.login}`)).status).toBe(
      404,
    );
  });
});

describe('an automatic deposit and its provider session', () => {
  const deposit = async (systemId: string) => {
    const t = await traderWithAccount(server);
    const res = await t.api.call(
      'POST',
      '/api/portal/payments/deposits',
      { login: t.login, systemId, amount: 5_000, currency: 'USD' },
      newKey(),
    );
    return { t, res };
  };

  it('is stored before the provider is asked; a provider failure leaves it declined with a problem', async () => {
    const card = await cardSystem(server, { name: `Card ${Date.now()}` });
    const sim = server.ctx.paymentProviders.get('sim')!.provider;
    const real = sim.createPayment.bind(sim);
    const seen: (string | undefined)[] = [];
    try {
      sim.createPayment = async (req) => {
        seen.push(
          (await db().select().from(paymentRequests).where(eq(paymentRequests.id, req.requestId)))[0]?.status,
        );
        return real(req);
      };
      const ok = await deposit(card.id);
      expect(ok.res.status).toBe(201);
      expect(seen).toEqual(['awaiting_payment']);
      expect(await requestRow(ok.res.body.request.id)).toMatchObject({
        status: 'awaiting_payment',
        providerRef: expect.stringMatching(/./),
      });

      sim.createPayment = () => Promise.reject(new Error('provider down'));
      const failed = await deposit(card.id);
      expect(failed.res.status).toBe(503);
      expect(failed.res.body).toMatchObject({ code: 'provider_unavailable' });
      const rows = await db()
        .select()
        .from(paymentRequests)
        .where(eq(paymentRequests.clientId, failed.t.clientId));
      expect(rows.map((r) => [r.status, r.problem])).toEqual([['declined', 'declined']]);
    } finally {
      sim.createPayment = real;
    }
  });
});
