import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, mailOutbox } from '../../src/core/schema.js';
import { clients } from '../../src/modules/clients/schema.js';
import { traderAccounts } from '../../src/modules/cabinet/schema.js';
import { ApiClient, createStaff, signedIn, startTestServer, type TestServer } from '../support/server.js';
import { TestSmtp, type CapturedMail } from '../support/smtp.js';
import { TestSocket } from '../support/socket.js';

const BASE_URL = 'https://crm.example.test';
const system = { id: null, ip: null };

let server: TestServer;
let smtp: TestSmtp;
/** The sales desk the "Indonesia" rule sends new clients to, and its only manager. */
let desk: { teamId: string; managerUser: Awaited<ReturnType<typeof createStaff>> };

/**
 * The desk's manager, signed in afresh: tests move the clock by hours (link expiry, lockouts), which ends
 * staff sessions as it would in real life.
 */
async function deskManager() {
  const api = new ApiClient(server.app);
  const res = await api.login(desk.managerUser.email, desk.managerUser.password);
  if (res.body?.status !== 'ok') throw new Error(`manager login failed: ${JSON.stringify(res.body)}`);
  return { api, user: desk.managerUser };
}

beforeAll(async () => {
  smtp = await TestSmtp.start();
  server = await startTestServer({
    env: { SMTP_URL: smtp.url, BASE_URL, TRUST_PROXY: 'true' },
    throttle: { accountFailures: 3, ipFailures: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  });
  const team = await server.ctx.teams.create(system, { name: 'Indonesia desk', kind: 'sales', leadId: null });
  desk = {
    teamId: team.id,
    managerUser: await createStaff(server.ctx, 'sales_manager', { teamId: team.id }),
  };
  await server.ctx.assignmentRules.createRule(system, {
    name: 'Indonesia',
    countries: ['ID'],
    languages: [],
    sources: [],
    teamId: team.id,
    active: true,
  });
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

// Every caller gets its own address (TRUST_PROXY is on), so per-IP limits do not leak between tests.
let ipCounter = 0;
const freshIp = () => {
  ipCounter += 1;
  return { 'x-forwarded-for': `10.20.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}` };
};
const uniqueEmail = (prefix = 'trader') => `${prefix}.${randomBytes(4).toString('hex')}@example.test`;

function registration(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Budi Santoso',
    email: uniqueEmail(),
    phone: '+62 812 3456 7890',
    country: 'ID',
    language: 'id',
    password: 'correct-horse-battery',
    acceptTerms: true,
    acceptRisk: true,
    ...overrides,
  };
}

async function register(
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = freshIp(),
) {
  const body = registration(overrides);
  const api = new ApiClient(server.app);
  const res = await api.call('POST', '/api/portal/register', body, headers);
  return { api, res, body };
}

const db = () => server.ctx.database.db;
const clientByEmail = async (email: string) =>
  (
    await db()
      .select()
      .from(clients)
      .where(sql`lower(${clients.email}) = ${email.toLowerCase()}`)
  )[0];
const accountOf = async (clientId: string) =>
  (await db().select().from(traderAccounts).where(eq(traderAccounts.clientId, clientId)))[0];
const eventsOf = (clientId: string) =>
  db()
    .select()
    .from(events)
    .where(and(eq(events.subjectType, 'client'), eq(events.subjectId, clientId)));

function tokenIn(mail: CapturedMail, path: string): string {
  const escaped = `${BASE_URL}${path}`.replace(/[.?/]/g, (c) => `\\${c}`);
  const match = mail.text.match(new RegExp(`${escaped}\\?token=([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[1]!;
}
const mailTo = (email: string, subject: RegExp) =>
  smtp.next((m) => m.to.includes(email) && subject.test(m.subject));

describe('self-registration (situation 1)', () => {
  it('creates a Demo client with the rule-chosen manager, notified live, and emails a link built from BASE_URL', async () => {
    const manager = await deskManager();
    const socket = await TestSocket.open(server.url, manager.api.jar.header());
    try {
      const { api, res, body } = await register(
        {
          utm: {
            source: 'google',
            medium: 'cpc',
            campaign: 'spring-2026',
            term: 'forex',
            content: 'banner-a',
          },
          referralCode: 'IB-7731',
        },
        // The Host (and forwarded host) of the request must not leak into the emailed link.
        { ...freshIp(), host: 'evil.example.org', 'x-forwarded-host': 'evil.example.org' },
      );
      expect(res.status).toBe(201);
      expect(res.body.client).toMatchObject({
        name: body.name,
        email: body.email,
        status: 'demo',
        emailConfirmed: false,
      });
      expect(res.body.client).not.toHaveProperty('managerId');
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^bd_tsid=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).toMatch(/Secure/i);

      const row = (await clientByEmail(body.email))!;
      expect(row).toMatchObject({
        status: 'demo',
        managerId: desk.managerUser.id,
        teamId: desk.teamId,
        phone: '+6281234567890',
        source: 'google',
        login: body.email,
        referralCode: 'IB-7731',
        utm: { source: 'google', medium: 'cpc', campaign: 'spring-2026', term: 'forex', content: 'banner-a' },
      });
      const account = (await accountOf(row.id))!;
      expect(account.passwordHash).toMatch(/^\$argon2id\$/);
      expect(account.termsAcceptedAt).not.toBeNull();
      expect(account.riskAcceptedAt).not.toBeNull();

      // The manager hears about it at once: the status change arrives on their socket, with a toast.
      const live = await socket.next(
        (m) =>
          m.type === 'event' && m.event!.type === 'client.status_changed' && m.event!.subjectId === row.id,
      );
      expect(live.event!.payload).toMatchObject({ from: 'lead', to: 'demo', trigger: 'cabinet_registered' });
      expect(live.notification).toMatchObject({
        type: 'client.status_changed',
        payload: { clientId: row.id, to: 'demo' },
      });

      const mail = await mailTo(body.email, /confirm/i);
      expect(mail.text).toContain(`${BASE_URL}/cabinet/confirm?token=`);
      expect(mail.text).not.toContain('evil.example.org');
      expect(tokenIn(mail, '/cabinet/confirm')).toHaveLength(43);

      const me = await api.call('GET', '/api/portal/me');
      expect(me.status).toBe(200);
      expect(me.body.client.id).toBe(row.id);

      const timeline = await manager.api.call('GET', `/api/clients/${row.id}/timeline`);
      const types = timeline.body.items.map((e: { type: string }) => e.type);
      expect(types).toEqual(
        expect.arrayContaining(['client.created', 'client.status_changed', 'client.email_sent']),
      );
      const created = timeline.body.items.find((e: { type: string }) => e.type === 'client.created');
      expect(created).toMatchObject({
        actorKind: 'trader',
        payload: { kind: 'registration', assignedVia: 'rule' },
      });
    } finally {
      socket.close();
    }
  });

  it('uses source "website" without utm or source, and the explicit source over utm', async () => {
    const plain = await register();
    expect((await clientByEmail(plain.body.email))!.source).toBe('website');
    const explicit = await register({ source: 'landing-gold', utm: { source: 'facebook' } });
    expect((await clientByEmail(explicit.body.email))!.source).toBe('landing-gold');
  });

  it('registers a visitor who skipped country and language as unknown, so a country rule does not pick them', async () => {
    // The form sends null for a field left empty; an older page may leave the key out altogether.
    for (const skipped of [
      { country: null, language: null },
      { country: undefined, language: undefined },
    ]) {
      const { res, body } = await register(skipped);
      expect(res.status).toBe(201);
      expect(res.body.client).toMatchObject({ country: null, language: null });
      const row = (await clientByEmail(body.email))!;
      expect(row).toMatchObject({ country: null, language: null });
      // Only the Indonesia rule exists; an unknown country matches no country list.
      expect(row.managerId).not.toBe(desk.managerUser.id);
    }
  });

  it('confirms the email once; the link cannot be used twice and expires after 48 hours', async () => {
    const { api, body } = await register();
    const token = tokenIn(await mailTo(body.email, /confirm/i), '/cabinet/confirm');
    const anon = new ApiClient(server.app);
    const first = await anon.call('POST', '/api/portal/confirm-email', { token });
    expect(first.status).toBe(200);
    expect((await api.call('GET', '/api/portal/me')).body.client.emailConfirmed).toBe(true);
    const again = await anon.call('POST', '/api/portal/confirm-email', { token });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ code: 'token_invalid', field: 'token' });
    const row = (await clientByEmail(body.email))!;
    const confirmed = (await eventsOf(row.id)).filter((e) => e.type === 'client.email_confirmed');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0]).toMatchObject({ actorKind: 'trader', audience: { users: [row.managerId] } });

    const late = await register();
    const lateToken = tokenIn(await mailTo(late.body.email, /confirm/i), '/cabinet/confirm');
    server.clock.advance(48 * 3_600_000 + 1000);
    const expired = await anon.call('POST', '/api/portal/confirm-email', { token: lateToken });
    expect(expired.status).toBe(400);
    expect(expired.body.code).toBe('token_expired');
    expect((await anon.call('POST', '/api/portal/confirm-email', { token: 'x'.repeat(43) })).body.code).toBe(
      'token_invalid',
    );
  });

  it('sends the confirmation again on request, retiring the older link', async () => {
    const { api, body } = await register();
    const first = tokenIn(await mailTo(body.email, /confirm/i), '/cabinet/confirm');
    const resent = await api.call('POST', '/api/portal/confirm-email/resend');
    expect(resent.status).toBe(202);
    await expect.poll(() => smtp.to(body.email).filter((m) => /confirm/i.test(m.subject)).length).toBe(2);
    const second = tokenIn(
      smtp.to(body.email).filter((m) => /confirm/i.test(m.subject))[1]!,
      '/cabinet/confirm',
    );
    const anon = new ApiClient(server.app);
    expect((await anon.call('POST', '/api/portal/confirm-email', { token: first })).body.code).toBe(
      'token_invalid',
    );
    expect((await anon.call('POST', '/api/portal/confirm-email', { token: second })).status).toBe(200);
    const again = await api.call('POST', '/api/portal/confirm-email/resend');
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('already_confirmed');
    expect((await anon.call('POST', '/api/portal/confirm-email/resend')).status).toBe(401);
  });

  it('refuses a second registration with the same email, in any case, and a staff lead’s email too', async () => {
    const { body } = await register();
    const dup = await register({ email: body.email.toUpperCase(), name: 'Someone Else' });
    expect(dup.res.status).toBe(409);
    expect(dup.res.body).toMatchObject({ code: 'email_taken', field: 'email' });
    expect(dup.api.jar.get('bd_tsid')).toBeUndefined();

    const leadEmail = uniqueEmail('lead');
    const lead = await (
      await deskManager()
    ).api.call('POST', '/api/clients', { name: 'Walk-in Lead', email: leadEmail, phone: '+44 20 7946 0958' });
    expect(lead.status).toBe(201);
    const clash = await register({ email: leadEmail });
    expect(clash.res.status).toBe(409);
    expect(clash.res.body).toMatchObject({ code: 'email_taken', field: 'email' });
    expect(clash.res.body.message).toMatch(/reset your password|support/i);
    const rows = await db()
      .select()
      .from(clients)
      .where(sql`lower(${clients.email}) = ${leadEmail}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('lead');
    expect(await accountOf(rows[0]!.id)).toBeUndefined();
  });

  it('lets exactly one of two simultaneous registrations of one email through', async () => {
    const email = uniqueEmail('race');
    const results = await Promise.all([register({ email }), register({ email: email.toUpperCase() })]);
    expect(results.map((r) => r.res.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.res.status === 409)!.res.body).toMatchObject({
      code: 'email_taken',
      field: 'email',
    });
    expect(
      await db()
        .select()
        .from(clients)
        .where(sql`lower(${clients.email}) = ${email}`),
    ).toHaveLength(1);
  });

  it('answers bad input with 400 and the field, writing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email' }, 'email'],
      [{ phone: '12345' }, 'phone'],
      [{ country: 'Indonesia' }, 'country'],
      [{ language: 'indonesian' }, 'language'],
      [{ password: 'short' }, 'password'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ name: 'Bad\u0000Name' }, 'name'],
      [{ acceptRisk: undefined }, 'acceptRisk'],
      [{ acceptRisk: 'yes' }, 'acceptRisk'],
      [{ acceptTerms: false }, 'acceptTerms'],
      [{ utm: { source: 'a\u0000b' } }, 'utm.source'],
      [{ status: 'live' }, 'status'],
    ];
    for (const [overrides, field] of cases) {
      const { res, body } = await register(overrides);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.field).toBe(field);
      if (typeof body.email === 'string' && body.email.includes('@'))
        expect(await clientByEmail(body.email)).toBeUndefined();
    }
  });

  it('stores Arabic, right-to-left and emoji names exactly as typed', async () => {
    for (const name of [
      'محمد بن سلمان',
      '\u200Fיוסף כהן\u200F',
      'Zoë 🚀 Łukasz-Ñúñez',
      '李小龍',
      'A'.repeat(200),
    ]) {
      const { res, body } = await register({ name });
      expect(res.status).toBe(201);
      expect(res.body.client.name).toBe(name);
      expect((await clientByEmail(body.email))!.name).toBe(name);
    }
  });

  it('rate-limits registrations from one address', async () => {
    const ip = freshIp();
    const taken = (await register()).body.email;
    for (let i = 0; i < 10; i++) expect((await register({ email: taken }, ip)).res.status).toBe(409);
    const blocked = await register({}, ip);
    expect(blocked.res.status).toBe(429);
    expect(blocked.res.body.code).toBe('rate_limited');
    expect(await clientByEmail(blocked.body.email)).toBeUndefined();
    expect((await register({}, freshIp())).res.status).toBe(201);
  });
});

