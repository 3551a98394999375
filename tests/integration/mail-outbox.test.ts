import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../src/core/schema.js';
import { SecretBox } from '../../src/core/crypto.js';
import { Mailer, REDACTED_BODY, REDACTED_UNDELIVERED } from '../../src/integrations/mail/mailer.js';
import { signedInAdmin, startTestServer, type TestServer } from '../support/server.js';
import { TestSmtp } from '../support/smtp.js';

// Sensitive mail (passwords, one-time links) in the outbox: sealed at rest, sent in clear over SMTP,
// wiped once delivered or given up. One server delivers to a real SMTP server, one keeps its mail.

let smtp: TestSmtp;
let delivering: TestServer;
let keeping: TestServer;
beforeAll(async () => {
  smtp = await TestSmtp.start();
  delivering = await startTestServer({ env: { SMTP_URL: smtp.url, SIMULATED_TRADERS: 'false' } });
  keeping = await startTestServer({ env: { SIMULATED_TRADERS: 'false' } });
});
afterAll(async () => {
  await delivering?.close();
  await keeping?.close();
  await smtp?.close();
});

const uniq = () => randomBytes(4).toString('hex');

/** The stored rows, read straight from the table. */
async function storedRows(server: TestServer, to: string) {
  const res = (await server.ctx.database.db.execute(
    sql`select id, subject, text, html, status, sensitive, error from mail_outbox where "to" = ${to}`,
  )) as unknown as {
    rows: {
      id: string;
      subject: string;
      text: string;
      html: string | null;
      status: string;
      error: string | null;
    }[];
  };
  return res.rows;
}

