// The platform gateway of the ingest benchmark, run in a worker thread (see startGateway): it builds,
// signs and posts the batches, and in the latency phase also holds the manager's WebSocket, so its work
// queues on its own event loop rather than on the server's, as a gateway and a browser on other machines
// would. Not a benchmark itself, so it is not in bench/run.ts's registry.
import { Agent, request } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import WebSocket from 'ws';
import { signWebhook } from '../src/core/webhook-signature.js';
import type { IngestResult, PlatformEventInput } from '../src/modules/trading/platform-events.js';
import { nowMs, sleep } from './harness.js';
import { AccountStream, loginsOf, SenderStream, type Mix } from './ingest-events.js';

export interface BenchAccount {
  login: string;
  accountId: string;
  clientId: string;
}

export interface GatewayConfig {
  /** http://127.0.0.1:PORT */
  base: string;
  secret: string;
  accounts: BenchAccount[];
  senders: number;
  batch: number;
  seed: number;
  /** The synthetic platform clock's start (see SenderStream). */
  startMs: number;
  /** The throughput load's kinds of events. */
  mix: Mix;
  /** For the latency phase: the manager's session cookie. */
  cookie: string;
}

export interface ThroughputCommand {
  type: 'throughput';
  /** Batches per sender sent first and not measured. */
  warmupBatches: number;
  /** Measured batches per sender. */
  batches: number;
}

export interface ThroughputResult {
  events: number;
  accepted: number;
  duplicates: number;
  unknownAccounts: number;
  gapsReported: number;
  failed: number;
  firstFailure: string | null;
  /** From the first measured send to the last measured answer. */
  elapsedMs: number;
  /** Per request: send → answer read, ms. */
  requestMs: Float64Array;
  bodyBytes: number;
  /** This thread's busy time over the measured part (building, signing, sending, reading answers). */
  activeMs: number;
  loopDelayP99Ms: number;
}

export interface LatencyCommand {
  type: 'latency';
  rate: number;
  batch: number;
  durationMs: number;
  warmupMs: number;
  /** Every n-th visit of an account is a login or logout (alternating), the others `account` events. */
  presenceEvery: number;
  drainMs: number;
}

export interface LatencyResult {
  batches: number;
  presenceSent: number;
  accountSent: number;
  /** Batch sent → matching message received, ms. */
  presenceMs: Float64Array;
  liveMs: Float64Array;
  /** Answer received → matching message received (negative: the message beat the HTTP answer). */
  presenceAfterAnswerMs: Float64Array;
  liveAfterAnswerMs: Float64Array;
  /** Batch sent → HTTP answer, ms. */
  requestMs: Float64Array;
  presenceLost: number;
  liveLost: number;
  /** Messages nothing was waiting for (a second live message for one event, say). */
  unexpected: Record<string, number>;
  /** An online event where an offline one was due, or the reverse. */
  mismatched: number;
  /** Answers listing gaps: batches overtook each other (a backlog), and the slow path ran. */
  gapAnswers: number;
  failed: number;
  firstFailure: string | null;
  scheduleSlipMs: number;
  loopDelayP99Ms: number;
}

type ToWorker = ThroughputCommand | LatencyCommand;
type FromWorker =
  | { type: 'throughput'; result: ThroughputResult }
  | { type: 'latency'; result: LatencyResult }
  | { type: 'failed'; message: string };

export interface Gateway {
  throughput(command: Omit<ThroughputCommand, 'type'>): Promise<ThroughputResult>;
  latency(command: Omit<LatencyCommand, 'type'>): Promise<LatencyResult>;
  terminate(): Promise<void>;
}

