import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { bounceNote, readDeliveryReport, statusGroups } from './dsn.js';

const report = (parts: string[], type = 'multipart/report; report-type=delivery-status; boundary="B"') =>
  simpleParser(
    [
      'From: MAILER-DAEMON@mx.example',
      'Subject: Undelivered',
      `Content-Type: ${type}`,
      '',
      ...parts.flatMap((p) => ['--B', p]),
      '--B--',
      '',
    ].join('\r\n'),
    { keepDeliveryStatus: true },
  );
const human = 'Content-Type: text/plain\r\n\r\nFailed. Message-ID: <in-text@desk.example>';
const status = (fields: string) =>
  `Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n${fields}`;

describe('readDeliveryReport', () => {
  it('reads the failures and the original Message-ID from the machine-readable parts only', async () => {
    const mail = await report([
      human,
      status('Final-Recipient: rfc822; Ann@X.example\r\nAction: failed\r\nStatus: 5.2.2 (mailbox full)'),
      'Content-Type: message/rfc822\r\n\r\nFrom: help@desk.example\r\nMessage-ID: <orig@desk.example>\r\n\r\nMessage-ID: <in-body@desk.example>',
    ]);
    const got = await readDeliveryReport(mail);
    expect(got).toEqual({
      originalIds: ['<orig@desk.example>'],
      failures: [{ recipient: 'ann@x.example', action: 'failed', status: '5.2.2' }],
    });
    expect(bounceNote(got!)).toBe(
      'Delivery of our mail to ann@x.example failed (5.2.2: the mailbox is full).',
    );
  });

  it('reads text/rfc822-headers; skips delivered recipients; refuses junk in the fields', async () => {
    const mail = await report([
      status(
        'Final-Recipient: rfc822; a@x.example\r\nAction: delivered\r\nStatus: 2.0.0\r\n\r\n' +
          'Final-Recipient: rfc822; <script>@x\r\nAction: delayed\r\nStatus: call me',
      ),
      'Content-Type: text/rfc822-headers\r\n\r\nMessage-ID:\r\n <folded@desk.example>',
    ]);
    const got = await readDeliveryReport(mail);
    expect(got).toEqual({
      originalIds: ['<folded@desk.example>'],
      failures: [{ recipient: null, action: 'delayed', status: null }],
    });
    expect(bounceNote(got!)).toBe(
      'Delivery of our mail to the recipient is delayed; the sending server keeps trying.',
    );
  });

  it('is null for a plain-text bounce, another report type, or a report without its status part', async () => {
    expect(
      await readDeliveryReport(await simpleParser('From: MAILER-DAEMON@x\r\n\r\nMessage-ID: <a@b>')),
    ).toBeNull();
    const mdn = await report([human], 'multipart/report; report-type=disposition-notification; boundary="B"');
    expect(await readDeliveryReport(mdn)).toBeNull();
    expect(await readDeliveryReport(await report([human]))).toBeNull();
  });

  it('a report without the original has no ids', async () => {
    const mail = await report([
      status('Final-Recipient: rfc822; a@x.example\r\nAction: failed\r\nStatus: 5.0.0'),
    ]);
    expect((await readDeliveryReport(mail))?.originalIds).toEqual([]);
  });
});

describe('statusGroups', () => {
  it('splits on blank lines, joins folded lines, keeps the first of a repeated field', () => {
    expect(
      statusGroups('A: 1\r\nB: two\r\n  lines\r\nA: 3\r\n\r\nC: 4').map((g) => Object.fromEntries(g)),
    ).toEqual([{ a: '1', b: 'two lines' }, { c: '4' }]);
  });
});
