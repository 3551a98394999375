import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundResult } from '../../src/modules/support/index.js';
import {
  SUPPORT,
  conversationsOf,
  messagesOf,
  outboxTo,
  startEmailSuite,
  uniq,
  type EmailSuite,
} from './support-email.fixtures.js';

// The security review's findings on the email channel (session 19): who may write into a thread,
// which bounces are believed, what the acknowledgement carries and to whom it is never sent.

let s: EmailSuite;
beforeAll(async () => {
  s = await startEmailSuite();
});
afterAll(() => s?.close());

const lastResult = (): InboundResult => s.server.ctx.email.smtp!.results.at(-1)!;

/** A customer's first mail: its conversation and the Message-ID of the acknowledgement we sent. */
async function ticket(customer: string, extra: Record<string, unknown> = {}) {
  const sent = await s.client.sendMail({
    from: customer,
    to: SUPPORT,
    subject: `Deposit ${uniq()}`,
    text: 'My deposit is missing.',
    ...extra,
  });
  const [conv] = await conversationsOf(s.server, customer);
  await s.server.ctx.mailer.flush();
  const ack = await s.mailbox.next((m) => m.to.includes(customer));
  return { conv: conv!, sent, ack };
}

/** A delivery status notification (RFC 3464) as an MTA writes it, sent with a null return path. */
function dsn(opts: { humanText: string; originalId: string; recipient: string; status?: string }) {
  const raw = [
    'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
    `To: ${SUPPORT}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: <dsn.${uniq()}@mx.customer.example>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="RPT"',
    '',
    '--RPT',
    'Content-Type: text/plain; charset=utf-8',
    '',
    opts.humanText,
    '--RPT',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.customer.example',
    '',
    `Final-Recipient: rfc822; ${opts.recipient}`,
    'Action: failed',
    `Status: ${opts.status ?? '5.1.1'}`,
    'Diagnostic-Code: smtp; 550 5.1.1 Call +1 555 0100 to fix your account',
    '',
    '--RPT',
    'Content-Type: text/rfc822-headers',
    '',
    `From: ${SUPPORT}`,
    `To: ${opts.recipient}`,
    `Message-ID: ${opts.originalId}`,
    '--RPT--',
    '',
  ].join('\r\n');
  return s.client.sendMail({ envelope: { from: '', to: [SUPPORT] }, raw });
}

describe('threading checks the sender', () => {
  it('a stranger who knows a Message-ID or the [#n] tag gets a conversation of their own', async () => {
    const victim = `victim.${uniq()}@customer.example`;
    const { conv, sent, ack } = await ticket(victim);
    const attacker = `mallory.${uniq()}@evil.example`;
    // By the customer's Message-ID, by ours (the acknowledgement), and by the ticket tag.
    await s.client.sendMail({
      from: attacker,
      to: SUPPORT,
      subject: 'Re: Deposit',
      text: 'Please send my refund to IBAN XX00 instead.',
      inReplyTo: sent.messageId,
      references: [sent.messageId],
    });
    await s.client.sendMail({
      from: attacker,
      to: SUPPORT,
      subject: 'Re: Deposit',
      text: 'Second try.',
      inReplyTo: ack.parsed.messageId,
    });
    await s.client.sendMail({
      from: attacker,
      to: SUPPORT,
      subject: `Re: x [#${conv.number}]`,
      text: 'Third.',
    });
    expect((await messagesOf(s.server, conv.id)).map((m) => m.body)).toEqual(['My deposit is missing.']);
    const own = await conversationsOf(s.server, attacker);
    expect(own.length).toBeGreaterThanOrEqual(1);
    expect(own.every((c) => c.id !== conv.id)).toBe(true);
  });

  it('an auto-reply from a stranger on a known id is dropped, not noted on the thread', async () => {
    const victim = `victim2.${uniq()}@customer.example`;
    const { conv, sent } = await ticket(victim);
    await s.client.sendMail({
      from: `robot.${uniq()}@evil.example`,
      to: SUPPORT,
      subject: 'Out of office',
      text: 'Wire the money to the new account.',
      inReplyTo: sent.messageId,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(lastResult()).toMatchObject({ action: 'dropped', reason: 'auto_reply' });
    expect(await messagesOf(s.server, conv.id)).toHaveLength(1);
  });

  it('a colleague the customer copied may answer on the thread; the customer still threads', async () => {
    const customer = `lead.${uniq()}@customer.example`;
    const colleague = `cfo.${uniq()}@customer.example`;
    const { conv, sent } = await ticket(customer, { cc: colleague });
    await s.client.sendMail({
      from: colleague,
      to: SUPPORT,
      cc: customer,
      subject: 'Re: Deposit',
      text: 'Adding the bank statement.',
      inReplyTo: sent.messageId,
    });
    expect(await conversationsOf(s.server, colleague)).toHaveLength(0);
    const bodies = (await messagesOf(s.server, conv.id)).map((m) => m.body);
    expect(bodies).toEqual(['My deposit is missing.', 'Adding the bank statement.']);
  });
});

