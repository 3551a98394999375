import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { loadConfig } from '../../src/app/config.js';
import { buildServer } from '../../src/app/server.js';
import { ManualClock } from '../../src/core/clock.js';
import type { Database } from '../../src/db/connection.js';
import { afterAll, beforeAll } from 'vitest';
import { ApiClient, signedIn, startTestServer, type TestServer } from '../support/server.js';

export interface Frame {
  type: string;
  seq?: number;
  body?: string;
  authorKind?: string;
  authorName?: string | null;
  code?: string;
  clientMessageId?: string;
  conversationId?: string | null;
  status?: string;
  typing?: boolean;
  by?: string | null;
  [key: string]: unknown;
}

/** A widget's socket for tests: collects every frame, waits for the ones a test expects. */
export class WidgetSocket {
  readonly frames: Frame[] = [];
  closeCode?: number;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Opens the socket (refused upgrades reject with `status`). */
  static open(
    baseUrl: string,
    opts: { origin?: string; token?: string; ip?: string } = {},
  ): Promise<WidgetSocket> {
    const query = opts.token ? `?token=${encodeURIComponent(opts.token)}` : '';
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/support/widget/ws${query}`, {
      // `ip`: the visitor's address as a proxy says it (a server started with TRUST_PROXY).
      headers: { origin: opts.origin ?? baseUrl, ...(opts.ip && { 'x-forwarded-for': opts.ip }) },
    });
    return new Promise((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) =>
        reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })),
      );
      ws.once('error', reject);
      ws.once('open', () => resolve(new WidgetSocket(ws)));
    });
  }

  send(frame: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  messages(): Frame[] {
    return this.frames.filter((f) => f.type === 'message');
  }

  async next(match: (f: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (this.closeCode !== undefined) throw new Error(`socket closed (${this.closeCode})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; got ${JSON.stringify(this.frames.map((f) => f.type))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    if (this.closeCode !== undefined) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** The pre-chat form: a visitor and their token. */
export async function newVisitor(server: Pick<TestServer, 'app'>, form: Record<string, unknown> = {}) {
  const api = new ApiClient(server.app);
  const res = await api.call('POST', '/api/support/widget/session', {
    name: 'Dewi',
    email: 'dewi@example.test',
    language: 'id',
    ...form,
  });
  if (res.status !== 200) throw new Error(`session: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token as string, body: res.body, api };
}

/** A widget call with the visitor token. */
export function asVisitor(api: ApiClient, token: string) {
  return (method: string, url: string, body?: unknown) =>
    api.call(method, url, body, { authorization: `Bearer ${token}` });
}

/** A server on a given database (for restarts); closing it leaves the database open. */
export async function serverOn(database: Database, secretKey: Buffer, clock: ManualClock) {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
  const { app, ctx } = await buildServer({ config, database, secretKey, clock, logger: false, web: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, ctx, clock, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export const cmid = () => `m_${randomBytes(6).toString('hex')}`;

/**
 * One test server per widget test file (widget origin allowed, a signed-in agent), the sockets it
 * opened closed at the end, and the helpers both files use. Read `suite.server` / `suite.agent` inside
 * tests: they are set in beforeAll.
 */
export function widgetSuite(env: Record<string, string> = {}) {
  const suite = {
    server: undefined as unknown as TestServer,
    agent: undefined as unknown as Awaited<ReturnType<typeof signedIn>>,
  };
  const sockets: WidgetSocket[] = [];
  beforeAll(async () => {
    suite.server = await startTestServer({
      env: { SUPPORT_WIDGET_ORIGINS: 'https://www.broker.example', ...env },
    });
    suite.agent = await signedIn(suite.server, 'support_agent');
  });
  afterAll(async () => {
    for (const s of sockets) await s.close();
    await suite.server.close();
  });
  const open = async (opts: Parameters<typeof WidgetSocket.open>[1] = {}) => {
    const s = await WidgetSocket.open(suite.server.url, opts);
    sockets.push(s);
    return s;
  };
  const reply = (conversationId: string, body: string, visibility = 'public') =>
    suite.agent.api.call('POST', `/api/support/conversations/${conversationId}/messages`, {
      body,
      visibility,
    });
  /** A visitor with an open chat over the socket: their token, socket and conversation. */
  const chatting = async (form: Record<string, unknown> = {}) => {
    const { token, api } = await newVisitor(suite.server, form);
    const ws = await open();
    ws.send({ type: 'hello', token, lastSeq: 0 });
    await ws.next((f) => f.type === 'state' && f.status === 'none');
    const first = cmid();
    ws.send({ type: 'start', body: 'Halo, saya butuh bantuan', clientMessageId: first });
    const ack = await ws.next((f) => f.type === 'ack' && f.clientMessageId === first);
    await ws.next((f) => f.type === 'message' && f.seq === ack.seq);
    return { token, api, ws, conversationId: ack.conversationId as string };
  };
  return { suite, open, reply, chatting };
}
