import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import {
  clients,
  notifications,
  paymentLedger,
  paymentRequests,
  providerCallbacks,
} from '../../src/db/schema.js';
import { newWebhookSecret } from '../../src/core/webhook-signature.js';
import type { ProviderCallback } from '../../src/modules/payments/provider.js';
import { signedIn, type TestServer } from '../support/server.js';
import {
  callbackBody,
  cardSystem,
  ledgerSum,
  newKey,
  paymentsServer,
  platformCents,
  postCallback,
  traderWithAccount,
} from './payments-core.fixtures.js';

let server: TestServer;
let secret: string;
let manager: Awaited<ReturnType<typeof signedIn>>;
let finance: Awaited<ReturnType<typeof signedIn>>;
let card: Awaited<ReturnType<typeof cardSystem>>;

beforeAll(async () => {
  ({ server, secret } = await paymentsServer());
  manager = await signedIn(server, 'sales_manager');
  finance = await signedIn(server, 'finance');
  card = await cardSystem(server);
});
afterAll(() => server?.close());

const db = () => server.ctx.database.db;
const row = async (id: string) =>
  (await db().select().from(paymentRequests).where(eq(paymentRequests.id, id)))[0]!;

/** A trader's card deposit, sent to the simulated provider's page (awaiting payment). */
async function cardDeposit(amount = 25_000) {
  const t = await traderWithAccount(server, { managerId: manager.user.id });
  const res = await t.api.call(
    'POST',
    '/api/portal/payments/deposits',
    { login: t.login, systemId: card.id, amount, currency: 'USD' },
    newKey(),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.redirectUrl).toContain('/sim-pay/');
  const r = await row(res.body.request.id);
  expect(r.status).toBe('awaiting_payment');
  const success = callbackBody({
    type: 'payment.succeeded',
    requestId: r.id,
    providerRef: r.providerRef!,
    amount,
  });
  return { t, r, success, before: await platformCents(server, t.login) };
}

const callbacksOf = (requestId: string) =>
  db().select().from(providerCallbacks).where(eq(providerCallbacks.requestId, requestId));

describe('a signed success callback', () => {
  it('credits the account once, marks the FTD and tells the manager', async () => {
    const { t, r, success, before } = await cardDeposit();
    const res = await postCallback(server, secret, success);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ ok: true, duplicate: false });
    expect((await row(r.id)).status).toBe('executed');
    expect(await platformCents(server, t.login)).toBe(before + 25_000);
    expect(await ledgerSum(server, t.login)).toBe(25_000);
    const notes = await db().select().from(notifications).where(eq(notifications.userId, manager.user.id));
    expect(notes.map((n) => n.type)).toContain('payment.ftd');
  });

  it('delivered 50 times in parallel credits once', async () => {
    const { t, r, success, before } = await cardDeposit();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => postCallback(server, secret, success)),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    expect(await platformCents(server, t.login)).toBe(before + 25_000);
    expect(await ledgerSum(server, t.login)).toBe(25_000);
    expect(await callbacksOf(r.id)).toHaveLength(1);
  });

  it('re-signed with a new timestamp, or sent again as a new event, credits once', async () => {
    const { t, success, before } = await cardDeposit();
    expect((await postCallback(server, secret, success)).body.duplicate).toBe(false);
    const later = new Date(server.clock.now().getTime() + 60_000);
    const resigned = await postCallback(server, secret, success, { at: later });
    expect(resigned.status).toBe(200);
    expect(resigned.body.duplicate).toBe(true);
    // The same payment reported under another event id: the state machine has already credited it.
    const other = await postCallback(server, secret, { ...success, id: 'evt_other_copy' });
    expect(other.status).toBe(200);
    expect(await platformCents(server, t.login)).toBe(before + 25_000);
    expect(await ledgerSum(server, t.login)).toBe(25_000);
  });
});

describe('a callback that is not genuine', () => {
  it.each([
    ['a body changed by one byte', { tamper: (raw: string) => raw.replace('25000', '25001') }],
    ['a wrong secret', { secret: newWebhookSecret() }],
    ['a stale timestamp', { at: new Date(Date.now() - 6 * 60_000) }],
    ['a future timestamp', { at: new Date(Date.now() + 6 * 60_000) }],
  ] as const)('%s → 401, nothing written', async (_name, opts) => {
    const { t, r, success, before } = await cardDeposit();
    const { secret: other, ...rest } = opts as { secret?: string; at?: Date; tamper?: (s: string) => string };
    const res = await postCallback(server, other ?? secret, success, {
      ...rest,
      ...(rest.at ? { at: new Date(server.clock.now().getTime() + (rest.at.getTime() - Date.now())) } : {}),
    });
    expect(res.status).toBe(401);
    expect(await callbacksOf(r.id)).toHaveLength(0);
    expect((await row(r.id)).status).toBe('awaiting_payment');
    expect(await platformCents(server, t.login)).toBe(before);
  });

  it('an unknown request is 422 (the provider retries) and a malformed body a 400 naming the field', async () => {
    const { r, success } = await cardDeposit();
    const unknown = await postCallback(server, secret, {
      ...success,
      requestId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('unknown_request');
    const bad = await postCallback(server, secret, { ...success, amount: 10.5 } as ProviderCallback);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'bad_callback', field: 'amount' });
    expect(await callbacksOf(r.id)).toHaveLength(0);
  });
});

