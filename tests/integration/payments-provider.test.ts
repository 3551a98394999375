import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_CARDS, type PaymentOutcome } from '../../src/integrations/payments/simulator/cards.js';
import type { SimulatedPaymentProvider } from '../../src/integrations/payments/simulator/sim-provider.js';
import { ManualTimers, realTimers } from '../../src/integrations/payments/simulator/timers.js';
import { paymentRequest, Receiver, simulator } from './payments-provider.fixtures.js';

/**
 * The simulated payment provider against a plain receiving HTTP server: what a CRM's callback route
 * sees from it. Time is virtual (ManualTimers), so retries and delays are stepped through, not waited.
 */

let timers: ManualTimers;
let receiver: Receiver;
let sim: SimulatedPaymentProvider | undefined;

beforeEach(async () => {
  timers = new ManualTimers();
  receiver = new Receiver(timers);
  await receiver.start();
});
afterEach(async () => {
  await sim?.stop();
  sim = undefined;
  await receiver.close();
});

const card = (label: string): PaymentOutcome => TEST_CARDS.find((c) => c.label === label)!.outcome;

async function paid(provider: SimulatedPaymentProvider, outcome: PaymentOutcome, amount = 10_000) {
  const req = paymentRequest(receiver, amount);
  const { providerRef, url } = await provider.createPayment(req);
  const status = provider.pay(providerRef, outcome);
  await timers.runDue();
  return { req, providerRef, url, status };
}

