// The chat benchmark's simulated people (see bench/chat.ts): visitors on the widget's socket
// (/api/support/widget/ws, signed in through POST /api/support/widget/session) and agents on the staff
// socket (/api/ws, signed in over HTTP) who reply through POST /api/support/conversations/:id/messages.
// One event loop for all of them, so the work per frame is kept small: `ws` directly, a prefix check
// on the staff socket's frames (every agent hears every conversation's push), no timers per socket.
//
// Each conversation has at most one message in flight and the two sides alternate (question, answer,
// question…), so a push `{ kind: 'message', seq }` on the assigned agent's socket, or a `message`
// frame from an agent on the visitor's, tells which message arrived.
import WebSocket from 'ws';
import { nowMs, progress, sleep } from './harness.js';

export interface Msg {
  cmid: string;
  from: 'visitor' | 'agent';
  /** 0 until the ack (visitor) or the POST's answer (agent) gives it. */
  seq: number;
  sentAt: number;
  deliveredAt: number;
  /** The seq the other side saw it under (checked against `seq`). */
  deliveredSeq: number;
  failed: boolean;
}

export interface Conv {
  id: string;
  visitor: Visitor;
  /** Index into Desk.agents; -1 while not known (or queued). */
  agent: number;
  inflight: Msg | null;
  /** Pushes seen before the message's seq or the assignee was known: [agent, seq, time]… */
  early: number[];
}

export interface DeskHooks {
  /** A visitor's message reached the assigned agent's socket. */
  atAgent(conv: Conv, msg: Msg): void;
  /** An agent's reply reached the visitor's socket. */
  atVisitor(conv: Conv, msg: Msg): void;
}

export interface AgentLogin {
  staffId: string;
  cookie: string;
}

const LIVE_PREFIX = '{"type":"live","topic":"support.conversation","data":{"conversationId":"';
const ASSIGNED = '"type":"support.conversation_assigned"';

export class Desk {
  readonly convs = new Map<string, Conv>();
  readonly agentSockets: WebSocket[] = [];
  /** Pushes and assignments for conversations whose first ack has not arrived yet. */
  private readonly orphans = new Map<string, { early: number[]; agent?: number }>();
  private readonly byStaffId = new Map<string, number>();
  private counter = 0;
  hooks: DeskHooks = { atAgent: () => {}, atVisitor: () => {} };
  /** Frames on the staff sockets, for the report. */
  staffFrames = 0;
  seqMismatches = 0;
  httpFailures = 0;
  /** Messages the server refused with `retry` (not stored) and the visitor sent again, same id. */
  resent = 0;
  private visitorCount = 0;
  /** Each visitor its own address (behind the bench server's trusted proxy), as browsers are. */
  nextIp(): string {
    const n = ++this.visitorCount;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }
  firstFailure = '';

  constructor(
    readonly base: string,
    readonly agents: AgentLogin[],
  ) {
    agents.forEach((a, i) => this.byStaffId.set(a.staffId, i));
  }

  nextCmid(prefix: string): string {
    return `${prefix}${(this.counter++).toString(36)}`;
  }

