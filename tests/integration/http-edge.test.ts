import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { staffUsers } from '../../src/db/schema.js';
import { signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { BODY_LIMIT_BYTES: '4096' } });
});
afterAll(() => server?.close());

const staffCount = async () =>
  Number((await server.ctx.database.db.select({ n: count() }).from(staffUsers))[0]!.n);

describe('HTTP edge', () => {
  it('refuses a support agent on an admin route with 403 and writes nothing', async () => {
    const { api } = await signedIn(server, 'support_agent');
    const before = await staffCount();
    const res = await api.call('POST', '/api/staff', {
      name: 'Eve',
      email: 'eve@test.local',
      password: 'long-enough-pw',
      role: 'admin',
      teamId: null,
      languages: [],
      active: true,
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect(await staffCount()).toBe(before);
    expect((await api.call('PATCH', '/api/settings/security', { mfaRequiredForAll: true })).status).toBe(403);
    expect((await api.call('GET', '/api/audit')).status).toBe(403);
  });

  it('answers 401 to anonymous calls on staff routes', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/staff' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ code: 'unauthorized', message: expect.any(String) });
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const { api } = await signedInAdmin(server);
    const before = await staffCount();
    const res = await api.call('POST', '/api/staff', '{"name": "x",');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('malformed_json');
    expect(res.raw).not.toMatch(/at .*\.js/); // no stack trace
    expect(await staffCount()).toBe(before);
  });

  it('refuses unknown fields and names the field', async () => {
    const { api } = await signedInAdmin(server);
    const res = await api.call('POST', '/api/staff', {
      name: 'Mallory',
      email: 'mallory@test.local',
      password: 'long-enough-pw',
      role: 'sales_manager',
      teamId: null,
      languages: [],
      active: true,
      isSuperuser: true,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'unknown_field', field: 'isSuperuser' });
  });

  it('names the invalid field', async () => {
    const { api } = await signedInAdmin(server);
    const res = await api.call('POST', '/api/staff', {
      name: 'Bob',
      email: 'not-an-email',
      password: 'long-enough-pw',
      role: 'sales_manager',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', field: 'email' });
    const weak = await api.call('POST', '/api/staff', {
      name: 'Bob',
      email: 'bob@test.local',
      password: 'short',
      role: 'sales_manager',
    });
    expect(weak.body).toMatchObject({ code: 'validation_failed', field: 'password' });
    const role = await api.call('POST', '/api/staff', {
      name: 'Bob',
      email: 'bob@test.local',
      password: 'long-enough-pw',
      role: 'god',
    });
    expect(role.body).toMatchObject({ code: 'validation_failed', field: 'role' });
  });

  it('refuses an oversized body with 413 and writes nothing', async () => {
    const { api } = await signedInAdmin(server);
    const before = await staffCount();
    const res = await api.call('POST', '/api/staff', {
      name: 'x'.repeat(10_000),
      email: 'big@test.local',
      password: 'long-enough-pw',
      role: 'finance',
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
    expect(await staffCount()).toBe(before);
  });

  it('refuses a wrong content type with 415', async () => {
    const { api } = await signedInAdmin(server);
    const res = await api.call('POST', '/api/staff', 'name=x&email=y', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('unsupported_media_type');
    const text = await api.call('POST', '/api/staff', '{"name":"x"}', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
  });

  it('refuses state-changing requests from a foreign Origin', async () => {
    const { api } = await signedInAdmin(server);
    const res = await api.call(
      'PATCH',
      '/api/settings/security',
      { mfaRequiredForAll: true },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('origin_forbidden');
    expect((await server.ctx.auth.securitySettings()).mfaRequiredForAll).toBe(false);
  });

  it('answers unknown routes with JSON 404', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });

  it('sets security headers on every response', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('reports health with the database status', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ok',
      database: { ok: true, kind: server.ctx.database.kind },
    });
  });

  it('exposes Prometheus metrics for requests, latency, event lag and sockets', async () => {
    await server.app.inject({ method: 'GET', url: '/health' });
    const res = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /brokerdesk_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/,
    );
    expect(res.body).toContain('brokerdesk_http_request_duration_seconds_bucket');
    expect(res.body).toContain('brokerdesk_event_delivery_lag_seconds');
    expect(res.body).toContain('brokerdesk_websocket_clients');
  });

  it('publishes an OpenAPI 3 document covering the routes', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/auth/login',
      '/api/staff',
      '/api/staff/{id}',
      '/api/teams',
      '/api/audit',
      '/api/notifications',
      '/health',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/staff'].post.requestBody).toBeDefined();
    const page = await server.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });
});
