import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { mailOutbox } from '../../src/core/schema.js';
import { conversationMessages, conversations, supportVisitors } from '../../src/modules/support/schema.js';
import { signedInTrader } from './support-conversations.fixtures.js';
import { asVisitor, cmid, newVisitor, widgetSuite } from './support-widget.fixtures.js';

const XSS_NAME = '<img src=x onerror=alert(1)>';
const XSS_BODY = '<script>alert("x")</script><b onmouseover=alert(2)>hi</b>';

const { suite, open, reply, chatting } = widgetSuite();

describe('the widget socket', () => {
  it('opens a chat with the first message, and the agent’s public reply arrives without staff ids', async () => {
    const { ws, conversationId } = await chatting();
    const [conv] = await suite.server.ctx.database.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, conversationId));
    expect(conv).toMatchObject({ channel: 'chat', language: 'id', contactName: 'Dewi', lastSeq: 1 });
    expect((await reply(conversationId, 'Halo Dewi, ada yang bisa dibantu?')).status).toBe(201);
    expect((await reply(conversationId, 'internal: check her KYC', 'internal')).status).toBe(201);
    expect((await reply(conversationId, 'Silakan')).status).toBe(201);
    const answer = await ws.next((f) => f.type === 'message' && f.seq === 2);
    expect(answer).toMatchObject({ authorKind: 'agent', body: 'Halo Dewi, ada yang bisa dibantu?' });
    expect(Object.keys(answer).sort()).toEqual([
      'authorKind',
      'authorName',
      'body',
      'createdAt',
      'id',
      'seq',
      'type',
    ]);
    await ws.next((f) => f.type === 'message' && f.seq === 4);
    // The internal note (seq 3) is never sent to the visitor.
    expect(ws.messages().map((m) => m.seq)).toEqual([1, 2, 4]);
    expect(JSON.stringify(ws.frames)).not.toContain('KYC');
  });

  it('after a drop, resumes with hello { lastSeq }: the missed replies exactly once, then live ones', async () => {
    const { token, ws, conversationId } = await chatting();
    expect((await reply(conversationId, 'first answer')).status).toBe(201);
    await ws.next((f) => f.type === 'message' && f.seq === 2);
    await ws.close();
    await reply(conversationId, 'missed one');
    await reply(conversationId, 'missed two');
    const back = await open();
    back.send({ type: 'hello', token, conversationId, lastSeq: 2 });
    await back.next((f) => f.type === 'message' && f.seq === 4);
    await back.next((f) => f.type === 'state');
    await reply(conversationId, 'live again');
    await back.next((f) => f.type === 'message' && f.seq === 5);
    expect(back.messages().map((m) => [m.seq, m.body])).toEqual([
      [3, 'missed one'],
      [4, 'missed two'],
      [5, 'live again'],
    ]);
  });

  it('sends each message once and in order when replies land while a reconnect replays', async () => {
    const { token, conversationId } = await chatting();
    const back = await open();
    // Replies are written while the hello's replay runs; the room's queue keeps them in one order.
    const writes = Promise.all(Array.from({ length: 8 }, (_, i) => reply(conversationId, `burst ${i}`)));
    back.send({ type: 'hello', token, conversationId, lastSeq: 0 });
    await writes;
    await back.next((f) => f.type === 'message' && f.seq === 9);
    const seqs = back.messages().map((m) => m.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('refuses a foreign Origin before the upgrade, and lets a configured broker site in', async () => {
    await expect(open({ origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 });
    const allowed = await open({ origin: 'https://www.broker.example' });
    const { token } = await newVisitor(suite.server);
    allowed.send({ type: 'hello', token, lastSeq: 0 });
    await allowed.next((f) => f.type === 'state');
    // The HTTP routes answer the broker's site with CORS, not a foreign one.
    const pre = await suite.server.app.inject({
      method: 'OPTIONS',
      url: '/api/support/widget/session',
      headers: { origin: 'https://www.broker.example', 'access-control-request-method': 'POST' },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://www.broker.example');
    const foreign = await suite.server.app.inject({
      method: 'POST',
      url: '/api/support/widget/session',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x' }),
    });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a swapped conversation id or another visitor’s token, sending nothing of the chat', async () => {
    const victim = await chatting({ name: 'Victim' });
    await reply(victim.conversationId, 'your account number is 12345');
    const intruder = await newVisitor(suite.server, { name: 'Intruder' });
    const ws = await open();
    ws.send({ type: 'hello', token: intruder.token, conversationId: victim.conversationId, lastSeq: 0 });
    expect(await ws.next((f) => f.type === 'error')).toMatchObject({ code: 'not_found' });
    ws.send({ type: 'message', body: 'hi', clientMessageId: cmid() });
    await ws.next((f) => f.type === 'ack');
    expect(ws.messages().every((m) => m.body !== 'your account number is 12345')).toBe(true);
    const call = asVisitor(intruder.api, intruder.token);
    const read = await call(
      'GET',
      `/api/support/widget/messages?conversationId=${victim.conversationId}&after=0`,
    );
    expect(read.status).toBe(404);
    const write = await call('POST', '/api/support/widget/messages', {
      conversationId: victim.conversationId,
      body: 'injected',
      clientMessageId: cmid(),
    });
    expect(write.status).toBe(404);
    const rate = await call('POST', '/api/support/widget/csat', {
      conversationId: victim.conversationId,
      score: 1,
    });
    expect(rate.status).toBe(404);
    const rows = await suite.server.ctx.database.db
      .select()
      .from(conversationMessages)
      .where(eq(conversationMessages.conversationId, victim.conversationId));
    expect(rows.map((r) => r.body)).not.toContain('injected');
    // A made-up token is nobody.
    const bad = await asVisitor(intruder.api, 'vt_not-a-real-token-at-all')(
      'GET',
      `/api/support/widget/messages?conversationId=${victim.conversationId}`,
    );
    expect(bad.status).toBe(401);
    const nobody = await open();
    nobody.send({ type: 'hello', token: 'vt_forged-token-000000', lastSeq: 0 });
    expect(await nobody.next((f) => f.type === 'error')).toMatchObject({ code: 'unauthorized' });
  });

  it('cuts a socket that asks for the replay again and again, or queues frames past the bound', async () => {
    const { token, ws, conversationId } = await chatting();
    // The chat's hello was the first; a second is answered with the replay (seq 1 again)…
    ws.send({ type: 'hello', token, conversationId, lastSeq: 0 });
    await ws.next((f) => f.type === 'message' && f.seq === 1 && f !== ws.messages()[0]);
    // …the fourth closes the socket, refused before any of its replay is read.
    for (let i = 0; i < 2; i++) ws.send({ type: 'hello', token, conversationId, lastSeq: 0 });
    await expect(ws.next(() => false)).rejects.toThrow('socket closed (1008)');
    expect(ws.frames.at(-1)).toMatchObject({ type: 'error', code: 'rate_limited', field: 'type' });
    // Frames piled up faster than they are handled: past the bound the socket is closed, not queued.
    const other = await chatting();
    for (let i = 0; i < 200; i++) other.ws.send({ type: 'typing', typing: i % 2 === 0 });
    await expect(other.ws.next(() => false)).rejects.toThrow('socket closed (1008)');
    // The chat itself is intact: a new socket resumes it.
    const again = await open();
    again.send({ type: 'hello', token: other.token, conversationId: other.conversationId, lastSeq: 0 });
    await again.next((f) => f.type === 'message' && f.seq === 1);
  });

  it('cuts a flood: rate_limited on the socket, 429 over HTTP', async () => {
    const { ws, token: chatToken, api: chatApi, conversationId } = await chatting();
    const ids = Array.from({ length: 12 }, () => cmid());
    for (const id of ids) ws.send({ type: 'message', body: `spam ${id}`, clientMessageId: id });
    const limited = await ws.next((f) => f.type === 'error' && f.code === 'rate_limited');
    expect(ids).toContain(limited.clientMessageId);
    const { token, api } = await newVisitor(suite.server);
    const call = asVisitor(api, token);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await call('POST', '/api/support/widget/messages', { body: `x${i}`, clientMessageId: cmid() }))
          .status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const over = await call('POST', '/api/support/widget/messages', { body: 'x', clientMessageId: cmid() });
    expect(over.body).toMatchObject({ code: 'rate_limited' });
    // Reading the chat over HTTP (each read up to 500 messages) is bounded per visitor too.
    const read = asVisitor(chatApi, chatToken);
    const path = `/api/support/widget/messages?conversationId=${conversationId}`;
    const reads: number[] = [];
    for (let i = 0; i < 31; i++) reads.push((await read('GET', path)).status);
    expect(reads.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(reads[30]).toBe(429);
  });

  it('stores XSS in names and bodies verbatim and sends it as text', async () => {
    const { ws, conversationId } = await chatting({ name: XSS_NAME });
    const id = cmid();
    ws.send({ type: 'message', body: XSS_BODY, clientMessageId: id });
    const ack = await ws.next((f) => f.type === 'ack' && f.clientMessageId === id);
    const echoed = await ws.next((f) => f.type === 'message' && f.seq === ack.seq);
    expect(echoed).toMatchObject({ body: XSS_BODY, authorName: XSS_NAME });
    const [row] = await suite.server.ctx.database.db
      .select()
      .from(conversationMessages)
      .where(
        and(eq(conversationMessages.conversationId, conversationId), eq(conversationMessages.seq, ack.seq!)),
      );
    expect(row).toMatchObject({ body: XSS_BODY, authorName: XSS_NAME, bodyHtml: null });
  });

  it('passes the agent’s typing to the visitor, and their “stopped”', async () => {
    const { ws, conversationId } = await chatting();
    const typing = (on: boolean) =>
      suite.agent.api.call('POST', `/api/support/conversations/${conversationId}/typing`, { typing: on });
    expect((await typing(true)).status).toBe(204);
    expect(await ws.next((f) => f.type === 'typing' && f.typing === true)).toMatchObject({
      by: suite.agent.user.name,
    });
    await typing(false);
    await ws.next((f) => f.type === 'typing' && f.typing === false);
    const visitor = await newVisitor(suite.server);
    const refused = await asVisitor(visitor.api, visitor.token)(
      'POST',
      `/api/support/conversations/${conversationId}/typing`,
      {
        typing: true,
      },
    );
    expect(refused.status).toBe(401);
  });

  it('opens one chat when two first messages arrive at once', async () => {
    const { token, api } = await newVisitor(suite.server);
    const call = asVisitor(api, token);
    const sent = await Promise.all(
      ['first?', 'also first?'].map((body) =>
        call('POST', '/api/support/widget/messages', { body, clientMessageId: cmid() }),
      ),
    );
    expect(sent.map((r) => r.status)).toEqual([201, 201]);
    expect(new Set(sent.map((r) => r.body.conversationId)).size).toBe(1);
    expect(sent.map((r) => r.body.seq).sort()).toEqual([1, 2]);
  });

  it('resumes over HTTP too, and a retried send is stored once', async () => {
    const { token, api, conversationId } = await chatting();
    const call = asVisitor(api, token);
    const id = cmid();
    const first = await call('POST', '/api/support/widget/messages', {
      conversationId,
      body: 'again?',
      clientMessageId: id,
    });
    const retry = await call('POST', '/api/support/widget/messages', {
      conversationId,
      body: 'again?',
      clientMessageId: id,
    });
    expect(first.body).toMatchObject({ seq: 2, duplicate: false });
    expect(retry.body).toMatchObject({ seq: 2, duplicate: true });
    await reply(conversationId, 'answer');
    const page = await call('GET', `/api/support/widget/messages?conversationId=${conversationId}&after=1`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((m: { seq: number }) => m.seq)).toEqual([2, 3]);
    expect(page.body.state).toMatchObject({ conversationId, status: 'open', lastSeq: 3 });
    // Resuming the session with the token finds the same chat.
    const resumed = await api.call('POST', '/api/support/widget/session', { token });
    expect(resumed.body).toMatchObject({ token, state: { conversationId } });
    const bad = await call('GET', `/api/support/widget/messages?conversationId=not-an-id`);
    expect(bad.status).toBe(400);
  });

  it('keeps only the token’s hash, and mails the transcript to the visitor', async () => {
    const { token, api, conversationId } = await chatting({ email: 'transcript@example.test' });
    const hashes = await suite.server.ctx.database.db
      .select({ h: supportVisitors.tokenHash })
      .from(supportVisitors);
    expect(hashes.map((r) => r.h)).not.toContain(token);
    await reply(conversationId, 'Here is how to withdraw');
    const res = await asVisitor(api, token)('POST', '/api/support/widget/transcript', { conversationId });
    expect(res.status).toBe(202);
    const [mail] = await suite.server.ctx.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, 'transcript@example.test'));
    expect(mail!.text).toContain('Here is how to withdraw');
    expect(mail!.text).toContain('Halo, saya butuh bantuan');
    // Not to anyone else, and only a few times per chat: the route is no way to mail strangers.
    const elsewhere = await asVisitor(api, token)('POST', '/api/support/widget/transcript', {
      conversationId,
      email: 'victim@example.test',
    });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({ code: 'email_mismatch', field: 'email' });
    const again = async () =>
      (await asVisitor(api, token)('POST', '/api/support/widget/transcript', { conversationId })).status;
    // Three tries per chat a day, refused ones included: the first, the refused one, this one.
    expect(await again()).toBe(202);
    expect(await again()).toBe(429);
    const sent = await suite.server.ctx.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, 'victim@example.test'));
    expect(sent).toHaveLength(0);
  });

  it('links a signed-in trader through the cabinet’s signed chat token', async () => {
    const trader = await signedInTrader(suite.server);
    const issued = await trader.api.call('GET', '/api/cabinet/support/chat-token');
    expect(issued.status).toBe(200);
    const session = await trader.api.call('POST', '/api/support/widget/session', {
      traderToken: issued.body.token,
    });
    expect(session.body.visitor).toMatchObject({ trader: true, name: 'Siti Rahma' });
    const sent = await asVisitor(trader.api, session.body.token)('POST', '/api/support/widget/messages', {
      body: 'from the cabinet',
      clientMessageId: cmid(),
    });
    const [conv] = await suite.server.ctx.database.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, sent.body.conversationId));
    expect(conv!.clientId).toBe(trader.clientId);
    const forged = issued.body.token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect(
      (await trader.api.call('POST', '/api/support/widget/session', { traderToken: forged })).status,
    ).toBe(401);
    // Staff or anonymous callers get no chat token.
    expect((await suite.agent.api.call('GET', '/api/cabinet/support/chat-token')).status).toBe(401);
  });
});
