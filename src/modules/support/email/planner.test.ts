import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { planInbound, ticketNumberIn } from './planner.js';

const mail = (headers: string, body = 'Hi') =>
  simpleParser(`${headers}\r\nMessage-ID: <m1@x.example>\r\n\r\n${body}\r\n`);

describe('planInbound', () => {
  it('a person writing is mail, with the ids it answers (In-Reply-To first) and the ticket number', async () => {
    const plan = planInbound(
      await mail(
        'From: Ann <Ann@X.example>\r\nSubject: Re: Help [#42]\r\nIn-Reply-To: <b@d>\r\nReferences: <a@d> <b@d>',
      ),
      'ann@x.example',
    );
    expect(plan).toMatchObject({
      kind: 'mail',
      fromAddress: 'ann@x.example',
      fromName: 'Ann',
      ticketNumber: 42,
    });
    expect(plan.threadIds).toEqual(['<b@d>', '<a@d>']);
    expect(plan.references).toEqual(['<a@d>', '<b@d>']);
  });
  it('answers automatically to the return path when the mail has one, else to From', async () => {
    const headers = 'From: Ann <ann@x.example>\r\nReply-To: other@y.example\r\nSubject: s';
    expect(planInbound(await mail(headers), 'Bounces+ann@Relay.example').autoReplyTo).toBe(
      'bounces+ann@relay.example',
    );
    expect(planInbound(await mail(headers), null).autoReplyTo).toBe('ann@x.example');
  });
  it('lists the addresses the sender copied, without the desk and the sender', async () => {
    const plan = planInbound(
      await mail(
        'From: ann@x.example\r\nTo: Help <HELP@desk.example>, bob@x.example\r\nCc: Cy <cy@y.example>, ann@x.example',
      ),
      'ann@x.example',
      ['help@desk.example'],
    );
    expect(plan.copied).toEqual(['bob@x.example', 'cy@y.example']);
  });
  it.each([
    ['X-Auto-Response-Suppress: All', true],
    ['X-Auto-Response-Suppress: DR, OOF', true],
    ['X-Auto-Response-Suppress: DR, RN', false],
    ['X-Other: All', false],
  ])('%s → no automatic answer: %s', async (header, suppressed) => {
    const plan = planInbound(await mail(`From: a@x.example\r\nSubject: s\r\n${header}`), 'a@x.example');
    expect(plan).toMatchObject({ kind: 'mail', noAutoReply: suppressed });
  });
  it.each([
    ['Auto-Submitted: auto-replied', 'auto'],
    ['Auto-Submitted: no', 'mail'],
    ['X-Autoreply: yes', 'auto'],
    ['X-Autorespond: yes', 'auto'],
    ['Precedence: bulk', 'auto'],
    ['Precedence: junk', 'auto'],
    ['Precedence: list', 'auto'],
    ['Content-Type: multipart/report; report-type=disposition-notification; boundary="b"', 'auto'],
    ['List-Id: <news.x.example>', 'auto'],
  ])('%s → %s', async (header, kind) => {
    expect(planInbound(await mail(`From: a@x.example\r\nSubject: s\r\n${header}`), 'a@x.example').kind).toBe(
      kind,
    );
  });
  it('a null sender, MAILER-DAEMON or a delivery-status report is a bounce', async () => {
    expect(planInbound(await mail('From: a@x.example\r\nSubject: s'), '').kind).toBe('bounce');
    expect(planInbound(await mail('From: MAILER-DAEMON@x.example\r\nSubject: s'), 'm@x').kind).toBe('bounce');
    const report = await mail(
      'From: a@x.example\r\nSubject: s\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--b--',
    );
    expect(planInbound(report, 'a@x.example').kind).toBe('bounce');
  });
  it('reads [#n] only in its bracketed form', () => {
    expect(ticketNumberIn('Re: x [#1042]')).toBe(1042);
    expect(ticketNumberIn('order #1042')).toBeNull();
  });
});
