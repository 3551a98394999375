import { eventCursor } from './eventCursor';
import { parseServerMessage, type EventMessage, type LiveMessage } from './messages';
import { socketUrl } from './socketUrl';

export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface RealtimeHandlers {
  onEvent: (message: EventMessage) => void;
  /** Transient updates; a missed one does not matter (a reconnect refetches anyway). */
  onLive?: (message: LiveMessage) => void;
  /** Server could not replay what we missed (or its history restarted): refetch everything. */
  onReset: () => void;
  onStateChange: (state: ConnectionState) => void;
  /**
   * The server ended the socket because the session is over, or the socket
   * could not be opened at all (a refused upgrade looks the same to a browser).
   * The owner should check whether the user is still signed in.
   */
  onSessionSuspect: () => void;
}

/** Close code the server uses when the session behind a socket has ended. */
const SESSION_ENDED = 4001;

const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
/** Once the server has shown it sends pings, this much silence means a dead connection. */
const SILENCE_LIMIT_MS = 75_000;

/**
 * Framework-free WebSocket client for /api/ws: tracks the last event id,
 * resumes with `?since=`, answers pings and reconnects with jittered
 * exponential backoff.
 */
export class RealtimeClient {
  private socket: WebSocket | null = null;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private silenceTimer: ReturnType<typeof setTimeout> | undefined;
  private serverPings = false;
  private running = false;

  constructor(private readonly handlers: RealtimeHandlers) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    window.addEventListener('online', this.reconnectNow);
    this.connect();
  }

  stop(): void {
    this.running = false;
    window.removeEventListener('online', this.reconnectNow);
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.silenceTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'client stopped');
    this.handlers.onStateChange('closed');
  }

  private connect(): void {
    this.handlers.onStateChange('connecting');
    const socket = new WebSocket(socketUrl(eventCursor.get()));
    this.socket = socket;
    let opened = false;

    socket.onopen = () => {
      opened = true;
      this.attempt = 0;
      this.handlers.onStateChange('open');
      this.armSilenceTimer();
    };
    socket.onmessage = (frame) => {
      this.armSilenceTimer();
      this.handleMessage(socket, frame.data);
    };
    socket.onclose = (event) => {
      // Ignore close events of sockets we already replaced or stopped.
      if (this.socket !== socket) return;
      this.socket = null;
      clearTimeout(this.silenceTimer);
      this.handlers.onStateChange('closed');
      if (event.code === SESSION_ENDED || !opened) this.handlers.onSessionSuspect();
      this.scheduleReconnect();
    };
    // onerror is always followed by onclose, which does the work.
  }

  private handleMessage(socket: WebSocket, data: unknown): void {
    const message = parseServerMessage(data);
    if (!message) return;
    switch (message.type) {
      case 'ping':
        this.serverPings = true;
        socket.send(JSON.stringify({ type: 'pong' }));
        return;
      case 'hello': {
        // Sent after any replay: the server has now considered every event up to
        // lastEventId for us (events we may not see are skipped), so resume from there.
        const known = eventCursor.get();
        if (known !== null && message.lastEventId < known) {
          // The server's history is behind ours (e.g. a fresh database): start over.
          this.handlers.onReset();
        }
        eventCursor.set(message.lastEventId);
        return;
      }
      case 'reset':
        // Too much was missed to replay; refetch everything and continue from now.
        if (typeof message.lastEventId === 'number') eventCursor.set(message.lastEventId);
        this.handlers.onReset();
        return;
      case 'event': {
        const known = eventCursor.get();
        if (known !== null && message.event.id <= known) return; // already handled (replay overlap)
        eventCursor.set(message.event.id);
        this.handlers.onEvent(message);
        return;
      }
      case 'live':
        this.handlers.onLive?.(message);
        return;
    }
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    clearTimeout(this.reconnectTimer);
    const base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** this.attempt);
    // Jitter spreads reconnects so a server restart is not hit by every tab at once.
    const delay = base / 2 + Math.random() * (base / 2);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private armSilenceTimer(): void {
    clearTimeout(this.silenceTimer);
    if (!this.serverPings) return;
    const socket = this.socket;
    this.silenceTimer = setTimeout(() => socket && this.abandon(socket), SILENCE_LIMIT_MS);
  }

  /**
   * Gives up on a silent (probably half-open) socket without waiting for its
   * close handshake, which may never complete, and reconnects right away.
   */
  private abandon(socket: WebSocket): void {
    if (this.socket !== socket) return;
    this.socket = null; // its late onclose is then ignored
    socket.close(4000, 'no ping from server');
    this.handlers.onStateChange('closed');
    this.attempt = 0;
    this.scheduleReconnect();
  }

  /** Back online: skip the remaining backoff. */
  private reconnectNow = (): void => {
    if (!this.running || this.socket) return;
    clearTimeout(this.reconnectTimer);
    this.attempt = 0;
    this.connect();
  };
}
