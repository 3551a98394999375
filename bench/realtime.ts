// realtime: how long a domain event takes from its append to every connected staff WebSocket.
//
// A real server (buildServer, listening on 127.0.0.1:0) with SOCKETS staff sockets signed in over
// HTTP. Events are appended through appendEvents at RATE events/s for DURATION_MS, open-loop: every
// BATCH/RATE s a transaction with BATCH events starts, whatever the earlier ones are doing. Each event
// carries its send time (taken just before its transaction starts) and every socket records
// receive time − send time. The default BATCH is 10 (a transaction every 10 ms): one event per
// transaction (BENCH_REALTIME_BATCH=1, the shape of real staff actions) was tried first and cannot
// reach 1,000/s on a 2-CPU machine even with no sockets, so it measures the append path's queue rather
// than delivery; docs/benchmarks.md has both.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { loadConfig } from '../src/app/config.js';
import { buildServer } from '../src/app/server.js';
import type { AppContext } from '../src/app/context.js';
import { appendEventsNow, type NewEvent } from '../src/core/events.js';
import { cpuWindow, nowMs, percentile, progress, sleep, type Figure, type Target } from './harness.js';
import { startClients, type Clients } from './realtime-clients.js';
import { installCork, installDrainInterval, useOwnHubConnection } from './prototype.js';

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

const SOCKETS = env('BENCH_REALTIME_SOCKETS', 200);
const USERS = env('BENCH_REALTIME_USERS', 20);
const RATE = env('BENCH_REALTIME_RATE', 1000); // events per second
const DURATION_MS = env('BENCH_REALTIME_DURATION_MS', 10_000);
const BATCH = env('BENCH_REALTIME_BATCH', 10); // events per transaction
const WARMUP_MS = 1_000; // same load, not measured: JIT, pool connections, socket buffers
const DRAIN_TIMEOUT_MS = 10_000; // after the last append, how long deliveries may still arrive
const MAX_IN_FLIGHT = 200; // appends started but not committed; beyond it the schedule slips (and shows)

const PROTO = process.env.BENCH_REALTIME_PROTO ?? ''; // prototypes of src/ changes, see prototype.ts
const unknownProto = PROTO.split(',').filter((p) => p && !/^(cork|hubpool|flush\d+)$/.test(p));
if (unknownProto.length) throw new Error(`BENCH_REALTIME_PROTO: unknown ${unknownProto.join(', ')}`);

// Two catalogue types whose payload may be any object (src/shared/events.ts), so the ticks carry
// their sequence number and send time through the payload check like any event.
const EVENT_TYPE = 'settings.updated';
const WARMUP_TYPE = 'team.updated';
// support_agent holds clients.read and sees everything on it; admins (events.all) would need 2FA.
const ROLE = 'support_agent';
const AUDIENCE = { permissions: ['clients.read'] };

export const description =
  `${SOCKETS} sockets, ${RATE} events/s for ${DURATION_MS / 1000} s, ${BATCH} event(s) per transaction` +
  (PROTO ? `, prototype ${PROTO}` : '');
export const timeoutMs = 120_000 + DURATION_MS * 2;

