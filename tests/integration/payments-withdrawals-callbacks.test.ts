import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paymentRequests } from '../../src/modules/payments/schema.js';
import type { ApiClient, TestServer } from '../support/server.js';
import {
  callbackBody,
  cardSystem,
  ledgerSum,
  paymentsServer,
  platformCents,
  postCallback,
} from './payments-core.fixtures.js';
import { fund, key, ledgerOf, liveTrader, staff, verify } from './payments-withdrawals.fixtures.js';

// End to end over HTTP: a withdrawal through an automatic system is sent to the built-in provider at
// the final approval, and the provider's signed payout callbacks (pay-core's callback route) end it.

let server: TestServer;
let secret: string;
let systemId: string;
let finance: ApiClient;
let compliance: ApiClient;

beforeAll(async () => {
  ({ server, secret } = await paymentsServer({ TRUST_PROXY: 'true', SIMULATED_TRADERS: 'false' }));
  systemId = (await cardSystem(server, { directions: ['deposit', 'withdrawal'], minAmount: 1_00 })).id;
  finance = await staff(server, 'finance');
  compliance = await staff(server, 'compliance');
});
afterAll(async () => {
  await server?.close();
});

async function approvedPayout() {
  const t = await liveTrader(server);
  await fund(server, t, systemId, 500_00);
  await verify(server, compliance, t.clientId);
  const res = await t.api.call(
    'POST',
    '/api/portal/payments/withdrawals',
    { login: t.login, systemId, amount: 120_00, details: { card: '4111 1111 1111 1111' } },
    key(),
  );
  expect(res.status).toBe(201);
  const id = res.body.request.id as string;
  const approved = await finance.call('POST', `/api/payments/withdrawals/${id}/approve`, undefined, key());
  expect(approved.body.status).toBe('approved');
  const [row] = await server.ctx.database.db.select().from(paymentRequests).where(eq(paymentRequests.id, id));
  expect(row).toMatchObject({ status: 'payout_pending', provider: 'sim' });
  expect(row!.providerRef).toMatch(/^po_/);
  return { t, id, providerRef: row!.providerRef! };
}

describe('payout callbacks', () => {
  it('payout.paid ends the withdrawal paid once; the books still match the platform', async () => {
    const { t, id, providerRef } = await approvedPayout();
    const body = callbackBody({ type: 'payout.paid', requestId: id, providerRef, amount: 120_00 });
    const first = await postCallback(server, secret, body);
    expect(first.status).toBe(200);
    const again = await postCallback(server, secret, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ ok: true, duplicate: true });
    const [row] = await server.ctx.database.db
      .select()
      .from(paymentRequests)
      .where(eq(paymentRequests.id, id));
    expect(row).toMatchObject({ status: 'paid', providerRef });
    expect((await ledgerOf(server, id)).map((l) => l.entry)).toEqual(['withdrawal_hold', 'payout']);
    expect(await platformCents(server, t.login)).toBe(380_00);
    expect(await ledgerSum(server, t.login)).toBe(380_00);
  });

  it('payout.failed leaves it to finance, whose rejection gives the amount back', async () => {
    const { t, id, providerRef } = await approvedPayout();
    const failed = await postCallback(
      server,
      secret,
      callbackBody({
        type: 'payout.failed',
        requestId: id,
        providerRef,
        amount: 120_00,
        reason: 'Card closed',
      }),
    );
    expect(failed.status).toBe(200);
    const [row] = await server.ctx.database.db
      .select()
      .from(paymentRequests)
      .where(eq(paymentRequests.id, id));
    expect(row!.status).toBe('payout_failed');
    const rejected = await finance.call(
      'POST',
      `/api/payments/withdrawals/${id}/reject`,
      { reasonCode: 'other', note: 'Card closed; ask for a bank transfer' },
      key(),
    );
    expect(rejected.body.status).toBe('rejected');
    expect(await platformCents(server, t.login)).toBe(500_00);
    expect(await ledgerSum(server, t.login)).toBe(500_00);
  });
});

describe('a payout sent again after a failure', () => {
  it('matches the new attempt’s reference, so its payout.paid ends the withdrawal paid', async () => {
    const { t, id, providerRef } = await approvedPayout();
    const failed = callbackBody({ type: 'payout.failed', requestId: id, providerRef, amount: 120_00 });
    expect((await postCallback(server, secret, failed)).status).toBe(200);
    const retried = await finance.call('POST', `/api/payments/withdrawals/${id}/payout`, undefined, key());
    expect(retried.status).toBe(200);
    const [row] = await server.ctx.database.db
      .select()
      .from(paymentRequests)
      .where(eq(paymentRequests.id, id));
    expect(row!.status).toBe('payout_pending');
    expect(row!.providerRef).toMatch(/^po_/);
    expect(row!.providerRef).not.toBe(providerRef);
    const paid = callbackBody({
      type: 'payout.paid',
      requestId: id,
      providerRef: row!.providerRef!,
      amount: 120_00,
    });
    const res = await postCallback(server, secret, paid);
    expect(res.status).toBe(200);
    const [after] = await server.ctx.database.db
      .select()
      .from(paymentRequests)
      .where(eq(paymentRequests.id, id));
    expect(after).toMatchObject({ status: 'paid', providerRef: row!.providerRef });
    expect(await platformCents(server, t.login)).toBe(380_00);
    // The failed attempt's late report is not this request's reference any more.
    expect((await postCallback(server, secret, { ...failed, id: `${failed.id}-late` })).status).toBe(400);
  });
});