describe('amounts and failures', () => {
  it('a different amount waits for finance; confirming credits what was paid', async () => {
    const { t, r, success, before } = await cardDeposit();
    await postCallback(server, secret, { ...success, amount: 24_000 });
    expect(await row(r.id)).toMatchObject({
      status: 'needs_review',
      providerAmount: 24_000,
      problem: 'amount_mismatch',
    });
    expect(await platformCents(server, t.login)).toBe(before);
    const [c] = await db().select().from(clients).where(eq(clients.id, t.clientId));
    expect(c!.paymentProblem).toBe('amount_mismatch');
    const confirmed = await finance.api.call('POST', `/api/payments/requests/${r.id}/confirm`, {}, newKey());
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'executed', accountAmount: 24_000, problem: null });
    expect(await platformCents(server, t.login)).toBe(before + 24_000);
    const [after] = await db().select().from(clients).where(eq(clients.id, t.clientId));
    expect(after!.paymentProblem).toBeNull();
  });

  it('a decline is a problem on the card and the manager is told', async () => {
    const { t, r } = await cardDeposit();
    await postCallback(
      server,
      secret,
      callbackBody({
        type: 'payment.insufficient_funds',
        requestId: r.id,
        providerRef: r.providerRef!,
        amount: 25_000,
      }),
    );
    expect(await row(r.id)).toMatchObject({ status: 'declined', problem: 'insufficient_funds' });
    const [c] = await db().select().from(clients).where(eq(clients.id, t.clientId));
    expect(c!.paymentProblem).toBe('insufficient_funds');
    const notes = await db().select().from(notifications).where(eq(notifications.type, 'payment.problem'));
    expect(
      notes.some(
        (n) => n.userId === manager.user.id && (n.payload as { requestId?: string }).requestId === r.id,
      ),
    ).toBe(true);
  });

  it('killed after commit (the posting fails once), then the callback retried → one credit', async () => {
    const { t, r, success, before } = await cardDeposit();
    const platform = server.ctx.tradingPlatform;
    const real = platform.balanceOperation.bind(platform);
    let failures = 1;
    platform.balanceOperation = async (login, op) => {
      if (failures-- > 0) throw new Error('connection reset');
      return real(login, op);
    };
    try {
      const first = await postCallback(server, secret, success);
      expect(first.status).toBe(200);
      expect(await row(r.id)).toMatchObject({ status: 'executed', problem: 'posting_failed' });
      expect(await platformCents(server, t.login)).toBe(before);
      // The provider did not get our answer and delivers again.
      const retry = await postCallback(server, secret, success);
      expect(retry.body.duplicate).toBe(true);
      expect(await platformCents(server, t.login)).toBe(before + 25_000);
      expect(await row(r.id)).toMatchObject({ problem: null });
      // The retry job finds nothing left to post.
      expect(await server.ctx.posting.postDue()).toBe(0);
      expect(await platformCents(server, t.login)).toBe(before + 25_000);
      expect(await ledgerSum(server, t.login)).toBe(25_000);
    } finally {
      platform.balanceOperation = real;
    }
  });
});

describe('out of order', () => {
  it('deposit, refund and chargeback callbacks in any order converge to the same ledger and balance', async () => {
    const kinds = ['payment.succeeded', 'payment.refunded', 'payment.chargeback'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray([...kinds], { minLength: 3, maxLength: 3 }),
        fc.constantFrom(...kinds),
        async (order, duplicated) => {
          const { t, r, before } = await cardDeposit(10_000);
          const bodies = new Map(
            kinds.map((type) => [
              type,
              callbackBody({ type, requestId: r.id, providerRef: r.providerRef!, amount: 10_000 }),
            ]),
          );
          for (const type of [...order, duplicated]) await postCallback(server, secret, bodies.get(type)!);
          const final = await row(r.id);
          expect(final.status).toBe('charged_back');
          expect(await ledgerSum(server, t.login)).toBe(0);
          expect(await platformCents(server, t.login)).toBe(before);
          const [c] = await db().select().from(clients).where(eq(clients.id, t.clientId));
          expect(c!.netDeposits).toBe(0);
        },
      ),
      { numRuns: 8, seed: 20261207 },
    );
  });

  it('a refund alone before success is recorded, not applied', async () => {
    const { t, r, before } = await cardDeposit(10_000);
    await postCallback(
      server,
      secret,
      callbackBody({
        type: 'payment.refunded',
        requestId: r.id,
        providerRef: r.providerRef!,
        amount: 10_000,
      }),
    );
    expect(await row(r.id)).toMatchObject({ status: 'awaiting_payment' });
    expect(await platformCents(server, t.login)).toBe(before);
    expect(await db().select().from(paymentLedger).where(eq(paymentLedger.requestId, r.id))).toEqual([]);
  });
});