export async function run(target: Target): Promise<Figure[]> {
  if (PROTO.split(',').includes('cork')) installCork();
  const { database, drop, url } = await target.freshDatabase();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_DEMO: 'false' });
  const { app, ctx } = await buildServer({
    config,
    database,
    secretKey: randomBytes(32),
    logger: false,
    web: false,
  });
  let clients: Clients | undefined;
  let unswapHub: (() => Promise<void>) | undefined;
  try {
    if (PROTO.split(',').includes('hubpool') && url) unswapHub = await useOwnHubConnection(ctx, url);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const base = `http://127.0.0.1:${port}`;

    const t0 = nowMs();
    const cookies = await signInStaff(ctx, base, USERS);
    progress(`${USERS} staff created and signed in (${((nowMs() - t0) / 1000).toFixed(1)} s)`);

    const total = Math.round((RATE * DURATION_MS) / 1000);
    clients = startClients({
      url: `ws://127.0.0.1:${port}/api/ws`,
      origin: base,
      cookies,
      sockets: SOCKETS,
      eventType: EVENT_TYPE,
      capacity: total * SOCKETS,
    });
    const connectMs = await clients.ready;
    progress(
      `${SOCKETS} sockets open, hello received (${connectMs.toFixed(0)} ms); hub has ${ctx.hub.size} clients`,
    );
    if (ctx.hub.size !== SOCKETS) throw new Error(`hub has ${ctx.hub.size} clients, expected ${SOCKETS}`);

    const flush = /(?:^|,)flush(\d+)(?:,|$)/.exec(PROTO);
    if (flush) installDrainInterval(ctx.hub, Number(flush[1]));
    const profile = instrumentHub(ctx);
    await appendAtRate(ctx, WARMUP_TYPE, Math.round((RATE * WARMUP_MS) / 1000), WARMUP_MS);
    await sleep(200);
    profile.reset();

    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const cpu = cpuWindow();
    const gc = gcPauses();
    const appended = await appendAtRate(ctx, EVENT_TYPE, total, DURATION_MS);
    const expected = appended.committed * SOCKETS;
    const drainStart = nowMs();
    while (clients.delivered() < expected && nowMs() - drainStart < DRAIN_TIMEOUT_MS && !clients.failure())
      await sleep(20);
    loop.disable();
    const cpuUse = cpu.stop();
    const gcUse = gc.stop();
    const result = await clients.finish();

    const lat = Float64Array.from(result.latencies).sort();
    // Commit → receive: the delivery alone, without the append transaction's own time.
    const fromCommit = new Float64Array(result.ids.length);
    for (let k = 0; k < result.ids.length; k++)
      fromCommit[k] = result.receivedAt[k]! - (appended.commitAt.get(result.ids[k]!) ?? Number.NaN);
    fromCommit.sort();
    const appendSorted = Float64Array.from(appended.durations).sort();
    progress(
      `append transaction: p50 ${percentile(appendSorted, 50).toFixed(2)} ms, p99 ${percentile(appendSorted, 99).toFixed(2)} ms, ` +
        `max ${percentile(appendSorted, 100).toFixed(2)} ms; ${appended.failed} failed; max in flight ${appended.maxInFlight}`,
    );
    const phase = (xs: number[]) => {
      const s = Float64Array.from(xs).sort();
      return `p50 ${percentile(s, 50).toFixed(2)}, p99 ${percentile(s, 99).toFixed(2)} ms`;
    };
    progress(
      `append phases: pool + BEGIN ${phase(appended.phases.begin)}; statement (lock wait + insert) ` +
        `${phase(appended.phases.statement)}; answer → COMMIT done (lock held) ${phase(appended.phases.commit)}`,
    );
    progress(
      `per socket: ${result.perSocketMin}..${result.perSocketMax} deliveries; out of order ${result.outOfOrder}, ` +
        `resets ${result.resets}, closed early ${result.closedEarly}`,
    );
    progress(
      `server loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms; ` +
        `client thread loop delay p99 ${result.loopDelayP99Ms.toFixed(1)} ms, max ${result.loopDelayMaxMs.toFixed(1)} ms`,
    );
    for (const line of profile.report()) progress(line);
    progress(`server thread GC: ${gcUse}`);
    progress(`cpu while appending and delivering: ${cpuUse.text}`);
    if (cpuUse.otherPct !== null && cpuUse.otherPct > 10)
      progress(
        `warning: ${cpuUse.otherPct.toFixed(0)}% of the machine went to other work during the run; the figures are skewed`,
      );

    return [
      { metric: 'sockets', value: SOCKETS, unit: 'sockets' },
      {
        metric: 'events_per_s',
        value: appended.committed / (appended.elapsedMs / 1000),
        unit: 'events/s',
        digits: 0,
      },
      { metric: 'delivered', value: result.delivered, unit: 'messages' },
      { metric: 'lost', value: expected - result.delivered, unit: 'messages' },
      { metric: 'p50_ms', value: percentile(lat, 50), unit: 'ms', digits: 1 },
      { metric: 'p99_ms', value: percentile(lat, 99), unit: 'ms', digits: 1 },
      { metric: 'max_ms', value: percentile(lat, 100), unit: 'ms', digits: 1 },
      { metric: 'append_p99_ms', value: percentile(appendSorted, 99), unit: 'ms', digits: 1 },
      { metric: 'commit_to_socket_p50_ms', value: percentile(fromCommit, 50), unit: 'ms', digits: 1 },
      { metric: 'commit_to_socket_p99_ms', value: percentile(fromCommit, 99), unit: 'ms', digits: 1 },
    ];
  } finally {
    await clients?.terminate().catch(() => {});
    await unswapHub?.().catch(() => {});
    await app.close().catch(() => {});
    await drop();
  }
}

