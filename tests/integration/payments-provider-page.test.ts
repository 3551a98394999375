import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { registerSimulatedPaymentPages } from '../../src/integrations/payments/simulator/routes.js';
import type { SimulatedPaymentProvider } from '../../src/integrations/payments/simulator/sim-provider.js';
import { ManualTimers } from '../../src/integrations/payments/simulator/timers.js';
import { paymentRequest, Receiver, simulator } from './payments-provider.fixtures.js';

/** The hosted payment page as the trader's browser uses it: GET the page, POST its forms, follow 303s. */

let timers: ManualTimers;
let receiver: Receiver;
let sim: SimulatedPaymentProvider;
let app: FastifyInstance;
const clock = new ManualClock(new Date('2026-12-07T10:00:00Z'));

beforeEach(async () => {
  timers = new ManualTimers();
  receiver = new Receiver(timers);
  await receiver.start();
  sim = simulator(receiver, timers, { settleMs: 10_000 });
  app = Fastify();
  await registerSimulatedPaymentPages(app, sim, { clock });
  await app.ready();
});
afterEach(async () => {
  await app.close();
  await sim.stop();
  await receiver.close();
});

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
});

async function session(amount = 12_345, currency = 'USD') {
  const { providerRef, url } = await sim.createPayment(paymentRequest(receiver, amount, currency));
  return { ref: providerRef, path: new URL(url).pathname };
}

describe('simulated provider: hosted payment page', () => {
  it('shows the amount, the card form with labelled fields, and the test cards', async () => {
    const { path, ref } = await session(12_345, 'USD');
    const res = await app.inject({ method: 'GET', url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
    const page = res.body;
    expect(page).toContain('<html lang="en"');
    expect(page).toContain('$123.45');
    expect(page).toContain(ref);
    for (const id of ['card', 'name', 'expiry', 'cvc']) expect(page).toContain(`<label for="${id}">`);
    expect(page).toContain('4000 0000 0000 9995');
    expect(page).not.toMatch(/<script/i);
  });

  it('formats a zero-decimal currency without cents', async () => {
    const { path } = await session(5_000, 'JPY');
    expect((await app.inject({ method: 'GET', url: path })).body).toContain('¥5,000');
  });

  it('a full card form pays and sends the trader back to the return URL (303)', async () => {
    const { path, ref } = await session();
    const res = await app.inject({
      method: 'POST',
      url: path,
      ...form({ action: 'pay', card: '4242 4242 4242 4242', name: 'Ana Pérez', expiry: '12/30', cvc: '123' }),
    });
    expect(res.statusCode).toBe(303);
    const back = new URL(res.headers.location as string);
    expect(back.origin + back.pathname).toBe('http://crm.test/cabinet/payments');
    expect(back.searchParams.get('payment')).toBe('succeeded');
    expect(back.searchParams.get('ref')).toBe(ref);
    await timers.runDue();
    expect(receiver.types()).toEqual(['payment.succeeded']);
    // Paid: the page now says so, and a second payment is refused.
    const again = await app.inject({ method: 'GET', url: path });
    expect(again.body).toContain('This payment has been made.');
    const twice = await app.inject({
      method: 'POST',
      url: path,
      ...form({ action: 'pay', card: '4242424242424242', quick: '1' }),
    });
    expect(twice.statusCode).toBe(409);
    await timers.runDue();
    expect(receiver.received).toHaveLength(1);
  });

  it('a test card button picks the outcome: pending, then settled', async () => {
    const { path } = await session();
    const res = await app.inject({
      method: 'POST',
      url: path,
      ...form({ action: 'pay', quick: '1', card: '4000000000003220' }),
    });
    expect(new URL(res.headers.location as string).searchParams.get('payment')).toBe('pending');
    await timers.advance(10_000);
    expect(receiver.types()).toEqual(['payment.pending', 'payment.succeeded']);
  });

  it('refuses a bad card form with the errors tied to their fields, sending nothing', async () => {
    const { path } = await session();
    const res = await app.inject({
      method: 'POST',
      url: path,
      ...form({ action: 'pay', card: '4242 4242 4242 4241', name: '', expiry: '11/26', cvc: '12' }),
    });
    expect(res.statusCode).toBe(400);
    const page = res.body;
    expect(page).toContain('role="alert"');
    expect(page).toContain('This card number is not valid');
    expect(page).toContain('Enter the name on the card');
    expect(page).toContain('This card has expired');
    expect(page).toContain('Enter the 3 or 4 digit security code');
    expect(page).toMatch(/id="card" name="card" aria-invalid="true" aria-describedby="card-hint card-error"/);
    // What was typed is kept (escaped), the security code never echoed.
    expect(page).toContain('value="4242 4242 4242 4241"');
    await timers.runDue();
    expect(receiver.received).toHaveLength(0);
  });

  it('escapes what it shows: a description with markup stays text', async () => {
    const req = { ...paymentRequest(receiver), description: '<img src=x onerror=alert(1)>' };
    const { url } = await sim.createPayment(req);
    const page = (await app.inject({ method: 'GET', url: new URL(url).pathname })).body;
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('cancel sends the trader back and the provider reports a decline', async () => {
    const { path } = await session();
    const res = await app.inject({ method: 'POST', url: path, ...form({ action: 'cancel' }) });
    expect(new URL(res.headers.location as string).searchParams.get('payment')).toBe('cancelled');
    await timers.runDue();
    expect(receiver.received[0]!.body).toMatchObject({
      type: 'payment.declined',
      reason: 'Cancelled by the payer',
    });
  });

  it('the cardholder can dispute a paid payment from its page (a chargeback)', async () => {
    const { path } = await session();
    await app.inject({
      method: 'POST',
      url: path,
      ...form({ action: 'pay', quick: '1', card: '4242424242424242' }),
    });
    expect((await app.inject({ method: 'GET', url: path })).body).toContain('Dispute this payment');
    const res = await app.inject({ method: 'POST', url: path, ...form({ action: 'dispute' }) });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('Dispute this payment');
    await timers.runDue();
    expect(receiver.types()).toEqual(['payment.succeeded', 'payment.chargeback']);
  });

  it('an unknown or malformed session is a 404 page; a malformed form a 400', async () => {
    expect(
      (await app.inject({ method: 'GET', url: '/sim-pay/pay_000000000000000000000000' })).statusCode,
    ).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/sim-pay/..%2f..%2fetc' })).statusCode).toBe(404);
    const { path } = await session();
    expect((await app.inject({ method: 'POST', url: path, ...form({ action: 'steal' }) })).statusCode).toBe(
      400,
    );
  });
});