describe('partial refunds', () => {
  const refund = (r: { id: string; providerRef: string | null }, amount: number) =>
    callbackBody({ type: 'payment.refunded', requestId: r.id, providerRef: r.providerRef!, amount });

  it('takes back each partial refund, up to what was credited, each posted under its own op id', async () => {
    const { t, r, success, before } = await cardDeposit(10_000);
    expect((await postCallback(server, secret, success)).status).toBe(200);
    for (const amount of [3_000, 2_000]) {
      const res = await postCallback(server, secret, refund(r, amount));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    expect((await row(r.id)).status).toBe('refunded');
    expect(await ledgerSum(server, t.login)).toBe(5_000);
    expect(await platformCents(server, t.login)).toBe(before + 5_000);
    // More than what is left takes back only the rest; after that nothing more.
    await postCallback(server, secret, refund(r, 8_000));
    await postCallback(server, secret, refund(r, 1_000));
    expect(await ledgerSum(server, t.login)).toBe(0);
    expect(await platformCents(server, t.login)).toBe(before);
    const entries = await db().select().from(paymentLedger).where(eq(paymentLedger.requestId, r.id));
    const refunds = entries.filter((e) => e.entry === 'refund');
    expect(refunds.map((e) => e.amount)).toEqual([-3_000, -2_000, -5_000]);
    expect(new Set(refunds.map((e) => e.platformOpId)).size).toBe(3);
  });

  it('applies two partial refunds reported before the success', async () => {
    const { t, r, success, before } = await cardDeposit(10_000);
    await postCallback(server, secret, refund(r, 1_000));
    await postCallback(server, secret, refund(r, 4_000));
    await postCallback(server, secret, success);
    expect((await row(r.id)).status).toBe('refunded');
    expect(await ledgerSum(server, t.login)).toBe(5_000);
    expect(await platformCents(server, t.login)).toBe(before + 5_000);
  });

  it('refuses a refund or chargeback of zero with 400 on amount, nothing stored', async () => {
    const { r, success } = await cardDeposit(10_000);
    await postCallback(server, secret, success);
    for (const type of ['payment.refunded', 'payment.chargeback'] as const) {
      const body = callbackBody({ type, requestId: r.id, providerRef: r.providerRef!, amount: 0 });
      const res = await postCallback(server, secret, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'bad_callback', field: 'amount' });
    }
    expect((await callbacksOf(r.id)).map((c) => c.type)).toEqual(['payment.succeeded']);
    expect((await row(r.id)).status).toBe('executed');
  });
});

describe('a success finance cannot simply take', () => {
  const confirm = (id: string, body: object) =>
    finance.api.call('POST', `/api/payments/requests/${id}/confirm`, body, newKey());

  it('after finance rejected the deposit: needs review with a problem, finance may still credit it', async () => {
    const { t, r, success, before } = await cardDeposit();
    const rejected = await finance.api.call(
      'POST',
      `/api/payments/requests/${r.id}/reject`,
      { reasonCode: 'payment_not_received' },
      newKey(),
    );
    expect(rejected.body.status).toBe('rejected');
    expect((await postCallback(server, secret, success)).status).toBe(200);
    expect(await row(r.id)).toMatchObject({ status: 'needs_review', problem: 'paid_after_rejection' });
    expect(await platformCents(server, t.login)).toBe(before);
    const confirmed = await confirm(r.id, {});
    expect(confirmed.body).toMatchObject({ status: 'executed', accountAmount: 25_000, problem: null });
    expect(await platformCents(server, t.login)).toBe(before + 25_000);
  });

  it('paid in another currency: needs review, and confirming needs the amount to credit', async () => {
    const { t, r, success, before } = await cardDeposit();
    await postCallback(server, secret, { ...success, currency: 'EUR' });
    expect(await row(r.id)).toMatchObject({ status: 'needs_review', problem: 'currency_mismatch' });
    const bare = await confirm(r.id, {});
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ code: 'amount_required', field: 'amount' });
    const confirmed = await confirm(r.id, { amount: 27_000 });
    expect(confirmed.body).toMatchObject({ status: 'executed', accountAmount: 27_000 });
    expect(await platformCents(server, t.login)).toBe(before + 27_000);
  });
});

describe('a chargeback beyond the free margin', () => {
  it('is posted anyway (a correction), not retried for ever', async () => {
    const { t, r, success } = await cardDeposit(10_000);
    await postCallback(server, secret, success);
    // The trader withdrew everything meanwhile: no free margin left for a withdrawal.
    const all = (await platformCents(server, t.login)) / 100;
    await server.ctx.tradingPlatform.balanceOperation(t.login, {
      id: `drain-${r.id}`,
      kind: 'withdrawal',
      amount: -all,
    });
    const cb = callbackBody({
      type: 'payment.chargeback',
      requestId: r.id,
      providerRef: r.providerRef!,
      amount: 10_000,
    });
    expect((await postCallback(server, secret, cb)).status).toBe(200);
    expect(await row(r.id)).toMatchObject({ status: 'charged_back', problem: null });
    expect(await platformCents(server, t.login)).toBe(-10_000);
  });
});
