import { existsSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportAttachments } from '../../src/db/schema.js';
import { sanitizeFileName } from '../../src/modules/support/index.js';
import { signedIn, startTestServer, type TestServer } from '../support/server.js';
import { openConversation } from './support-conversations.fixtures.js';
import { multipart, PNG } from './support-attachments.fixtures.js';

let server: TestServer;
let agent: Awaited<ReturnType<typeof signedIn>>;
const db = () => server.ctx.database.db;
const dir = () => server.ctx.attachments.dir;

async function upload(api: typeof agent.api, conversationId: string, fileName: string, bytes: Buffer) {
  const { payload, contentType } = multipart(fileName, bytes);
  const res = await server.app.inject({
    method: 'POST',
    url: `/api/support/conversations/${conversationId}/attachments`,
    headers: { cookie: api.jar.header(), 'content-type': contentType },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}

const download = (api: typeof agent.api, id: string) =>
  server.app.inject({
    method: 'GET',
    url: `/api/support/attachments/${id}`,
    headers: { cookie: api.jar.header() },
  });

const rowsOf = (conversationId: string) =>
  db().select().from(supportAttachments).where(eq(supportAttachments.conversationId, conversationId));

beforeAll(async () => {
  // 1 MB, so "too large" needs only a little over a megabyte.
  server = await startTestServer({ env: { SUPPORT_ATTACHMENT_MAX_MB: '1' } });
  agent = await signedIn(server, 'support_agent');
});
afterAll(() => server?.close());

describe('upload and download', () => {
  it('stores a PNG by its sha256 and serves the same bytes, typed as sniffed, as a download', async () => {
    const conv = await openConversation(server);
    const up = await upload(agent.api, conv.id, '../../etc/screen shot.png', PNG);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: 'screen shot.png', mimeType: 'image/png', size: PNG.length });
    expect(up.body.url).toBe(`/api/support/attachments/${up.body.id}`);
    const sha = createHash('sha256').update(PNG).digest('hex');
    const [row] = await rowsOf(conv.id);
    expect(row).toMatchObject({ sha256: sha, storageKey: sha, messageId: null });
    expect(existsSync(join(dir(), sha))).toBe(true);
    expect(readdirSync(dir()).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const res = await download(agent.api, up.body.id);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''screen%20shot.png");
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe('sandbox');
  });

  it('keeps a UTF-8 text as text/plain and a non-ASCII name encoded', async () => {
    const conv = await openConversation(server);
    const up = await upload(agent.api, conv.id, 'выписка.txt', Buffer.from('Баланс: 100 USD\n'));
    expect(up.status).toBe(201);
    expect(up.body.mimeType).toBe('text/plain');
    const res = await download(agent.api, up.body.id);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('выписка.txt')}`,
    );
  });

  it.each([
    ['a CSV', 'rates.csv', Buffer.from('date,rate\n2026-01-01,1.1\n'), 'text/csv'],
    [
      'a PDF',
      'statement.pdf',
      Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
      'application/pdf',
    ],
    [
      'a JPEG named .txt',
      'x.txt',
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
      'image/jpeg',
    ],
  ])('records %s by its content', async (_, name, bytes, mime) => {
    const conv = await openConversation(server);
    const up = await upload(agent.api, conv.id, name, bytes);
    expect(up.status).toBe(201);
    expect(up.body.mimeType).toBe(mime);
  });

  it('answers 404 for an unknown attachment', async () => {
    const res = await download(agent.api, '00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
  });
});

describe('refused uploads store nothing', () => {
  it('refuses a file over SUPPORT_ATTACHMENT_MAX_MB with 413', async () => {
    const conv = await openConversation(server);
    const big = Buffer.concat([PNG, Buffer.alloc(1_048_576 + 10, 7)]);
    const before = existsSync(dir()) ? readdirSync(dir()).length : 0;
    const up = await upload(agent.api, conv.id, 'big.png', big);
    expect(up.status).toBe(413);
    expect(up.body).toMatchObject({ code: 'attachment_too_large' });
    expect(await rowsOf(conv.id)).toEqual([]);
    expect(existsSync(dir()) ? readdirSync(dir()).length : 0).toBe(before);
  });

  it.each([
    ['HTML', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>')],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    [
      'an ELF executable',
      Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]),
    ],
    [
      'a PE executable',
      Buffer.concat([
        Buffer.from('MZ'),
        Buffer.alloc(0x3a),
        Buffer.from([0x40, 0, 0, 0]),
        Buffer.from('PE\0\0'),
        Buffer.alloc(200),
      ]),
    ],
    ['binary with NULs', Buffer.from([1, 2, 0, 3, 4, 0, 5])],
  ])('refuses %s named .png with 415 attachment_type_refused', async (_, bytes) => {
    const conv = await openConversation(server);
    const up = await upload(agent.api, conv.id, 'photo.png', bytes);
    expect(up.status).toBe(415);
    expect(up.body).toMatchObject({ code: 'attachment_type_refused', field: 'file' });
    expect(await rowsOf(conv.id)).toEqual([]);
  });

  it('answers 404 for an unknown conversation', async () => {
    const up = await upload(agent.api, '00000000-0000-4000-8000-000000000000', 'a.png', PNG);
    expect(up.status).toBe(404);
  });

  it('refuses staff without support.handle (403) on upload and download', async () => {
    const conv = await openConversation(server);
    const mine = await upload(agent.api, conv.id, 'a.png', PNG);
    const sales = await signedIn(server, 'sales_manager');
    expect((await upload(sales.api, conv.id, 'b.png', PNG)).status).toBe(403);
    expect((await download(sales.api, mine.body.id)).statusCode).toBe(403);
    expect(await rowsOf(conv.id)).toHaveLength(1);
  });
});

describe('attaching to a message', () => {
  it('attaches an upload to a message of its conversation, and refuses it on another conversation', async () => {
    const conv = await openConversation(server);
    const other = await openConversation(server);
    const up = await upload(agent.api, conv.id, 'a.png', PNG);
    const elsewhere = await agent.api.call('POST', `/api/support/conversations/${other.id}/messages`, {
      body: 'see attached',
      visibility: 'public',
      attachmentIds: [up.body.id],
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({ code: 'attachment_unknown', field: 'attachmentIds' });
    expect((await rowsOf(conv.id))[0]!.messageId).toBeNull();

    const sent = await agent.api.call('POST', `/api/support/conversations/${conv.id}/messages`, {
      body: 'see attached',
      visibility: 'public',
      attachmentIds: [up.body.id],
    });
    expect(sent.status).toBe(201);
    expect(sent.body.attachments).toEqual([up.body]);
  });
});

describe('file names', () => {
  it('drops path parts and control characters and keeps at most 200 characters', () => {
    expect(sanitizeFileName('C:\\Users\\a\\report.pdf')).toBe('report.pdf');
    expect(sanitizeFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(sanitizeFileName('../..')).toBe('file');
    expect(Array.from(sanitizeFileName(`${'é'.repeat(300)}.txt`))).toHaveLength(200);
  });
});

describe('the API document', () => {
  it('lists upload and download with the staff session and a response schema', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const up = doc.paths['/api/support/conversations/{id}/attachments'].post;
    const down = doc.paths['/api/support/attachments/{id}'].get;
    expect(up.security).toEqual([{ session: [] }]);
    expect(down.security).toEqual([{ session: [] }]);
    expect(up.responses['201'].content['application/json'].schema).toBeDefined();
    expect(down.responses['200'].content['application/octet-stream'].schema).toBeDefined();
  });
});
