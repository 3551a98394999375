import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiClient,
  createStaff,
  signedIn,
  signedInAdmin,
  startTestServer,
  totpNow,
  type TestServer,
} from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    throttle: { accountFailures: 3, ipFailures: 8, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  });
});
afterAll(() => server?.close());

describe('staff sign-in', () => {
  it('signs in without 2FA for roles that do not require it, and issues a new session id each time', async () => {
    const user = await createStaff(server.ctx, 'sales_manager');
    const api = new ApiClient(server.app);
    const first = await api.login(user.email, user.password);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('ok');
    expect(first.body.user.permissions).toContain('clients.read');
    const cookie1 = api.jar.get('bd_sid');
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect((await api.call('GET', '/api/auth/me')).body.user.email).toBe(user.email);
    await api.login(user.email, user.password);
    expect(api.jar.get('bd_sid')).not.toBe(cookie1);
  });

  it('answers a wrong password with 401 and records the failure in the audit trail', async () => {
    const user = await createStaff(server.ctx, 'support_agent');
    const api = new ApiClient(server.app);
    const res = await api.login(user.email, 'not-the-password');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ code: 'invalid_credentials', message: expect.any(String) });
    expect(api.jar.get('bd_sid')).toBeUndefined();
    const audit = await server.ctx.audit.list({ type: 'auth.login_failed', page: 1, pageSize: 50 });
    expect(
      audit.items.some((e) => e.payload.email === user.email && e.payload.reason === 'bad_password'),
    ).toBe(true);
  });

  it('gives the same answer for an unknown email as for a wrong password', async () => {
    const res = await new ApiClient(server.app).login('nobody@test.local', 'whatever-password');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_credentials');
  });

  it('locks an account after repeated failures, even for the right password, until the lock expires', async () => {
    const user = await createStaff(server.ctx, 'finance');
    const api = new ApiClient(server.app);
    const ip = { 'x-forwarded-for': '10.9.9.9' };
    for (let i = 0; i < 2; i++)
      expect(
        (await api.call('POST', '/api/auth/login', { email: user.email, password: 'wrong-password' }, ip))
          .status,
      ).toBe(401);
    const third = await api.login(user.email, 'wrong-password');
    expect(third.status).toBe(423);
    expect(third.body.code).toBe('account_locked');
    const right = await api.login(user.email, user.password);
    expect(right.status).toBe(423);
    expect(api.jar.get('bd_sid')).toBeUndefined();
    server.clock.advance(16 * 60_000);
    expect((await api.login(user.email, user.password)).body.status).toBe('ok');
  });

  it('rate-limits one IP trying many accounts', async () => {
    const api = new ApiClient(server.app);
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await api.login(`spray${i}@test.local`, 'password-guess')).status;
    expect(last).toBe(429);
    server.clock.advance(16 * 60_000);
  });

  it('answers a sign-in with text that cannot be stored as a wrong one: 401, audited, throttled', async () => {
    const user = await createStaff(server.ctx, 'support_agent');
    const api = new ApiClient(server.app);
    const attempts = [
      { email: 'nul\u0000@test.local', password: 'whatever-password' },
      { email: 'half\ud800@test.local', password: 'whatever-password' },
      { email: user.email, password: 'pass\u0000word\ud800' },
    ];
    for (const body of attempts) {
      const res = await api.call('POST', '/api/auth/login', body);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_credentials');
    }
    // The audit trail keeps a storable copy of what was typed (U+FFFD for each offending character).
    const audit = await server.ctx.audit.list({ type: 'auth.login_failed', page: 1, pageSize: 50 });
    const reasons = audit.items.slice(0, 3).map((e) => [e.payload.email, e.payload.reason]);
    expect(reasons).toEqual([
      [user.email, 'bad_password'],
      ['half\ufffd@test.local', 'unstorable_email'],
      ['nul\ufffd@test.local', 'unstorable_email'],
    ]);
    // They count against the address like any failure: no free guesses around the throttle.
    let last = 0;
    for (let i = 0; i < 8; i++)
      last = (await api.call('POST', '/api/auth/login', { email: `x${i}\u0000`, password: 'p' })).status;
    expect(last).toBe(429);
    server.clock.advance(16 * 60_000);
  });

  it('ends the session on the server at logout: the old cookie no longer works', async () => {
    const { api } = await signedIn(server, 'compliance');
    const cookie = api.jar.header();
    expect((await api.call('POST', '/api/auth/logout')).status).toBe(204);
    const replay = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('session_ended');
  });

  it('expires an idle session and an over-age session', async () => {
    const { api } = await signedIn(server, 'sales_manager');
    server.clock.advance(31 * 60_000);
    const idle = await api.call('GET', '/api/auth/me');
    expect(idle.status).toBe(401);
    expect(idle.body.code).toBe('session_expired');

    const { api: busy } = await signedIn(server, 'sales_manager');
    // Active every 20 minutes, but the absolute limit (12 h) still ends it.
    for (let i = 0; i < 36; i++) {
      server.clock.advance(20 * 60_000);
      const res = await busy.call('GET', '/api/auth/me');
      if (i < 35) expect(res.status).toBe(200);
      else expect(res.body.code).toBe('session_expired');
    }
  });
});