/** Creates `count` staff who can see the benchmark's events and signs each in over HTTP; returns cookie headers. */
async function signInStaff(ctx: AppContext, base: string, count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `bench.${i}.${randomBytes(3).toString('hex')}@bench.local`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    await ctx.staff.create(
      { id: null, ip: null },
      { name: `Bench ${i}`, email, password, role: ROLE, teamId: null, languages: ['en'], active: true },
    );
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as { status?: string };
    if (res.status !== 200 || body.status !== 'ok')
      throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
    const sid = res.headers.getSetCookie().find((c) => c.startsWith('bd_sid='));
    if (!sid) throw new Error('login gave no bd_sid cookie');
    cookies.push(sid.split(';')[0]!);
  }
  return cookies;
}

interface Appended {
  committed: number;
  failed: number;
  /** From the first append's start to the last one's commit. */
  elapsedMs: number;
  /** Per transaction: start to commit, ms. */
  durations: number[];
  /**
   * Per transaction, where its time went: waiting for a pooled connection and BEGIN; the append
   * statement (which waits for the event-log lock, then inserts); and from the statement's answer to
   * the COMMIT's (one more round trip and the WAL flush, with the lock still held).
   */
  phases: { begin: number[]; statement: number[]; commit: number[] };
  /** Event id → when its commit was acknowledged to the appender (nowMs). */
  commitAt: Map<number, number>;
  maxInFlight: number;
}

/**
 * Open-loop load: transaction k starts at k × BATCH / RATE seconds whatever the earlier ones are doing
 * (staff act independently), each its own transaction on the pool. The send time in the payload is
 * taken just before the transaction starts, so pool waits and the advisory lock count as latency.
 */