describe('trader sessions', () => {
  it('answers "who is signed in" without a 401 for a visitor, so public cabinet pages log no errors', async () => {
    const anon = new ApiClient(server.app);
    const visitor = await anon.call('GET', '/api/portal/session');
    expect(visitor).toMatchObject({ status: 200, body: { client: null } });
    // A staff cookie is nobody here either.
    const staffToken = (await deskManager()).api.jar.get('bd_sid')!;
    const staffSession = await anon.call('GET', '/api/portal/session', undefined, {
      cookie: `bd_sid=${staffToken}; bd_tsid=${staffToken}`,
    });
    expect(staffSession).toMatchObject({ status: 200, body: { client: null } });

    const trader = await register();
    const signedIn = await trader.api.call('GET', '/api/portal/session');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.client).toMatchObject({ email: trader.body.email, status: 'demo' });
    await trader.api.call('POST', '/api/portal/logout');
    const after = await anon.call('GET', '/api/portal/session', undefined, {
      cookie: `bd_tsid=${trader.res.headers['set-cookie']!.toString().match(/bd_tsid=([^;]+)/)![1]}`,
    });
    expect(after).toMatchObject({ status: 200, body: { client: null } });
  });

  it('never lets a trader cookie open a staff route, nor a staff cookie a cabinet route', async () => {
    const trader = await register();
    const traderToken = trader.api.jar.get('bd_tsid')!;
    const staffToken = (await deskManager()).api.jar.get('bd_sid')!;
    const anon = new ApiClient(server.app);
    for (const cookie of [`bd_tsid=${traderToken}`, `bd_sid=${traderToken}`]) {
      expect((await anon.call('GET', '/api/auth/me', undefined, { cookie })).status).toBe(401);
      expect((await anon.call('GET', '/api/clients', undefined, { cookie })).status).toBe(401);
    }
    for (const cookie of [`bd_sid=${staffToken}`, `bd_tsid=${staffToken}`]) {
      expect((await anon.call('GET', '/api/portal/me', undefined, { cookie })).status).toBe(401);
      expect((await anon.call('PATCH', '/api/portal/me', { language: 'en' }, { cookie })).status).toBe(401);
    }
    // Both still work where they belong.
    expect(
      (await anon.call('GET', '/api/portal/me', undefined, { cookie: `bd_tsid=${traderToken}` })).status,
    ).toBe(200);
    expect(
      (await anon.call('GET', '/api/auth/me', undefined, { cookie: `bd_sid=${staffToken}` })).status,
    ).toBe(200);
    expect((await anon.call('GET', '/api/portal/me')).status).toBe(401);
  });

  it('signs in by email in any case, records the login on the timeline, and signs out', async () => {
    const { body } = await register();
    const api = new ApiClient(server.app);
    const wrong = await api.call(
      'POST',
      '/api/portal/login',
      { email: body.email, password: 'wrong-password!' },
      freshIp(),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('invalid_credentials');
    const unknown = await api.call(
      'POST',
      '/api/portal/login',
      { email: uniqueEmail(), password: body.password },
      freshIp(),
    );
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('invalid_credentials');

    const ok = await api.call(
      'POST',
      '/api/portal/login',
      { email: body.email.toUpperCase(), password: body.password },
      freshIp(),
    );
    expect(ok.status).toBe(200);
    expect(ok.body.client.email).toBe(body.email);
    expect(api.jar.get('bd_tsid')).toBeDefined();
    const row = (await clientByEmail(body.email))!;
    const logins = (await eventsOf(row.id)).filter((e) => e.type === 'client.cabinet_login');
    expect(logins).toHaveLength(1);
    expect(logins[0]).toMatchObject({ actorKind: 'trader', actorId: row.id });

    expect((await api.call('POST', '/api/portal/logout')).status).toBe(204);
    expect(api.jar.get('bd_tsid')).toBeUndefined();
    const reuse = await new ApiClient(server.app).call('GET', '/api/portal/me', undefined, {
      cookie: `bd_tsid=${ok.headers['set-cookie']!.toString().split(';')[0]!.split('=')[1]}`,
    });
    expect(reuse.status).toBe(401);
  });

  it('answers a sign-in with text that cannot be stored as a wrong one: 401, audited, throttled', async () => {
    const { body } = await register();
    const api = new ApiClient(server.app);
    const ip = freshIp();
    const attempts = [
      { email: 'nul\u0000@example.test', password: body.password },
      { email: 'half\ud800', password: body.password },
      { email: body.email, password: `${body.password}\u0000` },
    ];
    for (const attempt of attempts) {
      const res = await api.call('POST', '/api/portal/login', attempt, ip);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_credentials');
    }
    const failed = await db()
      .select()
      .from(events)
      .where(and(eq(events.type, 'portal.login_failed'), eq(events.ip, ip['x-forwarded-for'])));
    expect(
      failed.map((e) => [(e.payload as { login: string }).login, (e.payload as { reason: string }).reason]),
    ).toEqual(
      expect.arrayContaining([
        ['nul\ufffd@example.test', 'unstorable_login'],
        ['half\ufffd', 'unstorable_login'],
        [body.email, 'bad_password'],
      ]),
    );
    // Counted against the address like any failure (50 here): no free guesses around the throttle.
    let last = 0;
    for (let i = 0; i < 50; i++)
      last = (await api.call('POST', '/api/portal/login', { email: `x${i}\u0000`, password: 'p' }, ip))
        .status;
    expect(last).toBe(429);
  });

  it('locks the cabinet after repeated wrong passwords, even for the right one, until the lock ends', async () => {
    const { body } = await register();
    const api = new ApiClient(server.app);
    const attempt = (password: string) =>
      api.call('POST', '/api/portal/login', { email: body.email, password }, freshIp());
    expect((await attempt('wrong-password-1')).status).toBe(401);
    expect((await attempt('wrong-password-2')).status).toBe(401);
    const third = await attempt('wrong-password-3');
    expect(third.status).toBe(423);
    expect(third.body.code).toBe('account_locked');
    expect((await attempt(body.password)).status).toBe(423);
    server.clock.advance(16 * 60_000);
    expect((await attempt(body.password)).status).toBe(200);
  });

  it('lets the trader change contacts (never name, email or status), recorded as client.updated', async () => {
    const { api, body } = await register();
    const res = await api.call('PATCH', '/api/portal/me', {
      phone: '+62 811 000 1111',
      language: 'en',
      country: 'MY',
    });
    expect(res.status).toBe(200);
    expect(res.body.client).toMatchObject({
      phone: '+628110001111',
      language: 'en',
      country: 'MY',
      email: body.email,
    });
    const row = (await clientByEmail(body.email))!;
    const updated = (await eventsOf(row.id)).filter((e) => e.type === 'client.updated');
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({
      actorKind: 'trader',
      payload: { changes: { phone: { from: '+6281234567890', to: '+628110001111' } } },
    });
    expect((await api.call('PATCH', '/api/portal/me', { phone: 'call me' })).body.field).toBe('phone');
    for (const field of ['name', 'email', 'status']) {
      const refused = await api.call('PATCH', '/api/portal/me', { [field]: 'live' });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'unknown_field', field });
    }
  });

  it('changes the password, ending the trader’s other sessions but not this one', async () => {
    const { api, body } = await register();
    const other = new ApiClient(server.app);
    expect(
      (
        await other.call(
          'POST',
          '/api/portal/login',
          { email: body.email, password: body.password },
          freshIp(),
        )
      ).status,
    ).toBe(200);
    const wrong = await api.call('POST', '/api/portal/password', {
      currentPassword: 'nope-nope-nope',
      newPassword: 'a-brand-new-secret',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.field).toBe('currentPassword');
    const done = await api.call('POST', '/api/portal/password', {
      currentPassword: body.password,
      newPassword: 'a-brand-new-secret',
    });
    expect(done.status).toBe(204);
    expect((await other.call('GET', '/api/portal/me')).status).toBe(401);
    expect((await api.call('GET', '/api/portal/me')).status).toBe(200);
    const fresh = new ApiClient(server.app);
    expect(
      (
        await fresh.call(
          'POST',
          '/api/portal/login',
          { email: body.email, password: body.password },
          freshIp(),
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await fresh.call(
          'POST',
          '/api/portal/login',
          { email: body.email, password: 'a-brand-new-secret' },
          freshIp(),
        )
      ).status,
    ).toBe(200);
  });
});

