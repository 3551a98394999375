import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox, supportAttachments } from '../../src/db/schema.js';
import { ApiClient, signedIn, startTestServer, type TestServer } from '../support/server.js';
import { multipart, PNG } from './support-attachments.fixtures.js';
import { asVisitor, cmid, newVisitor } from './support-widget.fixtures.js';

let server: TestServer;
let agent: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  server = await startTestServer({ env: { SUPPORT_ATTACHMENT_MAX_MB: '1' } });
  agent = await signedIn(server, 'support_agent');
});
afterAll(() => server?.close());

const rowsOf = (conversationId: string) =>
  server.ctx.database.db
    .select()
    .from(supportAttachments)
    .where(eq(supportAttachments.conversationId, conversationId));

/** A visitor with a chat opened over HTTP: their token and conversation. */
async function chatting(form: Record<string, unknown> = {}) {
  const { token, api } = await newVisitor(server, form);
  const sent = await asVisitor(api, token)('POST', '/api/support/widget/messages', {
    body: 'Halo, ini bukti transfer saya',
    clientMessageId: cmid(),
  });
  expect(sent.status).toBe(201);
  return { token, conversationId: sent.body.conversationId as string };
}

async function upload(
  token: string | null,
  conversationId: string,
  file: { name: string; bytes: Buffer },
  clientMessageId = cmid(),
) {
  const { payload, contentType } = multipart(file.name, file.bytes);
  const res = await server.app.inject({
    method: 'POST',
    url: `/api/support/widget/attachments?conversationId=${conversationId}&clientMessageId=${clientMessageId}`,
    headers: { 'content-type': contentType, ...(token && { authorization: `Bearer ${token}` }) },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}

const download = (token: string, id: string) =>
  server.app.inject({
    method: 'GET',
    url: `/api/support/widget/attachments/${id}`,
    headers: { authorization: `Bearer ${token}` },
  });

describe('the visitor’s upload', () => {
  it('puts the file on a customer message of their chat: the agent sees it, the visitor downloads it', async () => {
    const { token, conversationId } = await chatting({ email: 'files@example.test' });
    const up = await upload(token, conversationId, { name: 'bukti transfer.png', bytes: PNG });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      conversationId,
      seq: 2,
      duplicate: false,
      attachment: { fileName: 'bukti transfer.png', mimeType: 'image/png', size: PNG.length },
    });

    const staff = await agent.api.call(
      'GET',
      `/api/support/conversations/${conversationId}/messages?after=1`,
    );
    expect(staff.body.items).toHaveLength(1);
    expect(staff.body.items[0]).toMatchObject({ authorKind: 'customer', body: '', visibility: 'public' });
    expect(staff.body.items[0].attachments[0]).toMatchObject({
      id: up.body.attachment.id,
      mimeType: 'image/png',
    });

    const widget = await asVisitor(new ApiClient(server.app), token)(
      'GET',
      `/api/support/widget/messages?conversationId=${conversationId}&after=1`,
    );
    expect(widget.body.items[0].attachments).toEqual([up.body.attachment]);

    const res = await download(token, up.body.attachment.id);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe('sandbox');

    // The emailed transcript names the file the visitor sent without text.
    const sent = await asVisitor(new ApiClient(server.app), token)('POST', '/api/support/widget/transcript', {
      conversationId,
    });
    expect(sent.status).toBe(202);
    const [mail] = await server.ctx.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, 'files@example.test'));
    expect(mail!.text).toContain('[file: bukti transfer.png]');
  });

  it('stores a retried upload once (same clientMessageId → 200, duplicate)', async () => {
    const { token, conversationId } = await chatting();
    const id = cmid();
    const first = await upload(token, conversationId, { name: 'a.png', bytes: PNG }, id);
    const again = await upload(token, conversationId, { name: 'a.png', bytes: PNG }, id);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      seq: first.body.seq,
      duplicate: true,
      attachment: first.body.attachment,
    });
    expect(await rowsOf(conversationId)).toHaveLength(1);
  });
});

