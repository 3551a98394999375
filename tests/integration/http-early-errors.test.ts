import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet, rawRequest, type RawResponse } from '../support/raw-http.js';
import { startTestServer, type TestServer } from '../support/server.js';

// Errors Fastify or Node raise before any route or hook runs (bad escapes, broken requests, huge
// headers) must still be `{code, message}` with the security headers, over a real socket.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

function expectOurError(res: RawResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(res.body);
  expect(body).toEqual({ code, message: expect.any(String) });
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  expect(res.headers['referrer-policy']).toBe('same-origin');
  expect(res.headers['cache-control']).toBe('no-store');
  return body as { code: string; message: string };
}

describe('errors before routing', () => {
  it.each(['/api/clients/%E0%A4%A', '/%', '/%zz', '/api/%C0%80', '/api/portal/me%', '/cabinet/%E0%A4%A?x=1'])(
    'answers the malformed URL %s with 400 bad_url',
    async (path) => {
      const body = expectOurError(await rawGet(server.url, path), 400, 'bad_url');
      expect(body.message).not.toContain('FST_'); // our words, not the framework's
    },
  );

  it('answers an over-long path parameter with 414 in the same format', async () => {
    expectOurError(await rawGet(server.url, `/api/clients/${'a'.repeat(300)}`), 414, 'url_too_long');
  });

  it('answers oversized headers with 431', async () => {
    const res = await rawGet(server.url, '/health', `X-Big: ${'a'.repeat(20_000)}\r\n`);
    expectOurError(res, 431, 'headers_too_large');
  });

  it.each([
    ['a broken request line', 'GARBAGE\r\n\r\n'],
    ['a header name with a space', 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n'],
    [
      'a non-numeric content length',
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    ],
  ])('answers %s with 400 bad_request', async (_what, bytes) => {
    expectOurError(await rawRequest(server.url, bytes), 400, 'bad_request');
  });

  it('still answers a good request on the same server normally', async () => {
    const res = await rawGet(server.url, '/api/nope%20x');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).code).toBe('not_found');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('requests that arrive while the server shuts down', () => {
  it('get 503 shutting_down in the one format', async () => {
    const own = await startTestServer();
    const { port } = new URL(own.url);
    const socket = connect(Number(port), '127.0.0.1');
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (c) => (data += c));
    socket.on('error', () => {});
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // Half a request keeps the connection busy, so closing does not drop it; the request completes
    // only once the server is closing.
    socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    await new Promise((r) => setTimeout(r, 100));
    const closing = own.close();
    await new Promise((r) => setTimeout(r, 100));
    socket.write('\r\n');
    await Promise.all([ended, closing]);
    const split = data.indexOf('\r\n\r\n');
    const headers = Object.fromEntries(
      data
        .slice(0, split)
        .split('\r\n')
        .slice(1)
        .map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
    );
    const res = { status: Number(data.split(' ')[1]), headers, body: data.slice(split + 4) };
    expectOurError(res, 503, 'shutting_down');
    expect(headers.connection).toBe('close');
  });
});