async function appendAtRate(
  ctx: AppContext,
  type: typeof EVENT_TYPE | typeof WARMUP_TYPE,
  events: number,
  durationMs: number,
): Promise<Appended> {
  const transactions = Math.ceil(events / BATCH);
  const intervalMs = durationMs / transactions;
  const durations: number[] = [];
  const phases: Appended['phases'] = { begin: [], statement: [], commit: [] };
  const commitAt = new Map<number, number>();
  const pending = new Set<Promise<void>>();
  let committed = 0;
  let failed = 0;
  let started = 0;
  let maxInFlight = 0;
  let lastCommit = 0;
  let seq = 0;
  const t0 = nowMs();

  const appendOne = (size: number) => {
    const sentAt = nowMs();
    const batch: NewEvent[] = Array.from({ length: size }, () => ({
      type,
      subjectType: 'bench',
      subjectId: null,
      actorKind: 'system',
      payload: { seq: seq++, sentAt },
      audience: AUDIENCE,
    }));
    const p = ctx.database.db
      // appendEventsNow: the transaction's one statement, the same SQL as the events a transaction
      // appends being written before its COMMIT, and it gives the ids the sockets report.
      .transaction(async (tx) => {
        const began = nowMs();
        const ids = await appendEventsNow(tx, batch);
        return { ids, began, answered: nowMs() };
      })
      .then(
        ({ ids, began, answered }) => {
          lastCommit = nowMs();
          durations.push(lastCommit - sentAt);
          phases.begin.push(began - sentAt);
          phases.statement.push(answered - began);
          phases.commit.push(lastCommit - answered);
          for (const id of ids) commitAt.set(id, lastCommit);
          committed += size;
        },
        (err: unknown) => {
          failed += size;
          if (failed <= size) progress(`append failed: ${String(err)}`);
        },
      )
      .finally(() => pending.delete(p));
    pending.add(p);
    maxInFlight = Math.max(maxInFlight, pending.size);
  };

  while (started < transactions) {
    const due = Math.min(transactions, Math.floor((nowMs() - t0) / intervalMs) + 1);
    while (started < due && pending.size < MAX_IN_FLIGHT) {
      appendOne(Math.min(BATCH, events - started * BATCH));
      started += 1;
    }
    // A 1 ms timer lets commits, NOTIFYs and socket writes run between starts.
    await sleep(1);
    if (nowMs() - t0 > durationMs * 3) break; // far behind schedule: stop, the figures will show it
  }
  await Promise.all(pending);
  return {
    committed,
    failed,
    elapsedMs: (lastCommit || nowMs()) - t0,
    durations,
    phases,
    commitAt,
    maxInFlight,
  };
}

/**
 * Diagnostics only: wraps the hub's drain and fetch (private; skipped if they are renamed) to see where
 * a delivery's time goes: the queries, or pushing the JSON to every socket.
 */
function instrumentHub(ctx: AppContext) {
  const hub = ctx.hub as unknown as Record<string, unknown>;
  let fetchMs: number[] = [];
  let drainMs: number[] = [];
  let rows: number[] = [];
  const wrap = (name: string, record: (ms: number, result: unknown) => void) => {
    const original = hub[name];
    if (typeof original !== 'function') return false;
    hub[name] = async function (this: unknown, ...args: unknown[]) {
      const t = nowMs();
      const result: unknown = await (original as (...a: unknown[]) => Promise<unknown>).apply(this, args);
      record(nowMs() - t, result);
      return result;
    };
    return true;
  };
  const ok =
    wrap('fetch', (ms, result) => {
      fetchMs.push(ms);
      rows.push((result as { rows: unknown[] }).rows.length);
    }) && wrap('drain', (ms) => drainMs.push(ms));
  const stats = (xs: number[]) => {
    const s = Float64Array.from(xs).sort();
    const sum = xs.reduce((a, b) => a + b, 0);
    return `n ${xs.length}, p50 ${percentile(s, 50).toFixed(2)}, p99 ${percentile(s, 99).toFixed(2)}, max ${percentile(s, 100).toFixed(2)}, total ${sum.toFixed(0)} ms`;
  };
  return {
    reset() {
      fetchMs = [];
      drainMs = [];
      rows = [];
    },
    report(): string[] {
      if (!ok) return ['hub instrumentation unavailable (RealtimeHub internals changed)'];
      const withRows = rows.filter((r) => r > 0);
      return [
        `hub drain (fetch + send to all sockets): ${stats(drainMs)}`,
        `hub fetch (events + notifications queries): ${stats(fetchMs)}`,
        `hub rows per non-empty fetch: ${stats(withRows)
          .replace(/ ms$/, '')
          .replace(/, total .*$/, '')}, empty fetches ${rows.length - withRows.length}`,
      ];
    },
  };
}

/** Garbage-collection pauses on this thread while measuring: a long one explains a latency spike. */
function gcPauses() {
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop(): string {
      observer.disconnect();
      const total = pauses.reduce((a, b) => a + b, 0);
      return `${pauses.length} pauses, total ${total.toFixed(0)} ms, longest ${Math.max(0, ...pauses).toFixed(1)} ms`;
    },
  };
}