/** A port nothing listens on: an SMTP server that is down. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

describe('sensitive mail with an SMTP server', () => {
  it('delivers the terminal passwords in clear over SMTP, then wipes them from the outbox', async () => {
    const admin = await signedInAdmin(delivering);
    const email = `client.${uniq()}@example.test`;
    const client = await admin.api.call('POST', '/api/clients', {
      name: `Client ${uniq()}`,
      email,
      phone: null,
      country: 'ID',
      language: 'en',
      source: 'phone',
    });
    expect(client.status).toBe(201);
    const res = await admin.api.call('POST', `/api/clients/${client.body.id}/accounts`, { kind: 'live' });
    expect(res.status).toBe(201);
    const { credentials } = res.body;

    const mail = await smtp.next((m) => m.to.includes(email) && m.subject.includes(credentials.login));
    expect(mail.text).toContain(`Password: ${credentials.password}`);
    expect(mail.text).toContain(`Investor (read-only) password: ${credentials.investorPassword}`);

    await delivering.ctx.mailer.flush();
    const rows = await storedRows(delivering, email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', text: REDACTED_BODY, html: null });
    expect(JSON.stringify(rows)).not.toContain(credentials.password);
    expect(JSON.stringify(rows)).not.toContain(credentials.investorPassword);
    // Opening it now shows only that it is gone.
    const opened = await admin.api.call('GET', `/api/outbox/${rows[0]!.id}`);
    expect(opened.body).toMatchObject({ status: 'sent', text: REDACTED_BODY });
  });
});

describe('sensitive mail that cannot be delivered', () => {
  it('stays sealed while retried, and is wiped when the last attempt fails', async () => {
    const db = keeping.ctx.database.db;
    const mailer = new Mailer(keeping.ctx.database, {
      smtpUrl: `smtp://127.0.0.1:${await closedPort()}`,
      from: 'BrokerDesk <no-reply@test.local>',
      box: keeping.ctx.box,
    });
    try {
      const to = `down.${uniq()}@example.test`;
      const secret = `pw-${uniq()}`;
      await mailer.queue(db, { to, subject: 'Your password', text: `Password: ${secret}`, sensitive: true });
      await mailer.flush();
      const [retried] = await storedRows(keeping, to);
      expect(retried).toMatchObject({ status: 'pending', text: expect.stringMatching(/^sealed:/) });
      expect(retried!.error).toBeTruthy();
      expect(retried!.text).not.toContain(secret);
      expect(mailer.unseal(retried!.text)).toBe(`Password: ${secret}`);

      // The fifth attempt is the last one.
      await db.update(mailOutbox).set({ attempts: 4 }).where(eq(mailOutbox.id, retried!.id));
      await mailer.flush();
      const [failed] = await storedRows(keeping, to);
      expect(failed).toMatchObject({ status: 'failed', text: REDACTED_UNDELIVERED, html: null });
    } finally {
      mailer.close();
    }
  });
});

describe('sensitive mail sealed under another SECRET_KEY', () => {
  it('is given up at once and does not hold up the mail behind it', async () => {
    const db = delivering.ctx.database.db;
    // Another instance's key: its sealed body cannot be opened here.
    const foreign = new Mailer(delivering.ctx.database, {
      from: 'BrokerDesk <no-reply@test.local>',
      box: new SecretBox(randomBytes(32)),
    });
    const stuck = `foreign.${uniq()}@example.test`;
    const next = `after.${uniq()}@example.test`;
    await foreign.queue(db, { to: stuck, subject: 'Your password', text: 'Password: x', sensitive: true });
    await db.update(mailOutbox).set({ status: 'pending' }).where(eq(mailOutbox.to, stuck));
    await delivering.ctx.mailer.queue(db, { to: next, subject: 'Hello', text: 'Plain mail' });
    await delivering.ctx.mailer.flush();
    const [given] = await storedRows(delivering, stuck);
    expect(given).toMatchObject({ status: 'failed', text: REDACTED_UNDELIVERED });
    expect(given!.error).toMatch(/another SECRET_KEY/);
    const [sent] = await storedRows(delivering, next);
    expect(sent!.status).toBe('sent');
    await smtp.next((m) => m.to.includes(next));
  });
});

describe('sensitive mail stored in plain text by an older version', () => {
  it('is read as it is, then sealed (kept) or wiped (sent) at start-up; other mail is left alone', async () => {
    const db = keeping.ctx.database.db;
    const to = `legacy.${uniq()}@example.test`;
    const [kept] = await db
      .insert(mailOutbox)
      .values({
        to,
        subject: 'Your trading cabinet is ready',
        text: 'Password: legacy-kept',
        sensitive: true,
        status: 'kept',
      })
      .returning();
    const [sent] = await db
      .insert(mailOutbox)
      .values({
        to,
        subject: 'Reset your cabinet password',
        text: 'reset?token=legacy-sent',
        sensitive: true,
        status: 'sent',
      })
      .returning();
    const [plain] = await db
      .insert(mailOutbox)
      .values({ to, subject: 'New client assigned to you', text: 'Hello', sensitive: false, status: 'kept' })
      .returning();

    const admin = await signedInAdmin(keeping);
    const before = await admin.api.call('GET', `/api/outbox/${kept!.id}`);
    expect(before.body.text).toBe('Password: legacy-kept');

    expect(await keeping.ctx.mailer.sealLegacy()).toBe(2);
    expect(await keeping.ctx.mailer.sealLegacy()).toBe(0);
    const rows = new Map((await storedRows(keeping, to)).map((r) => [r.id, r]));
    expect(rows.get(kept!.id)!.text).toMatch(/^sealed:/);
    expect(JSON.stringify([...rows.values()])).not.toMatch(/legacy-kept|legacy-sent/);
    expect(rows.get(sent!.id)!.text).toBe(REDACTED_BODY);
    expect(rows.get(plain!.id)!.text).toBe('Hello');

    const after = await admin.api.call('GET', `/api/outbox/${kept!.id}`);
    expect(after.body.text).toBe('Password: legacy-kept');
  });
});

describe('threading headers', () => {
  it('sends From, Reply-To, Message-ID, In-Reply-To and References as queued', async () => {
    const to = `thread.${uniq()}@example.test`;
    await delivering.ctx.mailer.queue(delivering.ctx.database.db, {
      to,
      subject: 'Re: Help [#1]',
      text: 'Our answer',
      from: 'Support <support@example.test>',
      replyTo: 'support@example.test',
      messageId: `<out.${uniq()}@example.test>`,
      inReplyTo: '<cust.1@mail.example>',
      references: ['<cust.0@mail.example>', '<cust.1@mail.example>'],
    });
    await delivering.ctx.mailer.flush();
    const got = await smtp.next((m) => m.to.includes(to));
    expect(got.parsed.from?.value[0]?.address).toBe('support@example.test');
    expect(got.parsed.replyTo?.value[0]?.address).toBe('support@example.test');
    expect(got.parsed.messageId).toMatch(/^<out\..+@example\.test>$/);
    expect(got.parsed.inReplyTo).toBe('<cust.1@mail.example>');
    expect(got.parsed.references).toEqual(['<cust.0@mail.example>', '<cust.1@mail.example>']);
  });
});

describe('attachments', () => {
  it('are stored with the mail and sent as files, byte for byte', async () => {
    const to = `letter.${uniq()}@example.test`;
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2048)]);
    await delivering.ctx.mailer.queue(delivering.ctx.database.db, {
      to,
      subject: 'Final response',
      text: 'The letter is attached.',
      attachments: [{ filename: 'C-1-final-response.pdf', contentType: 'application/pdf', content: pdf }],
    });
    await delivering.ctx.mailer.flush();
    const got = await smtp.next((m) => m.to.includes(to));
    expect(got.parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['C-1-final-response.pdf', 'application/pdf'],
    ]);
    expect(got.parsed.attachments[0]!.content.equals(pdf)).toBe(true);
  });

  it('are refused on sensitive mail, whose body alone is sealed at rest', async () => {
    const to = `secret.${uniq()}@example.test`;
    const file = { filename: 'x.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-') };
    await expect(
      keeping.ctx.mailer.queue(keeping.ctx.database.db, {
        to,
        subject: 'Password',
        text: 'Password: x',
        sensitive: true,
        attachments: [file],
      }),
    ).rejects.toThrow(/attachments/);
    expect(await storedRows(keeping, to)).toEqual([]);
  });
});
