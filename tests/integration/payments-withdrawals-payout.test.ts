import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients } from '../../src/db/schema.js';
import { paymentRequests } from '../../src/modules/payments/schema.js';
import type { CreatePayoutRequest, PaymentProvider } from '../../src/modules/payments/provider.js';
import { WithdrawalService } from '../../src/modules/payments/withdrawals.js';
import { convert, PaymentSettings, PlatformPosting } from '../../src/modules/payments/index.js';
import { signedIn, startTestServer, type ApiClient, type TestServer } from '../support/server.js';
import {
  fund,
  ledgerOf,
  liveTrader,
  mailsTo,
  paymentSystem,
  platformBalance,
  requestsOf,
  staff,
  verify,
} from './payments-withdrawals.fixtures.js';

// Automatic payouts through a provider (a recording stand-in here; the simulated provider has its own
// tests) and the payout callbacks pay-core's callback route hands to applyPayoutCallback; and a
// request whose answer was lost after the hold, retried under the same id.

let server: TestServer;
let compliance: ApiClient;
let finance: { id: string; ip: null };
let withdrawals: WithdrawalService;
const payouts: CreatePayoutRequest[] = [];
let failPayouts = false;

const provider: PaymentProvider = {
  name: 'sim',
  createPayment: () => Promise.reject(new Error('not used')),
  refund: () => Promise.reject(new Error('not used')),
  async createPayout(req) {
    if (failPayouts) throw new Error('provider down');
    payouts.push(req);
    return { providerRef: `po_${req.requestId}` };
  },
};

beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'true', SIMULATED_TRADERS: 'false' } });
  compliance = await staff(server, 'compliance');
  finance = { id: (await signedIn(server, 'finance')).user.id, ip: null };
  const db = server.ctx.database.db;
  withdrawals = new WithdrawalService({
    db,
    clock: server.clock,
    platform: server.ctx.tradingPlatform,
    provider: (name) => (name === 'sim' ? provider : undefined),
    mailer: server.ctx.mailer,
    settings: () => new PaymentSettings(db).get(),
    toBase: async (tx, amount, currency) => (await convert(tx, amount, currency, 'USD')).amount,
    posting: new PlatformPosting(db, server.ctx.tradingPlatform, server.clock),
    callbackUrl: (p) => `http://crm.test/api/payments/callbacks/${p}`,
  });
});
afterAll(async () => {
  await server?.close();
});

async function requested(systemOver: Parameters<typeof paymentSystem>[1] = {}) {
  const system = await paymentSystem(server, systemOver);
  const t = await liveTrader(server);
  await fund(server, t, system.id, 1_000_00);
  await verify(server, compliance, t.clientId);
  const input = { login: t.login, systemId: system.id, amount: 200_00, details: { card: '4242' } };
  const { request } = await withdrawals.request({ clientId: t.clientId, ip: null }, input);
  return { t, id: request.id, input };
}

const callback = (id: string, type: 'payout.paid' | 'payout.failed', amount = 195_00) =>
  server.ctx.database.db.transaction((tx) =>
    withdrawals.actions.applyPayoutCallback(tx, { type, requestId: id, providerRef: `po_${id}`, amount }),
  );