describe('bounces are read from a real delivery report about our own mail', () => {
  it('a DSN about our acknowledgement is an internal note built from its fields, not its text', async () => {
    const customer = `gone.${uniq()}@customer.example`;
    const { conv, ack } = await ticket(customer);
    await dsn({
      humanText: 'URGENT: agent, call +1 555 0100',
      originalId: ack.parsed.messageId!,
      recipient: customer,
    });
    expect(lastResult()).toMatchObject({ action: 'noted', conversationId: conv.id });
    const note = (await messagesOf(s.server, conv.id)).at(-1)!;
    expect(note).toMatchObject({ authorKind: 'system', visibility: 'internal' });
    expect(note.body).toBe(`Delivery of our mail to ${customer} failed (5.1.1: the mailbox does not exist).`);
    expect(note.body).not.toContain('555');
  });

  it('a "bounce" written as text, naming our Message-ID in its body, is dropped', async () => {
    const customer = `forged.${uniq()}@customer.example`;
    const { conv, ack } = await ticket(customer);
    await s.client.sendMail({
      from: 'MAILER-DAEMON@evil.example',
      to: SUPPORT,
      subject: 'Undelivered Mail',
      text: `Your mail could not be delivered.\nMessage-ID: ${ack.parsed.messageId}\nAgent: call +1 555 0100`,
      references: [ack.parsed.messageId!],
    });
    expect(lastResult()).toMatchObject({ action: 'dropped', reason: 'bounce_not_a_report' });
    expect(await messagesOf(s.server, conv.id)).toHaveLength(1);
    expect(await conversationsOf(s.server, 'mailer-daemon@evil.example')).toHaveLength(0);
  });

  it('a DSN naming a Message-ID we did not generate (the customer’s own) is dropped', async () => {
    const customer = `theirs.${uniq()}@customer.example`;
    const { conv, sent } = await ticket(customer);
    await dsn({ humanText: 'Failed.', originalId: sent.messageId, recipient: customer });
    expect(lastResult()).toMatchObject({ action: 'dropped', reason: 'bounce_not_ours' });
    expect(await messagesOf(s.server, conv.id)).toHaveLength(1);
  });

  it('a DSN whose text names our id but whose returned headers do not is dropped', async () => {
    const customer = `mixed.${uniq()}@customer.example`;
    const { conv, ack } = await ticket(customer);
    await dsn({
      humanText: `Message-ID: ${ack.parsed.messageId}`,
      originalId: `<unknown.${uniq()}@elsewhere.example>`,
      recipient: customer,
    });
    expect(lastResult()).toMatchObject({ action: 'dropped', reason: 'bounce_not_ours' });
    expect(await messagesOf(s.server, conv.id)).toHaveLength(1);
  });
});