describe('simulated payment provider: callbacks', () => {
  it('signs every callback per Standard Webhooks; the body matches the wire format, id = webhook-id', async () => {
    sim = simulator(receiver, timers);
    const { req, providerRef, url } = await paid(sim, card('Pays'), 12_345);
    expect(url).toBe(`http://crm.test/sim-pay/${providerRef}`);
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got!.verified).toBe(true);
    expect(got!.body).toMatchObject({
      type: 'payment.succeeded',
      id: got!.webhookId,
      providerRef,
      requestId: req.requestId,
      amount: 12_345,
      currency: 'USD',
    });
  });

  it('a callback signed with another secret does not verify at the receiver', async () => {
    sim = simulator(receiver, timers, { secret: () => 'whsec_' + Buffer.alloc(32, 7).toString('base64') });
    await paid(sim, card('Pays'));
    expect(receiver.received[0]!.verified).toBe(false);
  });

  it('retries with exponential back-off until a 2xx, then stops', async () => {
    sim = simulator(receiver, timers, { retry: { firstMs: 1_000, maxMs: 60_000 } });
    receiver.script = [500, 503, 422];
    await paid(sim, card('Pays'));
    await timers.advance(60_000);
    expect(receiver.received.map((r) => r.at)).toEqual([0, 1_000, 3_000, 7_000]);
    expect(new Set(receiver.received.map((r) => r.webhookId)).size).toBe(1);
    await timers.advance(24 * 3_600_000);
    expect(receiver.received).toHaveLength(4);
    expect(sim.pendingCallbacks).toBe(0);
  });

  it('caps the back-off and gives up after the last attempt', async () => {
    sim = simulator(receiver, timers, { retry: { firstMs: 1_000, maxMs: 4_000, maxAttempts: 5 } });
    receiver.script = Array(10).fill(500);
    await paid(sim, card('Pays'));
    await timers.advance(3_600_000);
    const at = receiver.received.map((r) => r.at);
    expect(at).toEqual([0, 1_000, 3_000, 7_000, 11_000]);
    expect(sim.deliveryStats.gaveUp).toBe(1);
    expect(sim.pendingCallbacks).toBe(0);
  });

  it('a network failure (nobody listening) is retried like an error answer', async () => {
    sim = simulator(receiver, timers, { retry: { firstMs: 500 } });
    const req = { ...paymentRequest(receiver), callbackUrl: 'http://127.0.0.1:1/api/payments/callbacks/sim' };
    const { providerRef } = await sim.createPayment(req);
    sim.pay(providerRef, card('Pays'));
    await timers.advance(2_000);
    expect(sim.deliveryStats.failedAttempts).toBeGreaterThanOrEqual(2);
    expect(sim.pendingCallbacks).toBe(1);
  });

  it('duplicates carry the same webhook-id and body, each signed afresh', async () => {
    sim = simulator(receiver, timers, { duplicateRate: 1, maxCopies: 3, duplicateSpreadMs: 1_000 });
    await paid(sim, card('Pays'));
    await timers.advance(1_000);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.webhookId)).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.raw)).size).toBe(1);
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });

  it('out of order: the held-back event arrives after the one that followed it', async () => {
    sim = simulator(receiver, timers, { outOfOrderRate: 1, settleMs: 10_000, holdMaxMs: 60_000 });
    await paid(sim, card('Pending, then settled'));
    expect(receiver.received).toHaveLength(0);
    await timers.advance(10_000);
    expect(receiver.types()).toEqual(['payment.succeeded', 'payment.pending']);
  });

  it('an event held back with nothing after it goes out after holdMaxMs', async () => {
    sim = simulator(receiver, timers, { outOfOrderRate: 1, holdMaxMs: 5_000 });
    await paid(sim, card('Pays'));
    await timers.advance(4_999);
    expect(receiver.received).toHaveLength(0);
    await timers.advance(1);
    expect(receiver.types()).toEqual(['payment.succeeded']);
  });

  it('a chargeback can overtake the success it undoes', async () => {
    sim = simulator(receiver, timers, { outOfOrderRate: 1, holdMaxMs: 60_000 });
    const { providerRef } = await paid(sim, card('Pays'));
    sim.chargeback(providerRef);
    await timers.advance(0);
    expect(receiver.types()).toEqual(['payment.chargeback', 'payment.succeeded']);
  });

  it('reports another amount than requested: the test card, and by chance', async () => {
    sim = simulator(receiver, timers);
    await paid(sim, card('Pays a different amount'), 10_000);
    const amount = receiver.received[0]!.body!.amount;
    expect(amount).not.toBe(10_000);
    expect(Math.abs(amount - 10_000)).toBeGreaterThanOrEqual(100);
    expect(Math.abs(amount - 10_000)).toBeLessThanOrEqual(500);
    await sim.stop();

    sim = simulator(receiver, timers, { amountMismatchRate: 1 });
    await paid(sim, card('Pays'), 1);
    expect(receiver.received[1]!.body!.amount).toBe(2);
  });

  it('pending, then settled after settleMs', async () => {
    sim = simulator(receiver, timers, { settleMs: 10_000 });
    const { status, providerRef } = await paid(sim, card('Pending, then settled'));
    expect(status).toBe('pending');
    expect(receiver.types()).toEqual(['payment.pending']);
    await timers.advance(9_999);
    expect(receiver.types()).toEqual(['payment.pending']);
    await timers.advance(1);
    expect(receiver.types()).toEqual(['payment.pending', 'payment.succeeded']);
    expect(sim.payment(providerRef)?.status).toBe('succeeded');
  });

  it('declines with a reason, and insufficient funds', async () => {
    sim = simulator(receiver, timers);
    await paid(sim, card('Declined: expired card'));
    await paid(sim, card('Insufficient funds'));
    expect(receiver.received.map((r) => [r.body?.type, r.body?.reason])).toEqual([
      ['payment.declined', 'Expired card'],
      ['payment.insufficient_funds', 'Insufficient funds'],
    ]);
  });

  it('an unpaid session expires into a decline', async () => {
    sim = simulator(receiver, timers, { sessionTtlMs: 60_000 });
    const { providerRef } = await sim.createPayment(paymentRequest(receiver));
    await timers.advance(60_000);
    expect(receiver.received.map((r) => r.body?.reason)).toEqual(['Payment session expired']);
    expect(() => sim!.pay(providerRef, card('Pays'))).toThrow(/already been completed/);
  });

  it('refunds part, then the rest; refuses more than was paid', async () => {
    sim = simulator(receiver, timers, { refundMs: 1_000 });
    const { providerRef } = await paid(sim, card('Pays'), 10_000);
    await sim.refund({ providerRef, amount: 3_000 });
    await expect(sim.refund({ providerRef, amount: 7_001 })).rejects.toMatchObject({ status: 400 });
    await sim.refund({ providerRef, amount: 7_000 });
    await timers.advance(1_000);
    expect(receiver.received.slice(1).map((r) => [r.body?.type, r.body?.amount])).toEqual([
      ['payment.refunded', 3_000],
      ['payment.refunded', 7_000],
    ]);
    await expect(sim.refund({ providerRef: 'pay_nope', amount: 1 })).rejects.toMatchObject({ status: 404 });
  });

  it('a chargeback takes back what was not refunded, once', async () => {
    sim = simulator(receiver, timers, { refundMs: 0 });
    const { providerRef } = await paid(sim, card('Pays'), 10_000);
    await sim.refund({ providerRef, amount: 2_500 });
    sim.chargeback(providerRef);
    await timers.runDue();
    const chargeback = receiver.received.find((r) => r.body?.type === 'payment.chargeback');
    expect(chargeback?.body?.amount).toBe(7_500);
    expect(() => sim!.chargeback(providerRef)).toThrow(/charged back/);
    await expect(sim.refund({ providerRef, amount: 1 })).rejects.toMatchObject({ status: 409 });
  });

  it('the "charged back later" card disputes after chargebackMs', async () => {
    sim = simulator(receiver, timers, { chargebackMs: 30_000 });
    await paid(sim, card('Pays, then charged back'));
    await timers.advance(30_000);
    expect(receiver.types()).toEqual(['payment.succeeded', 'payment.chargeback']);
  });

  it('payouts: paid after payoutMs; an account number ending 0002 fails with a reason', async () => {
    sim = simulator(receiver, timers, { payoutMs: 5_000 });
    const base = { amount: 5_000, currency: 'EUR', callbackUrl: receiver.url };
    const ok = await sim.createPayout({
      ...base,
      requestId: paymentRequest(receiver).requestId,
      details: { iban: 'DE89370400440532013000' },
    });
    const bad = await sim.createPayout({
      ...base,
      requestId: paymentRequest(receiver).requestId,
      details: { iban: 'DE89 3704 0044 0532 0000 02' },
    });
    await timers.advance(4_999);
    expect(receiver.received).toHaveLength(0);
    await timers.advance(1);
    const byRef = Object.fromEntries(receiver.received.map((r) => [r.body!.providerRef, r.body!]));
    expect(byRef[ok.providerRef]).toMatchObject({ type: 'payout.paid', amount: 5_000, currency: 'EUR' });
    expect(byRef[bad.providerRef]).toMatchObject({
      type: 'payout.failed',
      reason: 'Beneficiary account closed',
    });
    expect(sim.payout(ok.providerRef)?.status).toBe('paid');
  });

  it('refuses what no provider would take: a fractional amount, a bad currency, a relative URL', async () => {
    sim = simulator(receiver, timers);
    const req = paymentRequest(receiver);
    await expect(sim.createPayment({ ...req, amount: 10.5 })).rejects.toMatchObject({
      status: 400,
      field: 'amount',
    });
    await expect(sim.createPayment({ ...req, currency: 'usd' })).rejects.toMatchObject({ field: 'currency' });
    await expect(sim.createPayment({ ...req, callbackUrl: '/cb' })).rejects.toMatchObject({
      field: 'callbackUrl',
    });
  });

  it('on real timers (as npm start runs it) retries too, and stop() cancels what is scheduled', async () => {
    sim = simulator(receiver, timers, { timers: realTimers(), retry: { firstMs: 20 } });
    receiver.script = [500];
    const { providerRef } = await sim.createPayment(paymentRequest(receiver));
    sim.pay(providerRef, card('Pays'));
    for (let i = 0; i < 200 && sim.pendingCallbacks > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(receiver.received.map((r) => r.webhookId)).toEqual([
      receiver.received[0]!.webhookId,
      receiver.received[0]!.webhookId,
    ]);
    receiver.script = [500];
    await sim.createPayment(paymentRequest(receiver)).then((p) => sim!.pay(p.providerRef, card('Pays')));
    await sim.idle();
    await sim.stop();
    const after = receiver.received.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received.length).toBe(after);
  });

  it('is reproducible: the same seed gives the same duplicates and reordering', async () => {
    const pattern = async (seed: number) => {
      const t = new ManualTimers();
      const r = new Receiver(t);
      await r.start();
      const s = simulator(r, t, { seed, duplicateRate: 0.4, outOfOrderRate: 0.3, amountMismatchRate: 0.3 });
      const index = new Map<string, number>();
      for (let i = 0; i < 20; i++) {
        const req = paymentRequest(r, 10_000 + i);
        index.set(req.requestId, i);
        const { providerRef } = await s.createPayment(req);
        s.pay(providerRef, card('Pending, then settled'));
      }
      await t.advance(60_000);
      await s.stop();
      await r.close();
      return r.received.map((x) => `${index.get(x.body!.requestId)}:${x.body!.type}:${x.body!.amount}`);
    };
    const a = await pattern(7);
    expect(await pattern(7)).toEqual(a);
    expect(await pattern(8)).not.toEqual(a);
  });
});
