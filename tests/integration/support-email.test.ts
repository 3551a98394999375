import type { Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_BODY_MAX } from '../../src/modules/support/index.js';
import type { TestServer } from '../support/server.js';
import type { TestSmtp } from '../support/smtp.js';
import * as fx from './support-email.fixtures.js';

// The email channel end to end over real SMTP on loopback: a customer's mail client (nodemailer) →
// the desk's SMTP listener → a conversation; the desk's mail (acknowledgement, agent replies) → the
// outbox → a capturing SMTP server standing in for the customer's mailbox.

const { SUPPORT, uniq } = fx;
let suite: fx.EmailSuite;
let server: TestServer;
let mailbox: TestSmtp;
let client: Transporter;
let agent: fx.EmailSuite['agent'];

beforeAll(async () => {
  suite = await fx.startEmailSuite();
  ({ server, mailbox, client, agent } = suite);
});
afterAll(() => suite?.close());

const conversationsOf = (email: string) => fx.conversationsOf(server, email);
const messagesOf = (id: string) => fx.messagesOf(server, id);
const outboxTo = (to: string) => fx.outboxTo(server, to);

describe('support email', () => {
  it('a mail becomes a ticket, acknowledged; the reply threads both ways', async () => {
    const customer = `ann.${uniq()}@customer.example`;
    const sent = await client.sendMail({
      from: `Ann <${customer}>`,
      to: SUPPORT,
      subject: 'Withdrawal stuck',
      text: 'My withdrawal has been pending for three days.',
    });
    const [conv] = await conversationsOf(customer);
    expect(conv).toMatchObject({ channel: 'email', subject: 'Withdrawal stuck', contactName: 'Ann' });
    await server.ctx.mailer.flush();
    const ack = await mailbox.next((m) => m.to.includes(customer));
    expect(ack.subject).toContain(`[#${conv!.number}]`);
    expect(ack.parsed.inReplyTo).toBe(sent.messageId);

    const reply = await agent.api.call('POST', `/api/support/conversations/${conv!.id}/messages`, {
      body: 'We are looking into it.',
      visibility: 'public',
    });
    expect(reply.status).toBe(201);
    await server.ctx.mailer.flush();
    const answer = await mailbox.next((m) => m.to.includes(customer) && m.text.includes('looking into it'));
    expect(answer.subject).toBe(`Re: Withdrawal stuck [#${conv!.number}]`);
    expect(answer.parsed.inReplyTo).toBe(sent.messageId);
    expect(answer.parsed.references).toContain(sent.messageId);
    expect(answer.text).toContain('> My withdrawal has been pending for three days.');
    expect(answer.parsed.from?.value[0]?.address).toBe(SUPPORT);

    await client.sendMail({
      from: customer,
      to: SUPPORT,
      subject: answer.subject,
      text: 'Thanks, still waiting.',
      inReplyTo: answer.parsed.messageId,
      references: [sent.messageId, answer.parsed.messageId!],
    });
    expect(await conversationsOf(customer)).toHaveLength(1);
    const messages = await messagesOf(conv!.id);
    expect(messages.map((m) => [m.authorKind, m.body])).toEqual([
      ['customer', 'My withdrawal has been pending for three days.'],
      ['agent', 'We are looking into it.'],
      ['customer', 'Thanks, still waiting.'],
    ]);
    // Only the first mail was acknowledged.
    expect((await outboxTo(customer)).filter((m) => !m.subject.startsWith('Re:'))).toHaveLength(1);
  });

  it('a reply to a closed conversation opens a new one instead of being refused for days', async () => {
    const customer = `closed.${uniq()}@customer.example`;
    const first = await client.sendMail({
      from: customer,
      to: SUPPORT,
      subject: 'Bonus',
      text: 'Where is it?',
    });
    const [conv] = await conversationsOf(customer);
    const closed = await agent.api.call('PATCH', `/api/support/conversations/${conv!.id}`, {
      status: 'closed',
    });
    expect(closed.status).toBe(200);
    // Threads by Message-ID and by [#n]; both lead to the closed one, so a new conversation takes it.
    await client.sendMail({
      from: customer,
      to: SUPPORT,
      subject: `Re: Bonus [#${conv!.number}]`,
      text: 'Still nothing.',
      inReplyTo: first.messageId,
      references: [first.messageId],
    });
    const all = await conversationsOf(customer);
    expect(all).toHaveLength(2);
    const fresh = all.find((c) => c.id !== conv!.id)!;
    expect((await messagesOf(fresh.id)).map((m) => m.body)).toEqual(['Still nothing.']);
    expect((await messagesOf(conv!.id)).map((m) => m.body)).toEqual(['Where is it?']);
  });

  it('the same Message-ID delivered twice is taken once', async () => {
    const customer = `dup.${uniq()}@customer.example`;
    const messageId = `<dup.${uniq()}@customer.example>`;
    for (let i = 0; i < 2; i++)
      await client.sendMail({ from: customer, to: SUPPORT, subject: 'Twice', text: 'Once only', messageId });
    const [conv, more] = await conversationsOf(customer);
    expect(more).toBeUndefined();
    expect(await messagesOf(conv!.id)).toHaveLength(1);
  });

  it('a long mail (a quoted thread) is kept, cut at the message limit, instead of failing for days', async () => {
    const customer = `long.${uniq()}@customer.example`;
    const line = 'I already wrote about this several times, please read below.\n';
    await client.sendMail({
      from: customer,
      to: SUPPORT,
      subject: 'Again',
      text: line.repeat(600),
      html: `<p>${'<b>quoted</b> text '.repeat(8000)}<a href="https://ok.example/very/long/link">x</a></p>`,
    });
    const [conv] = await conversationsOf(customer);
    const [message] = await messagesOf(conv!.id);
    expect(message!.body.length).toBe(MESSAGE_BODY_MAX);
    expect(message!.body.startsWith(line)).toBe(true);
    // Cut, then sanitized again: well-formed, every tag closed.
    expect(message!.bodyHtml!.endsWith('</p>')).toBe(true);
  });

  it('bounces and auto-replies open nothing and are not acknowledged', async () => {
    const robot = `ooo.${uniq()}@customer.example`;
    await client.sendMail({
      from: robot,
      to: SUPPORT,
      subject: 'Out of office',
      text: 'I am away.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await client.sendMail({
      from: robot,
      to: SUPPORT,
      subject: 'Weekly news',
      text: 'News.',
      headers: { Precedence: 'bulk' },
    });
    const daemon = `mailer-daemon@${uniq()}.example`;
    await client.sendMail({ from: daemon, to: SUPPORT, subject: 'Undelivered Mail', text: 'Bounced.' });
    expect(await conversationsOf(robot)).toHaveLength(0);
    expect(await conversationsOf(daemon)).toHaveLength(0);
    await server.ctx.mailer.flush();
    expect(await outboxTo(robot)).toHaveLength(0);
    expect(await outboxTo(daemon)).toHaveLength(0);
  });

  it('mail whose From is an agent is still a customer message', async () => {
    await client.sendMail({
      from: agent.user.email,
      to: SUPPORT,
      subject: 'Refund approved',
      text: 'Approved.',
    });
    const [conv] = await conversationsOf(agent.user.email);
    const [message] = await messagesOf(conv!.id);
    expect(message).toMatchObject({ authorKind: 'customer', authorStaffId: null });
  });

  it('sanitizes HTML, subject and name', async () => {
    const customer = `xss.${uniq()}@customer.example`;
    await client.sendMail({
      from: `"<img src=x onerror=alert(1)>Eve" <${customer}>`,
      to: SUPPORT,
      subject: '<script>alert(1)</script>Help',
      text: 'Hello',
      html:
        '<p onclick="alert(1)">Hello <a href="javascript:alert(1)">click</a> <a href="https://ok.example">ok</a></p>' +
        '<script>alert(2)</script><img src="https://tracker.example/pixel.gif"><iframe src="https://x"></iframe>',
    });
    const [conv] = await conversationsOf(customer);
    expect(conv!.subject).not.toMatch(/<|script/);
    expect(conv!.contactName ?? '').not.toMatch(/<|onerror/);
    const [message] = await messagesOf(conv!.id);
    const html = message!.bodyHtml!;
    expect(html).toContain('Hello');
    expect(html).toContain('href="https://ok.example"');
    expect(html).not.toMatch(/<script|onclick|onerror|javascript:|<img|<iframe/i);
  });

  it('refuses mail for any other address (no relay)', async () => {
    await expect(
      client.sendMail({
        from: 'x@customer.example',
        to: 'someone@elsewhere.example',
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });
});
