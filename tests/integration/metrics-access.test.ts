import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from '../support/raw-http.js';
import { startTestServer, type TestServer } from '../support/server.js';

// /metrics shows the runtime's version and the traffic: loopback only by default, or a bearer token.
const TOKEN = 'scrape-token-0123456789abcdef';
let open: TestServer;
let tokened: TestServer;
beforeAll(async () => {
  // TRUST_PROXY on: request.ip then follows X-Forwarded-For, which must not make anyone "loopback".
  open = await startTestServer({ env: { TRUST_PROXY: 'true' } });
  tokened = await startTestServer({ env: { METRICS_TOKEN: TOKEN } });
});
afterAll(async () => {
  await open?.close();
  await tokened?.close();
});

const get = (server: TestServer, remoteAddress: string, headers: Record<string, string> = {}) =>
  server.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });

function expectRefused(res: { statusCode: number; body: string; headers: Record<string, unknown> }) {
  expect(res.statusCode).toBe(403);
  expect(JSON.parse(res.body)).toEqual({ code: 'forbidden', message: expect.any(String) });
  expect(res.body).not.toContain('nodejs_version');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
}

describe('/metrics without METRICS_TOKEN', () => {
  it('refuses a public address with 403 in the one error format', async () => {
    expectRefused(await get(open, '203.0.113.9'));
  });

  it('serves loopback, over a real socket and over IPv6', async () => {
    const res = await rawGet(open.url, '/metrics');
    expect(res.status).toBe(200);
    expect(res.body).toContain('brokerdesk_http_requests_total');
    expect((await get(open, '::1')).statusCode).toBe(200);
  });

  it('refuses a request a proxy forwarded, whatever X-Forwarded-For claims', async () => {
    // The proxy on the same host connects from loopback on behalf of a public client.
    expectRefused(await get(open, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }));
    // A public client claiming loopback: request.ip is 127.0.0.1 under TRUST_PROXY, the socket is not.
    expectRefused(await get(open, '203.0.113.9', { 'x-forwarded-for': '127.0.0.1' }));
    expectRefused(await get(open, '127.0.0.1', { 'x-forwarded-for': '127.0.0.1' }));
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  it('serves the right bearer token from any address', async () => {
    const res = await get(tokened, '203.0.113.9', { authorization: `Bearer ${TOKEN}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('brokerdesk_http_requests_total');
  });

  it('refuses a wrong or missing token, from loopback too', async () => {
    expectRefused(await get(tokened, '203.0.113.9', { authorization: 'Bearer not-the-token-at-all-0000' }));
    expectRefused(await get(tokened, '127.0.0.1', { authorization: `Bearer ${TOKEN}0` }));
    expectRefused(await get(tokened, '127.0.0.1'));
  });
});