describe('password reset', () => {
  it('answers the same for an unknown email, and mails a single-use link only for a real cabinet', async () => {
    const { api, body } = await register();
    const anon = new ApiClient(server.app);
    const unknownEmail = uniqueEmail('ghost');
    const forUnknown = await anon.call(
      'POST',
      '/api/portal/password-reset',
      { email: unknownEmail },
      freshIp(),
    );
    const forKnown = await anon.call(
      'POST',
      '/api/portal/password-reset',
      { email: body.email.toUpperCase() },
      freshIp(),
    );
    expect(forUnknown.status).toBe(202);
    expect(forKnown.status).toBe(202);
    expect(forKnown.raw).toBe(forUnknown.raw);

    const mail = await mailTo(body.email, /reset/i);
    expect(mail.text).toContain(`${BASE_URL}/cabinet/reset?token=`);
    const token = tokenIn(mail, '/cabinet/reset');
    expect(smtp.to(unknownEmail)).toHaveLength(0);

    const short = await anon.call('POST', '/api/portal/password-reset/confirm', { token, password: 'short' });
    expect(short.body.field).toBe('password');
    const done = await anon.call('POST', '/api/portal/password-reset/confirm', {
      token,
      password: 'reset-password-2026',
    });
    expect(done.status).toBe(200);
    // Every cabinet session ended; the old password no longer works, the new one does.
    expect((await api.call('GET', '/api/portal/me')).status).toBe(401);
    expect(
      (
        await anon.call(
          'POST',
          '/api/portal/login',
          { email: body.email, password: body.password },
          freshIp(),
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await anon.call(
          'POST',
          '/api/portal/login',
          { email: body.email, password: 'reset-password-2026' },
          freshIp(),
        )
      ).status,
    ).toBe(200);

    const reused = await anon.call('POST', '/api/portal/password-reset/confirm', {
      token,
      password: 'another-password-1',
    });
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe('token_invalid');
    // A confirmation token is not a reset token.
    const confirmToken = tokenIn(await mailTo(body.email, /confirm/i), '/cabinet/confirm');
    const crossed = await anon.call('POST', '/api/portal/password-reset/confirm', {
      token: confirmToken,
      password: 'another-password-1',
    });
    expect(crossed.body.code).toBe('token_invalid');
  });

  it('expires a reset link after one hour', async () => {
    const { body } = await register();
    const anon = new ApiClient(server.app);
    await anon.call('POST', '/api/portal/password-reset', { email: body.email }, freshIp());
    const token = tokenIn(await mailTo(body.email, /reset/i), '/cabinet/reset');
    server.clock.advance(61 * 60_000);
    const late = await anon.call('POST', '/api/portal/password-reset/confirm', {
      token,
      password: 'too-late-password',
    });
    expect(late.status).toBe(400);
    expect(late.body.code).toBe('token_expired');
    expect(
      (
        await anon.call(
          'POST',
          '/api/portal/login',
          { email: body.email, password: body.password },
          freshIp(),
        )
      ).status,
    ).toBe(200);
  });

  it('retires pending email links and the confirmation when staff change the address', async () => {
    const { body, res } = await register();
    const anon = new ApiClient(server.app);
    await anon.call('POST', '/api/portal/password-reset', { email: body.email }, freshIp());
    const token = tokenIn(await mailTo(body.email, /reset/i), '/cabinet/reset');
    const clientId = res.body.client.id as string;
    const anyone = { id: clientId, teamId: null, scope: 'all' as const, permissions: new Set<string>() };
    await server.ctx.clients.update(anyone, { id: null, ip: null }, clientId, {
      email: `moved.${body.email}`,
    });
    const stale = await anon.call('POST', '/api/portal/password-reset/confirm', {
      token,
      password: 'taken-over-pass',
    });
    expect(stale.body.code).toBe('token_invalid');
    expect((await accountOf(clientId))!.emailConfirmedAt).toBeNull();
  });

  it('rate-limits per email (known or not) and per address', async () => {
    const anon = new ApiClient(server.app);
    for (const email of [(await register()).body.email, uniqueEmail('ghost')]) {
      for (let i = 0; i < 5; i++)
        expect((await anon.call('POST', '/api/portal/password-reset', { email }, freshIp())).status).toBe(
          202,
        );
      const limited = await anon.call('POST', '/api/portal/password-reset', { email }, freshIp());
      expect(limited.status).toBe(429);
      expect(limited.body.code).toBe('rate_limited');
    }
    const ip = freshIp();
    let last = 0;
    for (let i = 0; i < 21; i++)
      last = (await anon.call('POST', '/api/portal/password-reset', { email: uniqueEmail('spray') }, ip))
        .status;
    expect(last).toBe(429);
  });
});

describe('staff registers a client in the cabinet (situation 2)', () => {
  async function leadOf(manager: { api: ApiClient }, extra: Record<string, unknown> = {}) {
    const res = await manager.api.call('POST', '/api/clients', {
      name: 'Ivan Petrov',
      email: uniqueEmail('office'),
      phone: `+7 916 ${100 + Math.floor(Math.random() * 800)} ${1000 + Math.floor(Math.random() * 8000)}`,
      source: 'office',
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; email: string | null };
  }

  it('uses the chosen login, emails a generated password, moves the client to Demo, and records it all', async () => {
    const manager = await deskManager();
    const lead = await leadOf(manager);
    const login = `ivan.petrov.${randomBytes(2).toString('hex')}`;
    const res = await manager.api.call('POST', `/api/clients/${lead.id}/cabinet`, {
      login: login.toUpperCase(),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      login,
      status: 'demo',
      emailedTo: lead.email,
      client: { id: lead.id, status: 'demo', login },
    });

    const mail = await mailTo(lead.email!, /cabinet is ready/i);
    expect(mail.text).toContain(`${BASE_URL}/cabinet/login`);
    expect(mail.text).toContain(`Login: ${login}`);
    const password = mail.text.match(/Password: (\S+)/)![1]!;
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(res.raw).not.toContain(password);

    // Nowhere at rest but the mail itself: not the account row, not the client, not any event.
    const account = (await accountOf(lead.id))!;
    expect(account.passwordHash).toMatch(/^\$argon2id\$/);
    expect(account.passwordHash).not.toContain(password);
    const allEvents = await db().select().from(events);
    expect(JSON.stringify(allEvents)).not.toContain(password);
    const [row] = await db().select().from(clients).where(eq(clients.id, lead.id));
    expect(JSON.stringify(row)).not.toContain(password);
    // Once the SMTP server accepted it, the outbox keeps the subject, not the password.
    await server.ctx.mailer.flush();
    const kept = await db().select().from(mailOutbox).where(eq(mailOutbox.to, lead.email!));
    expect(kept.find((m) => /cabinet is ready/i.test(m.subject))).toMatchObject({
      status: 'sent',
      sensitive: true,
    });
    expect(JSON.stringify(kept)).not.toContain(password);

    const trader = new ApiClient(server.app);
    const signedInTrader = await trader.call(
      'POST',
      '/api/portal/login',
      { email: login, password },
      freshIp(),
    );
    expect(signedInTrader.status).toBe(200);
    expect(signedInTrader.body.client).toMatchObject({ id: lead.id, status: 'demo', login });

    const timeline = await manager.api.call('GET', `/api/clients/${lead.id}/timeline`);
    const items = timeline.body.items as {
      type: string;
      actorId: string | null;
      payload: Record<string, unknown>;
    }[];
    expect(items.find((e) => e.type === 'client.status_changed')).toMatchObject({
      actorId: manager.user.id,
      payload: { from: 'lead', to: 'demo', trigger: 'cabinet_registered' },
    });
    expect(items.find((e) => e.type === 'client.email_sent')).toMatchObject({
      actorId: manager.user.id,
      payload: { subject: 'Your trading cabinet is ready', to: lead.email },
    });
  });

  it('defaults the login to the email', async () => {
    const manager = await deskManager();
    const lead = await leadOf(manager);
    const res = await manager.api.call('POST', `/api/clients/${lead.id}/cabinet`, {});
    expect(res.status).toBe(201);
    expect(res.body.login).toBe(lead.email);
    const mail = await mailTo(lead.email!, /cabinet is ready/i);
    const password = mail.text.match(/Password: (\S+)/)![1]!;
    expect(
      (
        await new ApiClient(server.app).call(
          'POST',
          '/api/portal/login',
          { email: lead.email, password },
          freshIp(),
        )
      ).status,
    ).toBe(200);
  });

  it('is "not found" for a manager of another team, and changes nothing', async () => {
    const otherTeam = await server.ctx.teams.create(system, {
      name: `Other desk ${randomBytes(2).toString('hex')}`,
      kind: 'sales',
      leadId: null,
    });
    const stranger = await signedIn(server, 'sales_manager', { teamId: otherTeam.id });
    const lead = await leadOf(await deskManager());
    const res = await stranger.api.call('POST', `/api/clients/${lead.id}/cabinet`, { login: 'stolen-login' });
    expect(res.status).toBe(404);
    expect(await accountOf(lead.id)).toBeUndefined();
    const [row] = await db().select().from(clients).where(eq(clients.id, lead.id));
    expect(row).toMatchObject({ status: 'lead', login: null });
    expect(await db().select().from(mailOutbox).where(eq(mailOutbox.to, lead.email!))).toHaveLength(0);
    expect((await eventsOf(lead.id)).map((e) => e.type)).toEqual(['client.created']);
  });

  it('needs an email, refuses a second cabinet, a taken login, and staff without clients.write', async () => {
    const manager = await deskManager();
    const phoneOnly = await leadOf(manager, { email: null });
    const noEmail = await manager.api.call('POST', `/api/clients/${phoneOnly.id}/cabinet`, {});
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.code).toBe('email_required');
    expect(await accountOf(phoneOnly.id)).toBeUndefined();

    const lead = await leadOf(manager);
    expect((await manager.api.call('POST', `/api/clients/${lead.id}/cabinet`, {})).status).toBe(201);
    const twice = await manager.api.call('POST', `/api/clients/${lead.id}/cabinet`, {
      login: 'another-login',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already_registered');

    const taken = (await register()).body.email;
    const third = await leadOf(manager);
    for (const login of [taken, lead.email!]) {
      const clash = await manager.api.call('POST', `/api/clients/${third.id}/cabinet`, { login });
      expect(clash.status).toBe(409);
      expect(clash.body).toMatchObject({ code: 'login_taken', field: 'login' });
    }
    const badLogin = await manager.api.call('POST', `/api/clients/${third.id}/cabinet`, {
      login: 'has spaces',
    });
    expect(badLogin.body.field).toBe('login');

    const agent = await signedIn(server, 'support_agent');
    expect((await agent.api.call('POST', `/api/clients/${third.id}/cabinet`, {})).status).toBe(403);
    expect(await accountOf(third.id)).toBeUndefined();
  });
});

describe('a staff member is not a trader', () => {
  it('cannot sign in to the cabinet with staff credentials', async () => {
    const staff = await createStaff(server.ctx, 'sales_manager');
    const res = await new ApiClient(server.app).call(
      'POST',
      '/api/portal/login',
      { email: staff.email, password: staff.password },
      freshIp(),
    );
    expect(res.status).toBe(401);
  });
});