describe('two-factor authentication', () => {
  it('makes an admin enrol at first sign-in, then asks for a code every time', async () => {
    const { admin, secret, recoveryCodes } = await signedInAdmin(server);
    expect(recoveryCodes).toHaveLength(10);
    const api = new ApiClient(server.app);
    const step1 = await api.login(admin.email, admin.password);
    expect(step1.body).toEqual({ status: 'mfa_required' });
    expect(api.jar.get('bd_sid')).toBeUndefined();
    const wrong = await api.call('POST', '/api/auth/mfa/verify', { code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_code');
    server.clock.advance(30_000); // the enrolment code's step is spent; use the next one
    const ok = await api.call('POST', '/api/auth/mfa/verify', { code: totpNow(secret, server.clock) });
    expect(ok.status).toBe(200);
    expect(ok.body.user.mfaEnabled).toBe(true);
  });

  it('refuses a TOTP code that was already used', async () => {
    const { admin, secret } = await signedInAdmin(server);
    server.clock.advance(30_000);
    const code = totpNow(secret, server.clock);
    const a = new ApiClient(server.app);
    await a.login(admin.email, admin.password);
    expect((await a.call('POST', '/api/auth/mfa/verify', { code })).status).toBe(200);
    const b = new ApiClient(server.app);
    await b.login(admin.email, admin.password);
    expect((await b.call('POST', '/api/auth/mfa/verify', { code })).status).toBe(401);
  });

  it('accepts each recovery code once', async () => {
    const { admin, recoveryCodes } = await signedInAdmin(server);
    const a = new ApiClient(server.app);
    await a.login(admin.email, admin.password);
    expect((await a.call('POST', '/api/auth/mfa/verify', { code: recoveryCodes[0] })).status).toBe(200);
    const b = new ApiClient(server.app);
    await b.login(admin.email, admin.password);
    expect((await b.call('POST', '/api/auth/mfa/verify', { code: recoveryCodes[0] })).status).toBe(401);
  });

  it('needs the password step first: a code alone opens nothing', async () => {
    const res = await new ApiClient(server.app).call('POST', '/api/auth/mfa/verify', { code: '123456' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('challenge_expired');
  });

  it('can be required for all staff by policy', async () => {
    const { api } = await signedInAdmin(server);
    expect((await api.call('PATCH', '/api/settings/security', { mfaRequiredForAll: true })).status).toBe(200);
    const agent = await createStaff(server.ctx, 'support_agent');
    const res = await new ApiClient(server.app).login(agent.email, agent.password);
    expect(res.body.status).toBe('mfa_enrolment_required');
    await api.call('PATCH', '/api/settings/security', { mfaRequiredForAll: false });
  });
});