  /** Opens every agent's staff socket; resolves once each said hello. */
  async connectAgents(): Promise<void> {
    const url = this.base.replace('http', 'ws') + '/api/ws';
    await Promise.all(
      this.agents.map(
        (agent, i) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(url, {
              headers: { cookie: agent.cookie, origin: this.base },
              perMessageDeflate: false,
              skipUTF8Validation: true,
            });
            this.agentSockets.push(ws);
            ws.on('message', (data: Buffer) => {
              const t = nowMs();
              this.staffFrames += 1;
              const text = data.toString();
              if (text.startsWith(LIVE_PREFIX)) return this.onPush(i, text, t);
              // Every agent hears every assignment; socket 0 reads them for everyone.
              if (i === 0 && text.includes(ASSIGNED)) return this.onAssigned(text);
              if (text.startsWith('{"type":"hello"')) resolve();
            });
            ws.on('unexpected-response', (_q, res) =>
              reject(new Error(`agent ${i}: HTTP ${res.statusCode}`)),
            );
            ws.on('error', reject);
          }),
      ),
    );
  }

  private onPush(agent: number, text: string, t: number): void {
    const start = LIVE_PREFIX.length;
    const id = text.slice(start, start + 36);
    const rest = start + 37; // past the closing quote
    if (!text.startsWith(',"kind":"message","seq":', rest)) return;
    const seq = parseInt(text.slice(rest + 24), 10);
    const conv = this.convs.get(id);
    if (!conv) {
      const o = this.orphans.get(id) ?? { early: [] };
      o.early.push(agent, seq, t);
      this.orphans.set(id, o);
      return;
    }
    if (conv.agent === -1 || !this.resolveAtAgent(conv, agent, seq, t)) conv.early.push(agent, seq, t);
  }

  /** True when the push was the in-flight visitor message's (or is of no further interest). */
  private resolveAtAgent(conv: Conv, agent: number, seq: number, t: number): boolean {
    if (agent !== conv.agent) return true;
    const m = conv.inflight;
    if (!m || m.from !== 'visitor' || m.deliveredAt) return true;
    if (!m.seq) return false; // the ack is still on its way: keep the push for later
    if (seq < m.seq) return true;
    m.deliveredAt = t;
    m.deliveredSeq = seq;
    if (seq !== m.seq) this.seqMismatches += 1;
    conv.early.length = 0;
    this.hooks.atAgent(conv, m);
    return true;
  }

  private replayEarly(conv: Conv): void {
    if (conv.agent === -1 || !conv.early.length) return;
    const early = conv.early;
    conv.early = [];
    for (let k = 0; k < early.length; k += 3)
      if (!this.resolveAtAgent(conv, early[k]!, early[k + 1]!, early[k + 2]!))
        conv.early.push(early[k]!, early[k + 1]!, early[k + 2]!);
  }

  private onAssigned(text: string): void {
    const msg = JSON.parse(text) as {
      event?: { type: string; payload: { conversationId: string; assigneeId: string | null } };
    };
    if (msg.event?.type !== 'support.conversation_assigned') return;
    const { conversationId, assigneeId } = msg.event.payload;
    const agent = assigneeId ? (this.byStaffId.get(assigneeId) ?? -1) : -1;
    const conv = this.convs.get(conversationId);
    if (!conv) {
      const o = this.orphans.get(conversationId) ?? { early: [] };
      o.agent = agent;
      this.orphans.set(conversationId, o);
      return;
    }
    conv.agent = agent;
    this.replayEarly(conv);
  }

  /** A visitor's ack: the conversation (new on a first message) and the message's seq. */
  acked(visitor: Visitor, conversationId: string, cmid: string, seq: number): void {
    let conv = this.convs.get(conversationId);
    if (!conv) {
      const o = this.orphans.get(conversationId);
      this.orphans.delete(conversationId);
      conv = { id: conversationId, visitor, agent: o?.agent ?? -1, inflight: null, early: o?.early ?? [] };
      this.convs.set(conversationId, conv);
      visitor.conv = conv;
    }
    const m = visitor.pending;
    if (m && m.cmid === cmid) {
      m.seq = seq;
      conv.inflight = m;
      visitor.pending = null;
    }
    this.replayEarly(conv);
  }

  /** Sets the assignee known from elsewhere (the database, after the set-up). */
  assign(conv: Conv, staffId: string | null): void {
    conv.agent = staffId ? (this.byStaffId.get(staffId) ?? -1) : -1;
    this.replayEarly(conv);
  }

  /** The assigned agent answers over HTTP, as the inbox does; a failed POST is retried once (same id). */
  reply(conv: Conv, body: string, cmidPrefix: string): Msg {
    const m: Msg = {
      cmid: this.nextCmid(cmidPrefix),
      from: 'agent',
      seq: 0,
      sentAt: nowMs(),
      deliveredAt: 0,
      deliveredSeq: 0,
      failed: false,
    };
    conv.inflight = m;
    const agent = this.agents[conv.agent]!;
    void this.again(() =>
      this.http('POST', `/api/support/conversations/${conv.id}/messages`, agent.cookie, {
        body,
        visibility: 'public',
        clientMessageId: m.cmid,
      }),
    ).then(
      (res) => {
        m.seq = (res as { seq: number }).seq;
        if (m.deliveredAt && m.deliveredSeq !== m.seq) this.seqMismatches += 1;
      },
      (err: unknown) => this.failed(m, err),
    );
    return m;
  }

  resolve(conv: Conv): Promise<unknown> {
    const cookie = this.agents[conv.agent]!.cookie;
    return this.again(() =>
      this.http('PATCH', `/api/support/conversations/${conv.id}`, cookie, { status: 'resolved' }),
    ).catch((err: unknown) => this.failed(null, err));
  }

  /** Requests answered 503 / 429 (or dropped) and sent again. */
  httpRetries = 0;

  /**
   * `request` again on a 503 (the server's pool busy past its wait), a 429 or a dropped connection —
   * as a person presses Send again — up to five times, pausing 0.5 s, 1 s, 2 s… (jittered).
   */
  async again<T>(request: () => Promise<T>): Promise<T> {
    for (let tries = 0; ; tries++) {
      try {
        return await request();
      } catch (err) {
        if (!/: (503|429) |fetch failed/.test(String(err)) || tries >= 5) throw err;
        this.httpRetries += 1;
        await sleep(500 * 2 ** tries * (0.75 + Math.random() * 0.5));
      }
    }
  }

  failed(m: Msg | null, err: unknown): void {
    if (m) m.failed = true;
    this.httpFailures += 1;
    if (!this.firstFailure) {
      this.firstFailure = String(err);
      progress(`request failed: ${this.firstFailure}`);
    }
  }

  async http(
    method: string,
    path: string,
    cookie: string | null,
    body?: unknown,
    ip?: string,
  ): Promise<unknown> {
    const headers: Record<string, string> = { origin: this.base };
    if (ip) headers['x-forwarded-for'] = ip;
    if (cookie) headers[cookie.startsWith('vt_') ? 'authorization' : 'cookie'] = cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
    return text ? JSON.parse(text) : null;
  }

  /** Staff socket pushes not yet matched (for the report). */
  unmatched(): number {
    let n = 0;
    for (const o of this.orphans.values()) n += o.early.length / 3;
    return n;
  }

  closeAgents(): void {
    for (const ws of this.agentSockets) ws.terminate();
  }
}