describe('automatic payout', () => {
  const automatic = { kind: 'automatic' as const, method: 'card' as const, provider: 'sim', feeFixed: 5_00 };

  it('sends the payout at the final approval, and payout.paid ends it paid once', async () => {
    const { t, id } = await requested(automatic);
    const approved = await withdrawals.actions.approve(finance, id);
    expect(approved.status).toBe('approved');
    const [row] = await server.ctx.database.db
      .select()
      .from(paymentRequests)
      .where(eq(paymentRequests.id, id));
    expect(row).toMatchObject({ status: 'payout_pending', providerRef: `po_${id}` });
    expect(payouts.find((p) => p.requestId === id)).toMatchObject({
      amount: 195_00,
      currency: 'USD',
      details: { card: '4242' },
      callbackUrl: 'http://crm.test/api/payments/callbacks/sim',
    });

    expect(await callback(id, 'payout.paid')).toBe('paid');
    expect(await callback(id, 'payout.paid')).toBe('duplicate');
    expect(
      (await ledgerOf(server, id)).map((l) => [l.entry, l.amount, l.requestAmount, l.fee, l.providerRef]),
    ).toEqual([
      ['withdrawal_hold', -200_00, 200_00, 0, null],
      ['payout', 0, 200_00, 5_00, `po_${id}`],
    ]);
    expect((await requestsOf(server, t.clientId))[0]!.status).toBe('paid');
    expect(await platformBalance(server, t.login)).toBe(800);
    expect((await mailsTo(server, t.email)).map((m) => m.subject)).toContain('Withdrawal paid');
  });

  it('marks a failed payout for finance, who sends it again or rejects it (the hold released)', async () => {
    const { t, id } = await requested(automatic);
    failPayouts = true;
    try {
      await withdrawals.actions.approve(finance, id);
    } finally {
      failPayouts = false;
    }
    expect((await requestsOf(server, t.clientId))[0]!.status).toBe('payout_failed');
    await withdrawals.actions.payout(finance, id);
    expect((await requestsOf(server, t.clientId))[0]!.status).toBe('payout_pending');
    expect(await callback(id, 'payout.failed')).toBe('failed');
    expect(await callback(id, 'payout.failed')).toBe('duplicate');
    await withdrawals.actions.reject(finance, id, { reasonCode: 'other', note: 'Card refused payouts' });
    expect(await platformBalance(server, t.login)).toBe(1_000);
    // Paid out after all: the request stays rejected, and finance sees a problem on it.
    expect(await callback(id, 'payout.paid')).toBe('paid_after_rejection');
    expect((await requestsOf(server, t.clientId))[0]).toMatchObject({
      status: 'rejected',
      problem: 'paid_after_rejection',
    });
    const [c] = await server.ctx.database.db.select().from(clients).where(eq(clients.id, t.clientId));
    expect(c!.paymentProblem).toBe('paid_after_rejection');
  });

  it('lets finance mark a failed payout paid by other means, not a pending one', async () => {
    const { t, id } = await requested(automatic);
    await withdrawals.actions.approve(finance, id);
    await expect(withdrawals.actions.markPaid(finance, id)).rejects.toMatchObject({ code: 'payout_pending' });
    expect(await callback(id, 'payout.failed')).toBe('failed');
    expect((await withdrawals.actions.markPaid(finance, id)).status).toBe('paid');
    expect((await requestsOf(server, t.clientId))[0]).toMatchObject({
      status: 'paid',
      executedBy: finance.id,
    });
  });
});

describe('net deposits', () => {
  const netDeposits = async (clientId: string) =>
    (await server.ctx.database.db.select().from(clients).where(eq(clients.id, clientId)))[0]!.netDeposits;

  it('a paid withdrawal lowers the client’s net deposits by what left the account', async () => {
    const { t, id } = await requested();
    const before = await netDeposits(t.clientId);
    await withdrawals.actions.approve(finance, id);
    expect(await netDeposits(t.clientId)).toBe(before);
    await withdrawals.actions.markPaid(finance, id);
    expect(await netDeposits(t.clientId)).toBe(before - 200_00);
  });

  it('a rejected one does not', async () => {
    const { t, id } = await requested();
    const before = await netDeposits(t.clientId);
    await withdrawals.actions.reject(finance, id, { reasonCode: 'other', note: 'No' });
    expect(await netDeposits(t.clientId)).toBe(before);
  });
});

describe('a request whose answer was lost after the hold', () => {
  it('continues under the same id: held once, recorded once', async () => {
    const system = await paymentSystem(server);
    const t = await liveTrader(server);
    await fund(server, t, system.id, 1_000_00);
    await verify(server, compliance, t.clientId);
    const input = { login: t.login, systemId: system.id, amount: 300_00, details: {} };
    const id = randomUUID();
    const lost = () => Promise.reject(new Error('connection lost before commit'));
    await expect(withdrawals.request({ clientId: t.clientId, ip: null }, input, lost, id)).rejects.toThrow(
      'connection lost',
    );
    expect(await platformBalance(server, t.login)).toBe(700);
    expect(await ledgerOf(server, id)).toEqual([]);

    const { request } = await withdrawals.request({ clientId: t.clientId, ip: null }, input, undefined, id);
    expect(request).toMatchObject({ id, status: 'requested' });
    expect(await platformBalance(server, t.login)).toBe(700);
    expect((await ledgerOf(server, id)).map((l) => l.entry)).toEqual(['withdrawal_hold']);

    const other = { ...input, amount: 100_00 };
    await expect(
      withdrawals.request({ clientId: t.clientId, ip: null }, other, undefined, id),
    ).rejects.toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('is recorded by the retry job when nobody retries', async () => {
    const system = await paymentSystem(server);
    const t = await liveTrader(server);
    await fund(server, t, system.id, 1_000_00);
    await verify(server, compliance, t.clientId);
    const input = { login: t.login, systemId: system.id, amount: 50_00, details: {} };
    const id = randomUUID();
    await expect(
      withdrawals.request(
        { clientId: t.clientId, ip: null },
        input,
        () => Promise.reject(new Error('lost')),
        id,
      ),
    ).rejects.toThrow('lost');
    expect(await withdrawals.retryHolds()).toBe(0);
    server.clock.advance(61_000);
    // The server's own loop may get there first; either way the hold is recorded once.
    await withdrawals.retryHolds();
    expect((await ledgerOf(server, id)).map((l) => [l.entry, l.actor])).toEqual([['withdrawal_hold', null]]);
    expect(await platformBalance(server, t.login)).toBe(950);
  });
});
