import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailOutbox } from '../../src/core/schema.js';
import { traderTokens } from '../../src/modules/cabinet/schema.js';
import { ApiClient, startTestServer, type TestServer } from '../support/server.js';

// A reset request must not tell whether the email has a cabinet: not by its answer, and not by how
// long the answer takes. The per-account work (link, mail) happens after the answer, so the answer
// cannot wait for it or fail with it. (Timings are measured by `npm run bench -- reset-timing`.)
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'true' } });
});
afterAll(() => server?.close());

let ip = 0;
const fromNewAddress = () => ({ 'x-forwarded-for': `10.30.0.${++ip}` });
const email = (prefix: string) => `${prefix}.${randomBytes(4).toString('hex')}@example.test`;

async function cabinet() {
  const address = email('known');
  const { client } = await server.ctx.cabinet.register(
    {
      name: 'Siti Rahma',
      email: address,
      phone: '+62 812 1111 2222',
      country: 'ID',
      language: 'id',
      password: 'correct-horse-battery',
      acceptTerms: true,
      acceptRisk: true,
    },
    { ip: `10.31.0.${++ip}`, userAgent: null },
  );
  return { address, clientId: client.id };
}

const resetMailsTo = async (to: string) =>
  (await server.ctx.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, to))).filter((m) =>
    /reset/i.test(m.subject),
  );
const resetTokensOf = async (clientId: string) =>
  (
    await server.ctx.database.db.select().from(traderTokens).where(eq(traderTokens.clientId, clientId))
  ).filter((t) => t.purpose === 'reset_password');
const requestReset = (to: string) =>
  new ApiClient(server.app).call('POST', '/api/portal/password-reset', { email: to }, fromNewAddress());

describe('password reset requests', () => {
  it('answers a known email before its link is issued, the same as an unknown one, then mails the link', async () => {
    const { address, clientId } = await cabinet();
    // Hold the per-account work (lookup, link, mail): an answer that waited for it would never come.
    // (Held before it touches the database: an open PGlite transaction would block every request.)
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const portal = server.ctx.cabinet as unknown as { sendResetLink(...args: unknown[]): Promise<void> };
    const issue = portal.sendResetLink.bind(portal);
    const held = vi.spyOn(portal, 'sendResetLink').mockImplementation(async (...args) => {
      await gate;
      return issue(...args);
    });
    try {
      const known = await requestReset(address);
      const unknown = await requestReset(email('ghost'));
      expect(known.status).toBe(202);
      expect(known.raw).toBe(unknown.raw);
      expect(await resetMailsTo(address)).toHaveLength(0);
    } finally {
      release();
      await server.ctx.cabinet.settled();
      held.mockRestore();
    }
    const [mail, ...more] = await resetMailsTo(address);
    expect(more).toHaveLength(0);
    expect(mail).toMatchObject({ sensitive: true, status: 'kept' });
    expect(await resetTokensOf(clientId)).toHaveLength(1);
  });

  it('answers the same when issuing the link fails, and issues nothing', async () => {
    const { address, clientId } = await cabinet();
    const broken = vi.spyOn(server.ctx.mailer, 'queue').mockRejectedValue(new Error('outbox unavailable'));
    try {
      const known = await requestReset(address);
      const unknown = await requestReset(email('ghost'));
      expect(known.status).toBe(202);
      expect(known.raw).toBe(unknown.raw);
      await server.ctx.cabinet.settled();
    } finally {
      broken.mockRestore();
    }
    expect(await resetTokensOf(clientId)).toHaveLength(0);
    // The next request works again.
    expect((await requestReset(address)).status).toBe(202);
    await server.ctx.cabinet.settled();
    expect(await resetMailsTo(address)).toHaveLength(1);
  });
});
