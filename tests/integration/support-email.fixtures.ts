import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { asc, eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { conversationMessages, conversations } from '../../src/modules/support/schema.js';
import { signedIn, startTestServer, type TestServer } from '../support/server.js';
import { TestSmtp } from '../support/smtp.js';

// The email channel's test set-up, shared by the support-email test files: the app with its SMTP
// listener on a free loopback port, a customer's mail client (nodemailer) pointed at it, a capturing
// SMTP server standing in for the customers' mailboxes, and a signed-in agent.

export const SUPPORT = 'help@desk.example';

export interface EmailSuite {
  server: TestServer;
  mailbox: TestSmtp;
  client: Transporter;
  agent: Awaited<ReturnType<typeof signedIn>>;
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });

export async function startEmailSuite(env: Record<string, string> = {}): Promise<EmailSuite> {
  const mailbox = await TestSmtp.start();
  const port = await freePort();
  const server = await startTestServer({
    env: {
      SMTP_URL: mailbox.url,
      SIMULATED_TRADERS: 'false',
      SUPPORT_SMTP_PORT: String(port),
      SUPPORT_ADDRESSES: `${SUPPORT},billing@desk.example`,
      ...env,
    },
  });
  const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  const agent = await signedIn(server, 'support_agent');
  return {
    server,
    mailbox,
    client,
    agent,
    async close() {
      client.close();
      await server.close();
      await mailbox.close();
    },
  };
}

export const uniq = () => randomBytes(4).toString('hex');

export const conversationsOf = (server: TestServer, email: string) =>
  server.ctx.database.db.select().from(conversations).where(eq(conversations.contactEmail, email));

export const messagesOf = (server: TestServer, id: string) =>
  server.ctx.database.db
    .select()
    .from(conversationMessages)
    .where(eq(conversationMessages.conversationId, id))
    .orderBy(asc(conversationMessages.seq));

export const outboxTo = async (server: TestServer, to: string) =>
  (
    (await server.ctx.database.db.execute(
      sql`select subject, headers from mail_outbox where "to" = ${to} order by created_at`,
    )) as unknown as { rows: { subject: string; headers: Record<string, unknown> | null }[] }
  ).rows;
