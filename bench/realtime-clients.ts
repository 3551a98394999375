// The WebSocket clients of the realtime benchmark, run in a worker thread (see startClients): the
// sockets' receive work gets its own event loop instead of queueing behind the server's, as browsers
// on other machines would. Not a benchmark itself, so it is not in bench/run.ts's registry.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { nowMs } from './harness.js';

export interface ClientsConfig {
  /** ws://127.0.0.1:PORT/api/ws */
  url: string;
  origin: string;
  /** Session cookie headers; socket i uses cookies[i % cookies.length]. */
  cookies: string[];
  sockets: number;
  /** Only events of this type are measured; others (staff.created, warm-up) are counted as "other". */
  eventType: string;
  /** Room for this many latencies (events × sockets); further deliveries are counted but not kept. */
  capacity: number;
}

export interface ClientsResult {
  /** Receive time − payload.sentAt, ms, one per delivery, in arrival order. */
  latencies: Float64Array;
  /** Per delivery (same order): the event id and the receive time (nowMs), to split off the append. */
  ids: Float64Array;
  receivedAt: Float64Array;
  delivered: number;
  /** Deliveries per socket, lowest and highest: every socket should get every event. */
  perSocketMin: number;
  perSocketMax: number;
  /** An event id not above the socket's previous one: a duplicate or an out-of-order delivery. */
  outOfOrder: number;
  resets: number;
  other: number;
  closedEarly: number;
  /** The client thread's own event-loop delay: if high, the clients, not the server, added latency. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

type ToWorker = { type: 'finish' };
type FromWorker =
  | { type: 'ready'; connectMs: number }
  | { type: 'progress'; delivered: number }
  | { type: 'failed'; message: string }
  | ({ type: 'result' } & ClientsResult);

/** Handle on the client thread, for the benchmark's main thread. */
export interface Clients {
  ready: Promise<number>;
  delivered(): number;
  /** Set once the client thread reported a problem (a socket refused, a parse mismatch, an exit). */
  failure(): Error | undefined;
  finish(): Promise<ClientsResult>;
  terminate(): Promise<void>;
}

export function startClients(config: ClientsConfig): Clients {
  // A worker started from a .ts entry does not inherit tsx's loader, so a tiny bootstrap registers it first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: config });
  let delivered = 0;
  let onReady!: (ms: number) => void;
  let onReadyFail!: (err: Error) => void;
  const ready = new Promise<number>((resolve, reject) => ((onReady = resolve), (onReadyFail = reject)));
  let onResult: ((r: ClientsResult) => void) | undefined;
  let onResultFail: ((err: Error) => void) | undefined;
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    onReadyFail(err);
    onResultFail?.(err);
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'ready') onReady(m.connectMs);
    else if (m.type === 'progress') delivered = m.delivered;
    else if (m.type === 'failed') fail(new Error(`clients: ${m.message}`));
    else if (m.type === 'result') {
      delivered = m.delivered;
      onResult?.(m);
      onResultFail = undefined;
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`client worker exited (${code})`)));
  return {
    ready,
    delivered: () => delivered,
    failure: () => failure,
    finish() {
      return new Promise<ClientsResult>((resolve, reject) => {
        if (failure) return reject(failure);
        onResult = resolve;
        onResultFail = reject;
        worker.postMessage({ type: 'finish' } satisfies ToWorker);
      });
    },
    async terminate() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

const EVENT_PREFIX = '{"type":"event","event":{"id":';

/**
 * `{"type":"event","event":{"id":N,"type":"<eventType>",…"sentAt":T…}` → {id, sentAt}; null for anything
 * else (which then gets a full JSON.parse). Relies on publicEvent's key order, checked by the caller
 * against JSON.parse on the first deliveries.
 */
export function parseTick(text: string, eventType: string): { id: number; sentAt: number } | null {
  if (!text.startsWith(EVENT_PREFIX)) return null;
  const idEnd = text.indexOf(',', EVENT_PREFIX.length);
  if (!text.startsWith(`"type":${JSON.stringify(eventType)}`, idEnd + 1)) return null;
  const at = text.indexOf('"sentAt":', idEnd);
  if (at < 0) return null;
  const id = Number(text.slice(EVENT_PREFIX.length, idEnd));
  const sentAt = parseFloat(text.slice(at + 9));
  return Number.isFinite(id) && Number.isFinite(sentAt) ? { id, sentAt } : null;
}

async function clientThread(config: ClientsConfig, port: NonNullable<typeof parentPort>): Promise<void> {
  const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const latencies = new Float64Array(config.capacity);
  const ids = new Float64Array(config.capacity);
  const receivedAt = new Float64Array(config.capacity);
  let delivered = 0;
  let outOfOrder = 0;
  let resets = 0;
  let other = 0;
  let closedEarly = 0;
  let finishing = false;
  let verified = 0;
  let mismatch = 0;
  const perSocket = new Array<number>(config.sockets).fill(0);
  const sockets: WebSocket[] = [];

  const started = nowMs();
  const opened = Array.from({ length: config.sockets }, (_, i) => {
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(config.url, {
        headers: { cookie: config.cookies[i % config.cookies.length]!, origin: config.origin },
        perMessageDeflate: false,
        skipUTF8Validation: true,
      });
      sockets.push(ws);
      let lastId = -1;
      let hello = false;
      ws.on('message', (data: Buffer) => {
        const received = nowMs(); // before parsing: parse time is the client's, not the delivery's
        const text = data.toString();
        // Fast path for the measured events (this thread stands in for 200 browsers on other machines,
        // so its CPU is kept small): id and sentAt are read without parsing the whole message.
        let tick = parseTick(text, config.eventType);
        let msg:
          { type: string; event?: { id: number; type: string; payload: { sentAt: number } } } | undefined;
        if (!tick || verified < 1000) {
          // The slow path for everything else, and a check of the fast one on the first deliveries.
          msg = JSON.parse(text) as NonNullable<typeof msg>;
          const slow =
            msg.type === 'event' && msg.event?.type === config.eventType
              ? { id: msg.event.id, sentAt: msg.event.payload.sentAt }
              : null;
          if (tick && (tick.id !== slow?.id || tick.sentAt !== slow.sentAt)) mismatch += 1;
          if (slow) verified += 1;
          tick = slow;
        }
        if (tick) {
          if (delivered < latencies.length) {
            latencies[delivered] = received - tick.sentAt;
            ids[delivered] = tick.id;
            receivedAt[delivered] = received;
          }
          delivered += 1;
          perSocket[i]! += 1;
          if (tick.id <= lastId) outOfOrder += 1;
          lastId = tick.id;
          return;
        }
        if (msg?.type === 'hello') {
          if (!hello) {
            hello = true;
            resolve();
          }
        } else if (msg?.type === 'reset') resets += 1;
        else if (msg?.type !== 'ping') other += 1;
      });
      ws.on('unexpected-response', (_req, res) => reject(new Error(`socket ${i}: HTTP ${res.statusCode}`)));
      ws.on('error', (err) => reject(err));
      ws.on('close', () => {
        if (!finishing) closedEarly += 1;
      });
    });
  });
  try {
    await Promise.all(opened);
  } catch (err) {
    for (const ws of sockets) ws.terminate();
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  loop.enable();
  const mismatchCheck = setInterval(() => {
    if (mismatch)
      post({ type: 'failed', message: `fast event parsing disagrees with JSON.parse (${mismatch}x)` });
  }, 200);
  post({ type: 'ready', connectMs: nowMs() - started });
  const ticker = setInterval(() => post({ type: 'progress', delivered }), 50);

  port.on('message', (m: ToWorker) => {
    if (m.type !== 'finish') return;
    finishing = true;
    clearInterval(ticker);
    clearInterval(mismatchCheck);
    loop.disable();
    for (const ws of sockets) ws.close(1000, 'benchmark done');
    const n = Math.min(delivered, latencies.length);
    const kept = {
      latencies: latencies.slice(0, n),
      ids: ids.slice(0, n),
      receivedAt: receivedAt.slice(0, n),
    };
    post(
      {
        type: 'result',
        ...kept,
        delivered,
        perSocketMin: Math.min(...perSocket),
        perSocketMax: Math.max(...perSocket),
        outOfOrder,
        resets,
        other,
        closedEarly,
        loopDelayP99Ms: loop.percentile(99) / 1e6,
        loopDelayMaxMs: loop.max / 1e6,
      },
      [kept.latencies.buffer, kept.ids.buffer, kept.receivedAt.buffer],
    );
    port.close();
  });
}

if (!isMainThread && parentPort && (workerData as ClientsConfig | undefined)?.url) {
  void clientThread(workerData as ClientsConfig, parentPort);
}