export function startGateway(config: GatewayConfig): Gateway {
  // A worker started from a .ts entry does not inherit tsx's loader, so a tiny bootstrap registers it first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: config });
  let waiting: { resolve: (m: FromWorker) => void; reject: (err: Error) => void } | undefined;
  const fail = (err: Error) => {
    waiting?.reject(err);
    waiting = undefined;
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'failed') return fail(new Error(`gateway: ${m.message}`));
    waiting?.resolve(m);
    waiting = undefined;
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`gateway worker exited (${code})`)));
  const ask = (command: ToWorker) =>
    new Promise<FromWorker>((resolve, reject) => {
      waiting = { resolve, reject };
      worker.postMessage(command);
    });
  return {
    async throughput(command) {
      const m = await ask({ type: 'throughput', ...command });
      if (m.type !== 'throughput') throw new Error(`gateway answered ${m.type}`);
      return m.result;
    },
    async latency(command) {
      const m = await ask({ type: 'latency', ...command });
      if (m.type !== 'latency') throw new Error(`gateway answered ${m.type}`);
      return m.result;
    },
    async terminate() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

/** Posts one signed batch over the keep-alive agent; resolves with the status and the parsed answer. */
function post(
  config: GatewayConfig,
  agent: Agent,
  webhookId: string,
  body: string,
  onSent?: () => void,
): Promise<{ status: number; answer: unknown }> {
  const headers = signWebhook(config.secret, webhookId, body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${config.base}/api/trading/ingest`,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let answer: unknown = text;
          try {
            answer = JSON.parse(text);
          } catch {
            // not JSON: kept as text for the failure message
          }
          resolve({ status: res.statusCode ?? 0, answer });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    onSent?.();
    req.end(body);
  });
}

class GatewayThread {
  private readonly senders: SenderStream[];
  private readonly byLogin = new Map<string, AccountStream>();
  private readonly agent: Agent;
  private ids = 0;

  constructor(private readonly config: GatewayConfig) {
    const logins = config.accounts.map((a) => a.login);
    this.senders = Array.from(
      { length: config.senders },
      (_, s) =>
        new SenderStream(
          loginsOf(logins, s, config.senders),
          config.seed + s,
          config.startMs,
          config.batch,
          config.mix,
        ),
    );
    for (const sender of this.senders) for (const a of sender.accounts) this.byLogin.set(a.login, a);
    this.agent = new Agent({ keepAlive: true, maxSockets: Math.max(config.senders, 64) });
  }

  private webhookId(): string {
    return `msg_bench_${process.pid}_${++this.ids}`;
  }

  async throughput(c: ThroughputCommand): Promise<ThroughputResult> {
    const loop = monitorEventLoopDelay({ resolution: 5 });
    const requestMs: number[] = [];
    const totals = { events: 0, accepted: 0, duplicates: 0, unknownAccounts: 0, gapsReported: 0, failed: 0 };
    let firstFailure: string | null = null;
    let bodyBytes = 0;
    const send = async (sender: SenderStream, measured: boolean) => {
      const events = sender.next();
      const body = JSON.stringify({ events });
      const t = nowMs();
      const { status, answer } = await post(this.config, this.agent, this.webhookId(), body);
      if (!measured) {
        if (status !== 200) throw new Error(`warm-up batch: HTTP ${status} ${JSON.stringify(answer)}`);
        return;
      }
      requestMs.push(nowMs() - t);
      bodyBytes += body.length;
      totals.events += events.length;
      if (status !== 200) {
        totals.failed += events.length;
        firstFailure ??= `HTTP ${status} ${JSON.stringify(answer).slice(0, 300)}`;
        return;
      }
      const r = answer as IngestResult;
      totals.accepted += r.accepted;
      totals.duplicates += r.duplicates;
      totals.unknownAccounts += r.unknownAccounts.length;
      totals.gapsReported += r.gaps.length;
    };
    // Warm-up (JIT, pool connections, keep-alive sockets), every sender, then a barrier.
    await Promise.all(
      this.senders.map(async (s) => {
        for (let i = 0; i < c.warmupBatches; i++) await send(s, false);
      }),
    );
    loop.enable();
    const elu = performance.eventLoopUtilization();
    const t0 = nowMs();
    let last = t0;
    await Promise.all(
      this.senders.map(async (s) => {
        for (let i = 0; i < c.batches; i++) await send(s, true);
        last = Math.max(last, nowMs());
      }),
    );
    loop.disable();
    return {
      ...totals,
      firstFailure,
      elapsedMs: last - t0,
      activeMs: performance.eventLoopUtilization(elu).active,
      requestMs: Float64Array.from(requestMs),
      bodyBytes,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
    };
  }

  async latency(c: LatencyCommand): Promise<LatencyResult> {
    const byAccountId = new Map(this.config.accounts.map((a) => [a.accountId, a]));
    const byClientId = new Map(this.config.accounts.map((a) => [a.clientId, a]));
    interface Pending {
      sentAt: number;
      batch: number;
      online?: boolean;
    }
    const answeredAt: number[] = [];
    const presencePending = new Map<string, Pending[]>(); // by client id
    const livePending = new Map<string, Pending[]>(); // by account id
    let measuring = false;
    const r = {
      presenceMs: [] as number[],
      liveMs: [] as number[],
      presenceAfterAnswerMs: [] as number[],
      liveAfterAnswerMs: [] as number[],
      requestMs: [] as number[],
      unexpected: {} as Record<string, number>,
      mismatched: 0,
      gapAnswers: 0,
      failed: 0,
      firstFailure: null as string | null,
      batches: 0,
      presenceSent: 0,
      accountSent: 0,
    };
    const unexpected = (what: string) => {
      if (measuring) r.unexpected[what] = (r.unexpected[what] ?? 0) + 1;
    };
    const take = (queues: Map<string, Pending[]>, key: string): Pending | undefined => {
      const q = queues.get(key);
      const p = q?.shift();
      if (q && !q.length) queues.delete(key);
      return p;
    };
    const record = (p: Pending, received: number, into: number[], afterAnswer: number[]) => {
      if (!measuring) return;
      into.push(received - p.sentAt);
      const answered = answeredAt[p.batch];
      if (answered !== undefined) afterAnswer.push(received - answered);
    };

    const ws = new WebSocket(`${this.config.base.replace(/^http/, 'ws')}/api/ws`, {
      headers: { cookie: this.config.cookie, origin: this.config.base },
      perMessageDeflate: false,
    });
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const received = nowMs();
        const msg = JSON.parse(data.toString()) as {
          type: string;
          topic?: string;
          data?: { accounts?: [string, string][] };
          event?: { type: string; subjectId: string | null };
        };
        if (msg.type === 'hello') return resolve();
        if (msg.type === 'ping') return;
        if (msg.type === 'live' && msg.topic === 'trading.accounts' && msg.data?.accounts) {
          // One message names every account of the batch that changed; each pending send is matched.
          for (const [accountId] of msg.data.accounts) {
            if (!byAccountId.has(accountId)) unexpected('live for an unknown account');
            else {
              const p = take(livePending, accountId);
              if (!p) unexpected('live trading.accounts');
              else record(p, received, r.liveMs, r.liveAfterAnswerMs);
            }
          }
          return;
        }
        const type = msg.event?.type;
        if (msg.type === 'event' && (type === 'trading.client_online' || type === 'trading.client_offline')) {
          const clientId = msg.event!.subjectId ?? '';
          if (!byClientId.has(clientId)) return unexpected(`${type} for an unknown client`);
          const p = take(presencePending, clientId);
          if (!p) return unexpected(type);
          if (p.online !== (type === 'trading.client_online')) r.mismatched += measuring ? 1 : 0;
          return record(p, received, r.presenceMs, r.presenceAfterAnswerMs);
        }
        unexpected(msg.type === 'event' ? `event ${type}` : `${msg.type}${msg.topic ? ` ${msg.topic}` : ''}`);
      });
      ws.on('unexpected-response', (_req, res) =>
        reject(new Error(`manager socket: HTTP ${res.statusCode}`)),
      );
      ws.on('error', reject);
    });

    // Accounts in a fixed order, visited round robin: an account gets its next event only after all
    // others had one, so its messages cannot be confused with the previous event's.
    const accounts = this.config.accounts.map((a) => ({
      ...a,
      stream: this.byLogin.get(a.login)!,
      visits: 0,
    }));
    let cursor = 0;
    const inFlight = new Set<Promise<void>>();
    let batchNo = 0;
    let slip = 0;

    const sendBatch = () => {
      const events: PlatformEventInput[] = [];
      const presence: { clientId: string; online: boolean }[] = [];
      const live: string[] = [];
      const at = new Date().toISOString();
      for (let i = 0; i < c.batch; i++) {
        const a = accounts[cursor++ % accounts.length]!;
        if (a.visits++ % c.presenceEvery === 0) {
          const online = !a.stream.online;
          events.push(online ? a.stream.logIn(at) : a.stream.logOut(at));
          presence.push({ clientId: a.clientId, online });
        } else events.push(a.stream.account(at));
        // Either kind changes what the card shows: one live message per account and batch.
        live.push(a.accountId);
      }
      const body = JSON.stringify({ events });
      const batch = batchNo++;
      const counted = measuring;
      const timing: { sentAt?: number } = {};
      if (counted) {
        r.batches += 1;
        r.presenceSent += presence.length;
        r.accountSent += events.length - presence.length;
      }
      const p = post(this.config, this.agent, this.webhookId(), body, () => {
        // Registered just before the request is written: nothing can answer earlier.
        const sentAt = nowMs();
        for (const x of presence) {
          const q = presencePending.get(x.clientId) ?? [];
          q.push({ sentAt, batch, online: x.online });
          presencePending.set(x.clientId, q);
        }
        for (const id of live) {
          const q = livePending.get(id) ?? [];
          q.push({ sentAt, batch });
          livePending.set(id, q);
        }
        timing.sentAt = sentAt;
      })
        .then(({ status, answer }) => {
          const now = nowMs();
          answeredAt[batch] = now;
          if (counted) r.requestMs.push(now - (timing.sentAt ?? now));
          if (status !== 200) {
            r.failed += 1;
            r.firstFailure ??= `HTTP ${status} ${JSON.stringify(answer).slice(0, 300)}`;
          } else if (counted && (answer as IngestResult).gaps.length) r.gapAnswers += 1;
        })
        .catch((err: unknown) => {
          r.failed += 1;
          r.firstFailure ??= String(err);
        })
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    };

    // Open loop: batch k leaves at k × batch / rate seconds whatever the earlier ones are doing.
    const runFor = async (durationMs: number) => {
      const interval = (1000 * c.batch) / c.rate;
      const batches = Math.round(durationMs / interval);
      const t0 = nowMs();
      let sent = 0;
      while (sent < batches) {
        const due = Math.min(batches, Math.floor((nowMs() - t0) / interval) + 1);
        slip = Math.max(slip, nowMs() - t0 - (due - 1) * interval);
        while (sent < due) {
          sendBatch();
          sent += 1;
        }
        await sleep(1);
      }
      await Promise.all(inFlight);
    };
    const drain = async () => {
      const t = nowMs();
      while ((presencePending.size || livePending.size) && nowMs() - t < c.drainMs) await sleep(10);
    };

    await runFor(c.warmupMs);
    await drain();
    presencePending.clear();
    livePending.clear();
    await sleep(200);
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    measuring = true;
    slip = 0;
    await runFor(c.durationMs);
    await drain();
    measuring = false;
    loop.disable();
    ws.close(1000, 'benchmark done');
    const count = (m: Map<string, Pending[]>) => [...m.values()].reduce((n, q) => n + q.length, 0);
    return {
      ...r,
      presenceMs: Float64Array.from(r.presenceMs),
      liveMs: Float64Array.from(r.liveMs),
      presenceAfterAnswerMs: Float64Array.from(r.presenceAfterAnswerMs),
      liveAfterAnswerMs: Float64Array.from(r.liveAfterAnswerMs),
      requestMs: Float64Array.from(r.requestMs),
      presenceLost: count(presencePending),
      liveLost: count(livePending),
      scheduleSlipMs: slip,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
    };
  }
}

async function gatewayThread(config: GatewayConfig, port: NonNullable<typeof parentPort>): Promise<void> {
  const gateway = new GatewayThread(config);
  port.on('message', (m: ToWorker) => {
    const done =
      m.type === 'throughput'
        ? gateway.throughput(m).then((result) => {
            const { requestMs } = result;
            port.postMessage({ type: 'throughput', result } satisfies FromWorker, [
              requestMs.buffer as ArrayBuffer,
            ]);
          })
        : gateway
            .latency(m)
            .then((result) => port.postMessage({ type: 'latency', result } satisfies FromWorker));
    done.catch((err: unknown) =>
      port.postMessage({
        type: 'failed',
        message: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies FromWorker),
    );
  });
}

if (!isMainThread && parentPort && (workerData as GatewayConfig | undefined)?.base) {
  void gatewayThread(workerData as GatewayConfig, parentPort);
}