describe('refused uploads store nothing', () => {
  it('refuses a missing or wrong visitor token with 401', async () => {
    const { conversationId } = await chatting();
    const none = await upload(null, conversationId, { name: 'a.png', bytes: PNG });
    const wrong = await upload(`vt_${'x'.repeat(43)}`, conversationId, { name: 'a.png', bytes: PNG });
    expect(none.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'visitor_token_invalid' });
    expect(await rowsOf(conversationId)).toEqual([]);
  });

  it('answers 404 for another visitor’s conversation or a made-up one', async () => {
    const victim = await chatting();
    const intruder = await chatting();
    const foreign = await upload(intruder.token, victim.conversationId, { name: 'a.png', bytes: PNG });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ code: 'not_found' });
    const madeUp = await upload(intruder.token, '00000000-0000-4000-8000-000000000000', {
      name: 'a.png',
      bytes: PNG,
    });
    expect(madeUp.status).toBe(404);
    expect(await rowsOf(victim.conversationId)).toEqual([]);
  });

  it.each([
    ['HTML named .png', 'photo.png', Buffer.from('<!DOCTYPE html><script>alert(1)</script>')],
    [
      'a PE executable named .pdf',
      'statement.pdf',
      Buffer.concat([
        Buffer.from('MZ'),
        Buffer.alloc(0x3a),
        Buffer.from([0x40, 0, 0, 0]),
        Buffer.from('PE\0\0'),
        Buffer.alloc(200),
      ]),
    ],
  ])('refuses a disguised file (%s) with 415 attachment_type_refused', async (_, name, bytes) => {
    const { token, conversationId } = await chatting();
    const up = await upload(token, conversationId, { name, bytes });
    expect(up.status).toBe(415);
    expect(up.body).toMatchObject({ code: 'attachment_type_refused', field: 'file' });
    expect(await rowsOf(conversationId)).toEqual([]);
    const thread = await agent.api.call('GET', `/api/support/conversations/${conversationId}/messages`);
    expect(thread.body.items).toHaveLength(1);
  });

  it('refuses a file over SUPPORT_ATTACHMENT_MAX_MB with 413', async () => {
    const { token, conversationId } = await chatting();
    const big = Buffer.concat([PNG, Buffer.alloc(1_048_576 + 10, 7)]);
    const up = await upload(token, conversationId, { name: 'big.png', bytes: big });
    expect(up.status).toBe(413);
    expect(up.body).toMatchObject({ code: 'attachment_too_large', field: 'file', maxMb: 1 });
    expect(await rowsOf(conversationId)).toEqual([]);
  });

  it('cuts a flood of uploads with 429 rate_limited', async () => {
    const { token, conversationId } = await chatting();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await upload(token, conversationId, { name: `${i}.png`, bytes: PNG })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(await rowsOf(conversationId)).toHaveLength(5);
  });

  it('refuses a closed conversation with 409 before reading the file', async () => {
    const { token, conversationId } = await chatting();
    const closed = await agent.api.call('PATCH', `/api/support/conversations/${conversationId}`, {
      status: 'closed',
    });
    expect(closed.status).toBe(200);
    const up = await upload(token, conversationId, { name: 'a.png', bytes: PNG });
    expect(up.status).toBe(409);
    expect(up.body).toMatchObject({ code: 'conversation_closed' });
    expect(await rowsOf(conversationId)).toEqual([]);
  });
});

describe('the visitor’s download', () => {
  it('serves only files on public messages of their own conversations', async () => {
    const mine = await chatting();
    const other = await chatting();
    const theirs = await upload(other.token, other.conversationId, { name: 'theirs.png', bytes: PNG });
    // A file the agent put on an internal note of the visitor's own chat.
    const { payload, contentType } = multipart('internal.png', PNG);
    const staffUp = await server.app.inject({
      method: 'POST',
      url: `/api/support/conversations/${mine.conversationId}/attachments`,
      headers: { cookie: agent.api.jar.header(), 'content-type': contentType },
      payload,
    });
    const note = await agent.api.call('POST', `/api/support/conversations/${mine.conversationId}/messages`, {
      body: 'for us only',
      visibility: 'internal',
      attachmentIds: [staffUp.json().id],
    });
    expect(note.status).toBe(201);
    expect((await download(mine.token, theirs.body.attachment.id)).statusCode).toBe(404);
    expect((await download(mine.token, staffUp.json().id)).statusCode).toBe(404);
    expect((await download(other.token, theirs.body.attachment.id)).statusCode).toBe(200);
  });
});
