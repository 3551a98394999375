import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SUPPORT,
  conversationsOf,
  messagesOf,
  startEmailSuite,
  uniq,
  type EmailSuite,
} from './support-email.fixtures.js';

// Files that come with a mail go through the attachments part (same sniffing and limit as a staff
// upload) and show on the message like a staff upload; refused ones leave a note, the mail is kept.

let s: EmailSuite;
beforeAll(async () => {
  // 1 MB, so "too large" needs only a little over a megabyte.
  s = await startEmailSuite({ SUPPORT_ATTACHMENT_MAX_MB: '1' });
});
afterAll(() => s?.close());

// The smallest valid PNG (1×1, transparent).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const CSV = 'date,amount\n2026-12-01,100\n';
/** A Windows executable's first bytes, named and typed as a PDF. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 1)]);

const messagesView = async (id: string) => {
  const res = await s.agent.api.call('GET', `/api/support/conversations/${id}/messages`);
  expect(res.status).toBe(200);
  return (
    res.body as {
      items: {
        body: string;
        authorKind: string;
        visibility: string;
        attachments: { id: string; fileName: string; mimeType: string; size: number; url: string }[];
      }[];
    }
  ).items;
};

describe('attachments of inbound mail', () => {
  it('keeps allowed files on the message (served like a staff upload) and notes each refused one', async () => {
    const customer = `files.${uniq()}@customer.example`;
    await s.client.sendMail({
      from: customer,
      to: SUPPORT,
      subject: 'Documents',
      text: 'My passport scan and the statement.',
      attachments: [
        { filename: 'scan.png', content: PNG, contentType: 'image/png' },
        { filename: 'statement.csv', content: CSV, contentType: 'text/csv' },
        { filename: 'invoice.pdf', content: EXE, contentType: 'application/pdf' },
        {
          filename: 'notes.txt',
          content: '<html><script>alert(1)</script></html>',
          contentType: 'text/plain',
        },
        { filename: 'huge.pdf', content: Buffer.alloc(1_100_000, 0x41), contentType: 'application/pdf' },
      ],
    });
    const [conv] = await conversationsOf(s.server, customer);
    const [message, note, more] = await messagesView(conv!.id);
    expect(more).toBeUndefined();
    expect(message).toMatchObject({ authorKind: 'customer', body: 'My passport scan and the statement.' });
    expect(message!.attachments.map((a) => [a.fileName, a.mimeType, a.size])).toEqual([
      ['scan.png', 'image/png', PNG.length],
      ['statement.csv', 'text/csv', Buffer.byteLength(CSV)],
    ]);
    const download = await s.server.app.inject({
      method: 'GET',
      url: message!.attachments[0]!.url,
      headers: { cookie: s.agent.api.jar.header() },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');

    expect(note).toMatchObject({ authorKind: 'system', visibility: 'internal' });
    expect(note!.body).toContain('"invoice.pdf": its content is not an image, PDF, text, CSV or office file');
    expect(note!.body).toContain('"notes.txt": its content is not');
    expect(note!.body).toContain('"huge.pdf": it is larger than 1 MB');
    expect(note!.body).not.toMatch(/scan\.png|statement\.csv/);
  });

  it('a mail of only a refused file is still kept, and a cid: image becomes a file, not an <img>', async () => {
    const customer = `inline.${uniq()}@customer.example`;
    await s.client.sendMail({
      from: customer,
      to: SUPPORT,
      subject: 'Screenshot',
      html: '<p>See <img src="cid:shot@x"> and <img src="https://tracker.example/p.gif"></p>',
      attachments: [{ filename: 'shot.png', content: PNG, contentType: 'image/png', cid: 'shot@x' }],
    });
    const [conv] = await conversationsOf(s.server, customer);
    const [message] = await messagesOf(s.server, conv!.id);
    expect(message!.bodyHtml).not.toMatch(/<img|cid:|tracker/);
    const [view] = await messagesView(conv!.id);
    expect(view!.attachments.map((a) => a.fileName)).toEqual(['shot.png']);

    const only = `only.${uniq()}@customer.example`;
    await s.client.sendMail({
      from: only,
      to: SUPPORT,
      subject: 'Setup',
      attachments: [{ filename: 'setup.exe', content: EXE }],
    });
    const [conv2] = await conversationsOf(s.server, only);
    const [kept, refused] = await messagesView(conv2!.id);
    expect(kept).toMatchObject({ authorKind: 'customer', body: '(empty message)', attachments: [] });
    expect(refused!.body).toContain('"setup.exe"');
  });
});
