import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, mailOutbox } from '../../src/core/schema.js';
import { ApiClient, signedIn, startTestServer, type TestServer } from '../support/server.js';
import { TestSmtp } from '../support/smtp.js';

// Issue 8: a client registered by staff was told a confirmation link had been sent, but none was, and
// opening a live account failed with 403. By design now: the password a manager emails proves the
// address when the trader signs in with it; and the cabinet says whether a link is on its way.

const BASE_URL = 'https://crm.example.test';
let server: TestServer;
let smtp: TestSmtp;
let manager: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  smtp = await TestSmtp.start();
  server = await startTestServer({ env: { SMTP_URL: smtp.url, BASE_URL, TRUST_PROXY: 'true' } });
  manager = await signedIn(server, 'sales_manager');
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

let ip = 0;
const freshIp = () => ({ 'x-forwarded-for': `10.30.0.${(ip += 1)}` });
const uniqueEmail = () => `office.${randomBytes(4).toString('hex')}@example.test`;
const subjectsTo = async (to: string) =>
  (
    await server.ctx.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, to))
      .orderBy(asc(mailOutbox.createdAt))
  ).map((m) => m.subject);

/** A phone lead the manager registers in the cabinet; returns the password from the email. */
async function staffRegistered() {
  const email = uniqueEmail();
  const lead = await manager.api.call('POST', '/api/clients', {
    name: 'Andi Wijaya',
    email,
    phone: `+62 813 ${1000 + Math.floor(Math.random() * 8000)} ${1000 + Math.floor(Math.random() * 8000)}`,
    source: 'phone',
  });
  expect(lead.status).toBe(201);
  expect((await manager.api.call('POST', `/api/clients/${lead.body.id}/cabinet`, {})).status).toBe(201);
  const mail = await smtp.next((m) => m.to.includes(email) && /cabinet is ready/i.test(m.subject));
  expect(mail.text).toContain('Signing in with this password also confirms this email address.');
  return { clientId: lead.body.id as string, email, password: /Password: (\S+)/.exec(mail.text)![1]! };
}

const signIn = async (email: string, password: string) => {
  const trader = new ApiClient(server.app);
  const res = await trader.call('POST', '/api/portal/login', { email, password }, freshIp());
  return { trader, res };
};
const openLive = (trader: ApiClient) =>
  trader.call('POST', '/api/cabinet/accounts', { kind: 'live', currency: 'USD', leverage: 100 });

describe('a client registered by staff', () => {
  it('gets the password and no link; signing in with it confirms the address, and a live account opens', async () => {
    const { clientId, email, password } = await staffRegistered();
    // The outbox holds exactly what the cabinet will claim: the password, no confirmation link.
    expect(await subjectsTo(email)).toEqual(['Your trading cabinet is ready']);

    const { trader, res } = await signIn(email, password);
    expect(res.status).toBe(200);
    expect(res.body.client).toMatchObject({ emailConfirmed: true, confirmationLinkSentAt: null });
    const confirmed = await server.ctx.database.db
      .select()
      .from(events)
      .where(eq(events.subjectId, clientId));
    expect(confirmed.find((e) => e.type === 'client.email_confirmed')).toMatchObject({
      actorKind: 'trader',
      payload: { email, via: 'emailed_password' },
    });

    const opened = await openLive(trader);
    expect(opened.status).toBe(201);
    expect(opened.body.account).toMatchObject({ kind: 'live' });
  });

  it('whose address staff change before the first sign-in: not confirmed, and told that no link was sent until one is', async () => {
    const { clientId, email, password } = await staffRegistered();
    const anyone = {
      id: manager.user.id,
      teamId: null,
      scope: 'all' as const,
      permissions: new Set<string>(),
    };
    const moved = `moved.${email}`;
    await server.ctx.clients.update(anyone, { id: null, ip: null }, clientId, { email: moved });

    // The password proves the old mailbox, not the new one; and nothing was sent to the new one.
    const { trader, res } = await signIn(moved, password);
    expect(res.status).toBe(200);
    expect(res.body.client).toMatchObject({ emailConfirmed: false, confirmationLinkSentAt: null });
    expect(await subjectsTo(moved)).toEqual([]);
    expect((await openLive(trader)).body.code).toBe('email_not_confirmed');

    // Asked for: the link goes out, and the cabinet says so (with when).
    expect((await trader.call('POST', '/api/portal/confirm-email/resend', {})).status).toBe(202);
    expect(await subjectsTo(moved)).toEqual(['Confirm your email address']);
    const me = (await trader.call('GET', '/api/portal/me')).body.client;
    expect(me).toMatchObject({
      emailConfirmed: false,
      confirmationLinkSentAt: server.clock.now().toISOString(),
    });
  });

  it('proves only the address it was sent to: after staff change the address, signing in again confirms nothing', async () => {
    const { clientId, email, password } = await staffRegistered();
    expect((await signIn(email, password)).res.body.client.emailConfirmed).toBe(true);
    const anyone = {
      id: manager.user.id,
      teamId: null,
      scope: 'all' as const,
      permissions: new Set<string>(),
    };
    await server.ctx.clients.update(anyone, { id: null, ip: null }, clientId, { email: `new.${email}` });
    const again = await signIn(`new.${email}`, password);
    expect(again.res.body.client).toMatchObject({ emailConfirmed: false, confirmationLinkSentAt: null });
  });
});

describe('a self-registered trader', () => {
  it('is told a link was sent while it works, and not once it has expired', async () => {
    const trader = new ApiClient(server.app);
    const email = uniqueEmail();
    const reg = await trader.call(
      'POST',
      '/api/portal/register',
      {
        name: 'Siti Rahma',
        email,
        phone: '+62 812 1111 2222',
        country: 'ID',
        language: 'id',
        password: 'correct-horse-battery',
        acceptTerms: true,
        acceptRisk: true,
      },
      freshIp(),
    );
    expect(reg.status).toBe(201);
    expect(reg.body.client).toMatchObject({
      emailConfirmed: false,
      confirmationLinkSentAt: server.clock.now().toISOString(),
    });
    expect(await subjectsTo(email)).toEqual(['Confirm your email address']);
    server.clock.advance(48 * 3_600_000 + 1);
    const again = await signIn(email, 'correct-horse-battery');
    expect(again.res.body.client).toMatchObject({ emailConfirmed: false, confirmationLinkSentAt: null });
  });
});
