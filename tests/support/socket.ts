import WebSocket from 'ws';

export interface SocketMessage {
  type: string;
  lastEventId?: number;
  event?: { id: number; type: string; subjectId: string | null; payload: Record<string, unknown> };
  notification?: { id: string; type: string; payload: Record<string, unknown> };
}

/** A staff WebSocket for tests: collects every message and waits for the ones a test expects. */
export class TestSocket {
  readonly messages: SocketMessage[] = [];
  closeCode?: number;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()));
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static open(
    baseUrl: string,
    cookie: string,
    opts: { since?: number; origin?: string } = {},
  ): Promise<TestSocket> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/api/ws${opts.since !== undefined ? `?since=${opts.since}` : ''}`;
    const ws = new WebSocket(url, { headers: { cookie, origin: opts.origin ?? baseUrl } });
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) =>
        reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode })),
      );
      ws.once('error', reject);
      // Ready once the server said hello (replay, if any, comes before it).
      void socket.next((m) => m.type === 'hello').then(() => resolve(socket), reject);
    });
  }

  events(type?: string) {
    return this.messages.filter((m) => m.type === 'event' && (!type || m.event!.type === type));
  }

  get lastEventId(): number {
    return this.messages.reduce((max, m) => Math.max(max, m.event?.id ?? m.lastEventId ?? 0), 0);
  }

  /** Resolves with the first message (already received or future) matching `match`. */
  async next(match: (m: SocketMessage) => boolean, timeoutMs = 5000): Promise<SocketMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (this.closeCode !== undefined)
        throw new Error(`socket closed (${this.closeCode}) before the expected message`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `timed out; got ${JSON.stringify(this.messages.map((m) => m.event?.type ?? m.type))}`,
        );
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async closed(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.closeCode === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (this.closeCode === undefined) throw new Error('socket still open');
    return this.closeCode;
  }

  close(): void {
    this.ws.close();
  }
}