describe('the acknowledgement', () => {
  it('is marked auto-replied (RFC 3834) and asks other robots not to answer', async () => {
    const customer = `hdr.${uniq()}@customer.example`;
    const { ack, sent } = await ticket(customer);
    expect(ack.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.parsed.headers.get('x-auto-response-suppress')).toBe('All');
    expect(ack.parsed.inReplyTo).toBe(sent.messageId);
    expect(ack.parsed.references).toBe(sent.messageId);
  });

  it('goes to the return path (RFC 3834), not to From or Reply-To, when they differ', async () => {
    const customer = `from.${uniq()}@customer.example`;
    const returnPath = `bounces.${uniq()}@relay.example`;
    await s.client.sendMail({
      envelope: { from: returnPath, to: [SUPPORT] },
      from: customer,
      replyTo: `third.${uniq()}@elsewhere.example`,
      to: SUPPORT,
      subject: `Withdrawal ${uniq()}`,
      text: 'Where is my withdrawal?',
    });
    expect(await conversationsOf(s.server, customer)).toHaveLength(1);
    await s.server.ctx.mailer.flush();
    const ack = await s.mailbox.next((m) => m.to.includes(returnPath));
    expect(ack.to).toEqual([returnPath]);
  });

  it('is not sent to a null return path, to a sender asking for none, or to the desk itself', async () => {
    const nobody = `null.${uniq()}@customer.example`;
    await s.client.sendMail({
      envelope: { from: '', to: [SUPPORT] },
      from: nobody,
      to: SUPPORT,
      subject: 'Hi',
      text: 'x',
    });
    expect(await conversationsOf(s.server, nobody)).toHaveLength(0);
    const quiet = `quiet.${uniq()}@customer.example`;
    await s.client.sendMail({
      from: quiet,
      to: SUPPORT,
      subject: 'Question',
      text: 'A real question.',
      headers: { 'X-Auto-Response-Suppress': 'OOF, AutoReply' },
    });
    expect(lastResult()).toMatchObject({ action: 'opened', acknowledged: false });
    await s.client.sendMail({ from: 'billing@desk.example', to: SUPPORT, subject: 'Forwarded', text: 'x' });
    expect(lastResult()).toMatchObject({ action: 'opened', acknowledged: false });
    await s.server.ctx.mailer.flush();
    expect(await outboxTo(s.server, nobody)).toHaveLength(0);
    expect(await outboxTo(s.server, quiet)).toHaveLength(0);
    expect(await outboxTo(s.server, 'billing@desk.example')).toHaveLength(0);
  });

  it('list mail and Precedence: list open nothing; at most three a sender an hour', async () => {
    const list = `list.${uniq()}@customer.example`;
    await s.client.sendMail({
      from: list,
      to: SUPPORT,
      subject: 'News',
      text: 'x',
      list: { id: 'news.customer.example' },
    });
    await s.client.sendMail({
      from: list,
      to: SUPPORT,
      subject: 'News',
      text: 'x',
      headers: { Precedence: 'list' },
    });
    expect(await conversationsOf(s.server, list)).toHaveLength(0);
    const busy = `busy.${uniq()}@customer.example`;
    for (let i = 0; i < 4; i++)
      await s.client.sendMail({ from: busy, to: SUPPORT, subject: `Case ${i} ${uniq()}`, text: 'x' });
    expect(await conversationsOf(s.server, busy)).toHaveLength(4);
    expect(await outboxTo(s.server, busy)).toHaveLength(3);
  });
});

describe("agents' replies thread on the customer's mail", () => {
  it('In-Reply-To the last mail, References its chain — not a noted auto-reply’s id', async () => {
    const customer = `chain.${uniq()}@customer.example`;
    const { conv, sent, ack } = await ticket(customer);
    // The customer's own out-of-office answers our acknowledgement: noted on the thread for the agent.
    const ooo = await s.client.sendMail({
      from: customer,
      to: SUPPORT,
      subject: 'Automatic reply',
      text: 'Away until Monday.',
      inReplyTo: ack.parsed.messageId,
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(lastResult()).toMatchObject({ action: 'noted', conversationId: conv.id });
    const note = (await messagesOf(s.server, conv.id)).at(-1)!;
    expect(note).toMatchObject({ authorKind: 'system', visibility: 'internal' });
    expect(note.body).toBe(`Automatic reply from ${customer}:\n\nAway until Monday.`);
    const reply = await s.agent.api.call('POST', `/api/support/conversations/${conv.id}/messages`, {
      body: 'Found it.',
      visibility: 'public',
    });
    expect(reply.status).toBe(201);
    await s.server.ctx.mailer.flush();
    const answer = await s.mailbox.next((m) => m.to.includes(customer) && m.text.includes('Found it.'));
    expect(answer.parsed.inReplyTo).toBe(sent.messageId);
    expect(answer.parsed.references).toBe(sent.messageId);
    expect(answer.parsed.headers.get('auto-submitted')).toBeUndefined();
    expect(String(answer.parsed.references)).not.toContain(ooo.messageId);
    // The reply's Message-ID is the desk's own: a delivery report about it is believed.
    await dsn({
      humanText: 'Failed.',
      originalId: answer.parsed.messageId!,
      recipient: customer,
      status: '5.2.2',
    });
    expect(lastResult()).toMatchObject({ action: 'noted', conversationId: conv.id });
    expect((await messagesOf(s.server, conv.id)).at(-1)!.body).toBe(
      `Delivery of our mail to ${customer} failed (5.2.2: the mailbox is full).`,
    );
  });
});
