import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../src/integrations/payments/simulator/timers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { paymentRequest, Receiver } from './payments-provider.fixtures.js';

/**
 * The simulated provider's hosted page inside the real app (buildServer): the app's security headers
 * apply, its Origin check guards the form posts, and the form parser the page needs stays in the
 * page's own scope — the API itself still takes JSON only.
 */

let server: TestServer;
let receiver: Receiver;

beforeAll(async () => {
  server = await startTestServer();
  receiver = new Receiver(new ManualTimers());
  await receiver.start();
});
afterAll(async () => {
  await server?.close();
  await receiver?.close();
});

const form = (fields: Record<string, string>, origin?: string) => ({
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    ...(origin ? { origin } : {}),
  },
  payload: new URLSearchParams(fields).toString(),
});

describe('simulated provider page in the app', () => {
  it('is served with the app security headers and takes a same-origin form post', async () => {
    const sim = server.ctx.simPayments;
    const { url } = await sim.createPayment(paymentRequest(receiver));
    const path = new URL(url).pathname;
    expect(url.startsWith(server.ctx.config.baseUrl)).toBe(true);
    const page = await server.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    const origin = new URL(server.ctx.config.baseUrl).origin;
    const paid = await server.app.inject({
      method: 'POST',
      url: path,
      ...form({ action: 'pay', quick: '1', card: '4242424242424242' }, origin),
    });
    expect(paid.statusCode).toBe(303);
  });

  it('refuses a cross-site form post', async () => {
    const { url } = await server.ctx.simPayments.createPayment(paymentRequest(receiver));
    const res = await server.app.inject({
      method: 'POST',
      url: new URL(url).pathname,
      ...form({ action: 'cancel' }, 'https://evil.example'),
    });
    expect(res.statusCode).toBe(403);
    expect(server.ctx.simPayments.payment(new URL(url).pathname.split('/').pop()!)?.status).toBe('open');
  });

  it('the API still refuses form bodies', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      ...form({ email: 'a@b.c', password: 'x' }),
    });
    expect(res.statusCode).toBe(415);
  });

  it('keeps the page out of the API document', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/sim-pay'))).toBe(false);
  });
});
