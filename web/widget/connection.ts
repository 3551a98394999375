import type { WidgetMessage, WidgetState } from '../../src/shared/contracts/support';

export type ServerFrame =
  | ({ type: 'message' } & WidgetMessage)
  | { type: 'ack'; clientMessageId: string; seq: number; conversationId: string; duplicate: boolean }
  | { type: 'typing'; by: string | null; typing: boolean }
  | ({ type: 'state' } & WidgetState)
  | { type: 'error'; code: string; clientMessageId?: string; retry?: boolean };

export interface ConnectionEvents {
  frame(frame: ServerFrame): void;
  status(connected: boolean): void;
}

/**
 * The widget's socket: says `hello { conversationId, lastSeq }` on every (re)connect, so the server
 * replays exactly what came after the last message shown; reconnects with a growing, jittered delay
 * (and at once when the browser is back online); re-sends messages not yet acknowledged under the
 * same clientMessageId, which the server stores once.
 */
export class Connection {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly pending = new Map<string, { type: 'start' | 'message'; body: string }>();
  conversationId: string | null = null;
  lastSeq = 0;

  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly on: ConnectionEvents,
  ) {
    addEventListener('online', this.wakeUp);
    addEventListener('offline', this.dropNow);
  }

  connect(): void {
    if (this.stopped || this.ws) return;
    clearTimeout(this.timer);
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.attempt = 0;
      this.on.status(true);
      this.raw({
        type: 'hello',
        token: this.token,
        lastSeq: this.lastSeq,
        ...(this.conversationId && { conversationId: this.conversationId }),
      });
      for (const [clientMessageId, p] of this.pending)
        this.raw({ type: this.conversationId ? 'message' : p.type, body: p.body, clientMessageId });
    };
    ws.onmessage = (e) => {
      const frame = JSON.parse(String(e.data)) as ServerFrame;
      if (frame.type === 'ack') this.pending.delete(frame.clientMessageId);
      if (frame.type === 'error' && frame.clientMessageId && !frame.retry)
        this.pending.delete(frame.clientMessageId);
      // Not stored, safe to send again (same clientMessageId, stored once): in a second.
      if (frame.type === 'error' && frame.retry && frame.clientMessageId) this.retry(frame.clientMessageId);
      this.on.frame(frame);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.on.status(false);
      if (this.stopped) return;
      const delay = Math.min(30_000, 500 * 2 ** this.attempt++) * (0.75 + Math.random() * 0.5);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  /** Sends a message now, or as soon as the socket is back. */
  send(body: string, clientMessageId: string): void {
    const type = this.conversationId ? 'message' : 'start';
    this.pending.set(clientMessageId, { type, body });
    this.raw({ type, body, clientMessageId });
  }

  private retry(clientMessageId: string): void {
    const p = this.pending.get(clientMessageId);
    const type = this.conversationId ? 'message' : p?.type;
    if (p) setTimeout(() => this.raw({ type, body: p.body, clientMessageId }), 1_000);
  }

  typing(typing: boolean): void {
    if (this.conversationId) this.raw({ type: 'typing', typing });
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    removeEventListener('online', this.wakeUp);
    removeEventListener('offline', this.dropNow);
    this.ws?.close();
  }

  private raw(frame: Record<string, unknown>): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private readonly wakeUp = () => {
    this.attempt = 0;
    this.connect();
  };

  /**
   * Offline: give the socket up at once (its closing handshake may never finish without a network)
   * rather than wait for a timeout; `online`, or the retry timer, brings a new one.
   */
  private readonly dropNow = () => {
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    ws.onclose = ws.onmessage = null;
    ws.close();
    this.on.status(false);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.connect(), 2000);
  };
}