/** One visitor: a widget session and its socket. */
export class Visitor {
  ws!: WebSocket;
  conv: Conv | null = null;
  /** A first message sent, not acked yet (its conversation is not known before the ack). */
  pending: Msg | null = null;
  open = false;
  closedEarly = false;
  token = '';
  private last: { type: string; body: string; clientMessageId: string } | null = null;

  constructor(
    private readonly desk: Desk,
    readonly name: string,
    readonly language: string,
  ) {}

  /** Session over HTTP, then the socket and its hello; resolves on the first `state`. */
  async connect(): Promise<void> {
    // One address per visitor, on the session and on the socket (new chats count per address too).
    const ip = this.desk.nextIp();
    const session = (await this.desk.http(
      'POST',
      '/api/support/widget/session',
      null,
      { name: this.name, language: this.language },
      ip,
    )) as { token: string };
    this.token = session.token;
    const url = `${this.desk.base.replace('http', 'ws')}/api/support/widget/ws?token=${this.token}`;
    await new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url, {
        headers: { origin: this.desk.base, 'x-forwarded-for': ip },
        perMessageDeflate: false,
        skipUTF8Validation: true,
      });
      this.ws = ws;
      let ready = false;
      // A socket that never says its state must not hold the run.
      const timer = setTimeout(
        () => (ready ? undefined : reject(new Error('visitor: no state in 15 s'))),
        15_000,
      );
      ws.on('open', () => ws.send('{"type":"hello","lastSeq":0}'));
      ws.on('message', (data: Buffer) => {
        const t = nowMs();
        const f = JSON.parse(data.toString()) as {
          type: string;
          seq?: number;
          authorKind?: string;
          clientMessageId?: string;
          conversationId?: string;
          code?: string;
          retry?: boolean;
        };
        if (f.type === 'state' && !ready) {
          ready = this.open = true;
          clearTimeout(timer);
          resolve();
        } else if (f.type === 'ack') this.desk.acked(this, f.conversationId!, f.clientMessageId!, f.seq!);
        else if (f.type === 'message' && f.authorKind === 'agent') this.fromAgent(f.seq!, t);
        else if (f.type === 'error' && f.retry && f.clientMessageId) this.resend(f.clientMessageId);
        else if (f.type === 'error') {
          const err = new Error(`visitor socket error ${f.code}`);
          if (ready) this.desk.failed(null, err);
          else reject(err);
        }
      });
      ws.on('unexpected-response', (_q, res) => reject(new Error(`visitor: HTTP ${res.statusCode}`)));
      ws.on('error', (err) => (ready ? this.desk.failed(null, err) : reject(err)));
      ws.on('close', () => {
        if (this.open) this.closedEarly = true;
        this.open = false;
      });
    });
  }

  private fromAgent(seq: number, t: number): void {
    const conv = this.conv;
    const m = conv?.inflight;
    if (!conv || !m || m.from !== 'agent' || m.deliveredAt) return;
    m.deliveredAt = t;
    m.deliveredSeq = seq;
    if (m.seq && m.seq !== seq) this.desk.seqMismatches += 1;
    this.desk.hooks.atVisitor(conv, m);
  }

  /** Sends a question: `start` for the first, `message` after. */
  send(body: string, cmidPrefix: string): Msg {
    const m: Msg = {
      cmid: this.desk.nextCmid(cmidPrefix),
      from: 'visitor',
      seq: 0,
      sentAt: nowMs(),
      deliveredAt: 0,
      deliveredSeq: 0,
      failed: false,
    };
    this.pending = m;
    if (this.conv) this.conv.inflight = m;
    const type = this.conv ? 'message' : 'start';
    this.last = { type, body, clientMessageId: m.cmid };
    this.ws.send(JSON.stringify(this.last));
    return m;
  }

  /** As the widget does: a message refused with `retry` goes again, same clientMessageId. */
  private resend(cmid: string): void {
    const m = this.pending?.cmid === cmid ? this.pending : this.conv?.inflight;
    if (!m || m.cmid !== cmid || !this.last) return;
    this.desk.resent += 1;
    const frame = JSON.stringify({ ...this.last, type: this.conv ? 'message' : 'start' });
    setTimeout(() => this.ws.readyState === WebSocket.OPEN && this.ws.send(frame), 200);
  }

  close(): void {
    this.open = false;
    this.ws.close(1000, 'done');
  }
}
