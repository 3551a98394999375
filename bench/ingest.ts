// ingest: how many platform events per second POST /api/trading/ingest takes in, next to a raw multi-row
// INSERT of the same rows, and how long an event takes to reach the manager's screen at 1,000 events/s.
//
// A real server (buildServer, listening on 127.0.0.1:0, TRADING_WEBHOOK_SECRET set) with ACCOUNTS live
// trading accounts ('sim' platform), one per client, all managed by one signed-in sales manager.
//   1. raw: the events as rows of a copy of trading_inbox (same columns, keys and indexes), one
//      multi-row INSERT … VALUES per batch through the app's own driver (pg pool / PGlite), SENDERS
//      concurrent loops;
//   2. ingest: the same events, signed (Standard Webhooks) and posted by SENDERS concurrent senders over
//      keep-alive HTTP from a worker thread (bench/ingest-client.ts), each sender owning a slice of the
//      accounts so each account's events leave in seq order;
//   3. latency: the manager's WebSocket open, the gateway posts LAT_BATCH events every LAT_BATCH/LAT_RATE
//      s (open loop) for LAT_DURATION_MS: logins/logouts (→ stored trading.client_online/offline events)
//      and `account` states (→ transient `live` trading.accounts messages); batch sent → message received.
// The event mix and streams are in bench/ingest-events.ts.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import pg from 'pg';
import { loadConfig } from '../src/app/config.js';
import type { AppContext } from '../src/app/context.js';
import { buildServer } from '../src/app/server.js';
import type { Database } from '../src/db/connection.js';
import { newWebhookSecret, signWebhook, verifyWebhook } from '../src/core/webhook-signature.js';
import { clients } from '../src/modules/clients/schema.js';
import { ingestBatchSchema, type PlatformEventInput } from '../src/modules/trading/platform-events.js';
import { tradingAccounts } from '../src/modules/trading/schema.js';
import { cpuWindow, nowMs, percentile, progress, type Figure, type Target } from './harness.js';
import { startGateway, type BenchAccount, type Gateway } from './ingest-client.js';
import { loginsOf, MIX, SenderStream, STATES_ONLY_MIX } from './ingest-events.js';

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

const EVENTS = {
  pg: env('BENCH_INGEST_EVENTS', 200_000),
  pglite: env('BENCH_INGEST_PGLITE_EVENTS', 50_000),
};
const ACCOUNTS = env('BENCH_INGEST_ACCOUNTS', 500);
const BATCH = env('BENCH_INGEST_BATCH', 500); // events per request
const SENDERS = env('BENCH_INGEST_SENDERS', 4); // concurrent requests
const WARMUP_BATCHES = env('BENCH_INGEST_WARMUP_BATCHES', 4); // per sender, not measured
const LAT_RATE = env('BENCH_INGEST_LATENCY_RATE', 1000); // events/s
const LAT_BATCH = env('BENCH_INGEST_LATENCY_BATCH', 20);
const LAT_DURATION_MS = env('BENCH_INGEST_LATENCY_DURATION_MS', 20_000);
const LAT_WARMUP_MS = 2_000;
const PRESENCE_EVERY = 5; // in the latency phase every 5th visit of an account is a login/logout
const SEED = 20261122;
// `states`: no logins/logouts/heartbeats or balance operations in the throughput load, so no domain
// events and no event-log append lock (a diagnostic; the default is the realistic mix).
const MIX_NAME = process.env.BENCH_INGEST_MIX ?? 'realistic';
if (!['realistic', 'states'].includes(MIX_NAME)) throw new Error('BENCH_INGEST_MIX: realistic or states');
const THROUGHPUT_MIX = MIX_NAME === 'states' ? STATES_ONLY_MIX : MIX;

export const description =
  `${ACCOUNTS} accounts, ${BATCH} events per batch, ${SENDERS} senders: ${EVENTS.pg.toLocaleString('en')} events on PostgreSQL, ` +
  `${EVENTS.pglite.toLocaleString('en')} on PGlite, raw INSERT beside it; then ${LAT_RATE} events/s for ` +
  `${LAT_DURATION_MS / 1000} s to a manager's socket` +
  (MIX_NAME === 'states' ? ' (throughput mix: states only)' : '');
export const timeoutMs = 10 * 60_000;

export async function run(target: Target): Promise<Figure[]> {
  const { database, drop } = await target.freshDatabase();
  const secret = newWebhookSecret();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    SIMULATED_TRADERS: 'false',
    TRADING_PLATFORM: 'sim',
    TRADING_WEBHOOK_SECRET: secret,
    // The benchmark's accounts fall silent between phases; their sessions must not expire meanwhile.
    PRESENCE_TIMEOUT_SECONDS: '86400',
  });
  const { app, ctx } = await buildServer({
    config,
    database,
    secretKey: randomBytes(32),
    logger: false,
    web: false,
  });
  let gateway: Gateway | undefined;
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const base = `http://127.0.0.1:${port}`;

    const t0 = nowMs();
    const { cookie, managerId } = await signInManager(ctx, base);
    const accounts = await createAccounts(ctx, managerId, config.TRADING_PLATFORM);
    progress(
      `manager signed in, ${ACCOUNTS} clients with live accounts (${((nowMs() - t0) / 1000).toFixed(1)} s)`,
    );

    const events = EVENTS[target.name];
    const batchesPerSender = Math.max(1, Math.round(events / BATCH / SENDERS));
    const startMs = Date.now();

    // 1. The baseline: the same rows, straight into a copy of the inbox.
    await checkpoint(database);
    const raw = await rawInsert(database, accounts, startMs, batchesPerSender);
    progress(
      `raw INSERT: ${raw.events} events in ${(raw.elapsedMs / 1000).toFixed(1)} s; per batch ` +
        `p50 ${percentile(raw.batchMs, 50).toFixed(1)} ms, p99 ${percentile(raw.batchMs, 99).toFixed(1)} ms`,
    );

    // 2. The same events through the API.
    await checkpoint(database);
    gateway = startGateway({
      base,
      secret,
      accounts,
      senders: SENDERS,
      batch: BATCH,
      seed: SEED,
      startMs,
      mix: THROUGHPUT_MIX,
      cookie,
    });
    const service = timeService(ctx);
    const statements = target.name === 'pg' ? profileStatements() : undefined;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const gc = gcPauses();
    const cpu = cpuWindow();
    const ingestPg = postgresCpu();
    const ingestOwn = process.cpuUsage();
    const elu = performance.eventLoopUtilization();
    const ingest = await gateway.throughput({ warmupBatches: WARMUP_BATCHES, batches: batchesPerSender });
    const serverActiveMs = performance.eventLoopUtilization(elu).active;
    const ingestOwnMs = cpuMs(process.cpuUsage(ingestOwn));
    const ingestPgMs = ingestPg.stop();
    const cpuUse = cpu.stop();
    loop.disable();
    const gcUse = gc.stop();
    statements?.stop();
    service.stop();
    if (ingest.failed) throw new Error(`${ingest.failed} events refused: ${ingest.firstFailure}`);
    if (ingest.unknownAccounts || ingest.accepted !== ingest.events)
      throw new Error(
        `expected every event accepted: sent ${ingest.events}, accepted ${ingest.accepted}, duplicates ` +
          `${ingest.duplicates}, unknown accounts ${ingest.unknownAccounts}`,
      );
    const requestSorted = Float64Array.from(ingest.requestMs).sort();
    const serviceSorted = Float64Array.from(service.measured()).sort();
    progress(
      `ingest: ${ingest.accepted} events accepted in ${(ingest.elapsedMs / 1000).toFixed(1)} s, ` +
        `${ingest.gapsReported} gap reports (expected 0), ${(ingest.bodyBytes / ingest.events).toFixed(0)} bytes/event`,
    );
    progress(
      `per batch: request p50 ${percentile(requestSorted, 50).toFixed(1)} ms, p99 ${percentile(requestSorted, 99).toFixed(1)} ms; ` +
        `of which IngestService.ingest p50 ${percentile(serviceSorted, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(serviceSorted, 99).toFixed(1)} ms (n ${serviceSorted.length})`,
    );
    progress(
      `server loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms; ` +
        `gateway thread loop delay p99 ${ingest.loopDelayP99Ms.toFixed(1)} ms; server thread GC: ${gcUse}`,
    );
    progress(requestCosts(secret, accounts, startMs));
    for (const line of statements?.report(ingest.requestMs.length + WARMUP_BATCHES * SENDERS) ?? [])
      progress(line);
    progress(`cpu while ingesting: ${cpuUse.text}`);
    // Per event, so less sensitive to other work than the rates. Both windows include their warm-up.
    // "Busy" is the thread's event-loop active time: wall time, so it grows when other work takes the CPU.
    const rawAll = raw.events + WARMUP_BATCHES * SENDERS * BATCH;
    const ingestAll = ingest.events + WARMUP_BATCHES * SENDERS * BATCH;
    const us = (ms: number | null, n: number) => (ms === null ? 'n/a' : `${((ms * 1000) / n).toFixed(0)} µs`);
    const pgUs = (ms: number | null, n: number) =>
      target.name === 'pglite' ? 'inside the process' : us(ms, n);
    progress(
      `cpu per event: ingest — this process ${us(ingestOwnMs, ingestAll)} (server thread busy ` +
        `${us(serverActiveMs, ingestAll)}, gateway thread busy ${us(ingest.activeMs, ingest.events)}), postgres ` +
        `${pgUs(ingestPgMs, ingestAll)}; raw INSERT — this process ${us(raw.ownMs, rawAll)}, postgres ${pgUs(raw.pgMs, rawAll)}`,
    );
    warnIfBusy(cpuUse.otherPct);

    // 3. Event → manager's screen.
    const lcpu = cpuWindow();
    const lloop = monitorEventLoopDelay({ resolution: 5 });
    lloop.enable();
    const lat = await gateway.latency({
      rate: LAT_RATE,
      batch: LAT_BATCH,
      durationMs: LAT_DURATION_MS,
      warmupMs: LAT_WARMUP_MS,
      presenceEvery: PRESENCE_EVERY,
      drainMs: 10_000,
    });
    lloop.disable();
    const lcpuUse = lcpu.stop();
    if (lat.failed) throw new Error(`latency phase: ${lat.failed} batches refused: ${lat.firstFailure}`);
    const presence = Float64Array.from(lat.presenceMs).sort();
    const live = Float64Array.from(lat.liveMs).sort();
    const latRequest = Float64Array.from(lat.requestMs).sort();
    const pAfter = Float64Array.from(lat.presenceAfterAnswerMs).sort();
    const lAfter = Float64Array.from(lat.liveAfterAnswerMs).sort();
    const sentEvents = lat.presenceSent + lat.accountSent;
    progress(
      `latency phase: ${lat.batches} batches, ${lat.presenceSent} logins/logouts and ${lat.accountSent} account states; ` +
        `schedule slip max ${lat.scheduleSlipMs.toFixed(1)} ms; request p50 ${percentile(latRequest, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(latRequest, 99).toFixed(1)} ms; ${lat.gapAnswers} answers listed gaps`,
    );
    progress(
      `after the HTTP answer: presence p50 ${percentile(pAfter, 50).toFixed(1)} ms, p99 ${percentile(pAfter, 99).toFixed(1)} ms; ` +
        `live p50 ${percentile(lAfter, 50).toFixed(1)} ms, p99 ${percentile(lAfter, 99).toFixed(1)} ms`,
    );
    const unexpected = Object.entries(lat.unexpected);
    if (unexpected.length || lat.mismatched)
      progress(
        `unexpected messages: ${unexpected.map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'}; ` +
          `online/offline mismatched ${lat.mismatched}`,
      );
    progress(
      `server loop delay p99 ${(lloop.percentile(99) / 1e6).toFixed(1)} ms, max ${(lloop.max / 1e6).toFixed(1)} ms; ` +
        `gateway thread loop delay p99 ${lat.loopDelayP99Ms.toFixed(1)} ms`,
    );
    progress(`cpu during the latency phase: ${lcpuUse.text}`);
    warnIfBusy(lcpuUse.otherPct);

    const eventsPerS = ingest.accepted / (ingest.elapsedMs / 1000);
    const rawPerS = raw.events / (raw.elapsedMs / 1000);
    return [
      { metric: 'events', value: ingest.accepted, unit: 'events' },
      { metric: 'events_per_s', value: eventsPerS, unit: 'events/s', digits: 0 },
      { metric: 'raw_insert_events_per_s', value: rawPerS, unit: 'events/s', digits: 0 },
      { metric: 'ratio_to_raw', value: eventsPerS / rawPerS, unit: '×', digits: 2 },
      { metric: 'batch_p50_ms', value: percentile(requestSorted, 50), unit: 'ms', digits: 1 },
      { metric: 'batch_p99_ms', value: percentile(requestSorted, 99), unit: 'ms', digits: 1 },
      {
        metric: 'latency_events_per_s',
        value: sentEvents / (LAT_DURATION_MS / 1000),
        unit: 'events/s',
        digits: 0,
      },
      { metric: 'presence_p50_ms', value: percentile(presence, 50), unit: 'ms', digits: 1 },
      { metric: 'presence_p99_ms', value: percentile(presence, 99), unit: 'ms', digits: 1 },
      { metric: 'presence_max_ms', value: percentile(presence, 100), unit: 'ms', digits: 1 },
      { metric: 'presence_lost', value: lat.presenceLost, unit: 'messages' },
      { metric: 'live_p50_ms', value: percentile(live, 50), unit: 'ms', digits: 1 },
      { metric: 'live_p99_ms', value: percentile(live, 99), unit: 'ms', digits: 1 },
      { metric: 'live_max_ms', value: percentile(live, 100), unit: 'ms', digits: 1 },
      { metric: 'live_lost', value: lat.liveLost, unit: 'messages' },
    ];
  } finally {
    await gateway?.terminate().catch(() => {});
    await app.close().catch(() => {});
    await drop();
  }
}

function warnIfBusy(otherPct: number | null): void {
  if (otherPct !== null && otherPct > 10)
    progress(`warning: ${otherPct.toFixed(0)}% of the machine went to other work; the figures are skewed`);
}

/** A sales manager (record scope "own") signed in over HTTP; returns the session cookie header. */
async function signInManager(ctx: AppContext, base: string): Promise<{ cookie: string; managerId: string }> {
  const email = `bench.manager.${randomBytes(3).toString('hex')}@bench.local`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const manager = await ctx.staff.create(
    { id: null, ip: null },
    {
      name: 'Bench Manager',
      email,
      password,
      role: 'sales_manager',
      teamId: null,
      languages: ['en'],
      active: true,
    },
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
  return { cookie: sid.split(';')[0]!, managerId: manager.id };
}

/** Live clients of the manager, each with one live account on the platform the server matches logins on. */
async function createAccounts(ctx: AppContext, managerId: string, platform: string): Promise<BenchAccount[]> {
  const db = ctx.database.db;
  const made = await db
    .insert(clients)
    .values(
      Array.from({ length: ACCOUNTS }, (_, i) => ({
        name: `Trader ${i}`,
        email: `trader.${i}@bench.local`,
        status: 'live' as const,
        source: 'bench',
        managerId,
      })),
    )
    .returning({ id: clients.id });
  const rows = await db
    .insert(tradingAccounts)
    .values(
      made.map((c, i) => ({
        clientId: c.id,
        platform,
        login: String(7_000_000 + i),
        kind: 'live' as const,
        currency: 'USD',
        leverage: 100,
      })),
    )
    .returning({ id: tradingAccounts.id, login: tradingAccounts.login, clientId: tradingAccounts.clientId });
  const order = new Map(rows.map((r) => [r.login, r]));
  return Array.from({ length: ACCOUNTS }, (_, i) => {
    const r = order.get(String(7_000_000 + i))!;
    return { login: r.login, accountId: r.id, clientId: r.clientId };
  });
}

/** PostgreSQL: start each phase without the previous one's dirty pages to write out. */
async function checkpoint(database: Database): Promise<void> {
  const client = (database.db as unknown as { $client: Queryable }).$client;
  if (database.kind === 'postgres') await client.query('checkpoint').catch(() => {});
}

interface Queryable {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/**
 * The floor: the same events as rows of `bench_raw_inbox` (each event's id as primary key, unique
 * (account_id, seq), the event itself as jsonb), one multi-row INSERT … VALUES per batch
 * through the driver the app uses (node-postgres pool or PGlite), SENDERS loops at once. The rows are
 * built before the clock starts; a warm-up of the same size as the API's goes first.
 */
async function rawInsert(
  database: Database,
  accounts: BenchAccount[],
  startMs: number,
  batchesPerSender: number,
): Promise<{
  events: number;
  elapsedMs: number;
  batchMs: Float64Array;
  ownMs: number;
  pgMs: number | null;
}> {
  const client = (database.db as unknown as { $client: Queryable }).$client;
  // The events as rows, as a gateway sent them: ids, ordering keys and the whole event as jsonb.
  await client.query(`create table bench_raw_inbox (
    event_id text primary key, account_id uuid not null, seq int8 not null, type text not null,
    occurred_at timestamptz not null, received_at timestamptz not null default now(), payload jsonb not null,
    unique (account_id, seq))`);
  const idOf = new Map(accounts.map((a) => [a.login, a.accountId]));
  const logins = accounts.map((a) => a.login);
  const toParams = (events: PlatformEventInput[]) =>
    events.flatMap((e) => [e.id, idOf.get(e.account)!, e.seq, e.type, e.at, JSON.stringify(e)]);
  const texts = new Map<number, string>();
  const textFor = (rows: number) => {
    let text = texts.get(rows);
    if (!text) {
      const values = Array.from({ length: rows }, (_, r) => {
        const p = r * 6;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6})`;
      });
      text = `insert into bench_raw_inbox (event_id, account_id, seq, type, occurred_at, payload) values ${values.join(', ')}`;
      texts.set(rows, text);
    }
    return text;
  };
  const plans = Array.from({ length: SENDERS }, (_, s) => {
    const stream = new SenderStream(loginsOf(logins, s, SENDERS), SEED + s, startMs, BATCH, THROUGHPUT_MIX);
    const warmup = Array.from({ length: WARMUP_BATCHES }, () => toParams(stream.next()));
    const measured = Array.from({ length: batchesPerSender }, () => toParams(stream.next()));
    return { warmup, measured };
  });
  const insert = (params: unknown[]) => client.query(textFor(params.length / 6), params);
  // CPU from here on: the inserts only (warm-up included), not building the rows.
  const pg = postgresCpu();
  const own = process.cpuUsage();
  await Promise.all(
    plans.map(async (p) => {
      for (const params of p.warmup) await insert(params);
    }),
  );
  const batchMs: number[] = [];
  let events = 0;
  const t0 = nowMs();
  let last = t0;
  await Promise.all(
    plans.map(async (p) => {
      for (const params of p.measured) {
        const t = nowMs();
        await insert(params);
        last = Math.max(last, nowMs());
        batchMs.push(last - t);
        events += params.length / 6;
      }
    }),
  );
  return {
    events,
    elapsedMs: last - t0,
    batchMs: Float64Array.from(batchMs).sort(),
    ownMs: cpuMs(process.cpuUsage(own)),
    pgMs: pg.stop(),
  };
}

/**
 * Diagnostics: what the route spends on one batch before the service sees it — signature check,
 * JSON.parse, Zod — measured here on batches like the benchmark's (medians of 30, after 10 untimed).
 */
function requestCosts(secret: string, accounts: BenchAccount[], startMs: number): string {
  const stream = new SenderStream(
    accounts.map((a) => a.login),
    SEED + 1000,
    startMs,
    BATCH,
    THROUGHPUT_MIX,
  );
  const bodies = Array.from({ length: 40 }, () => Buffer.from(JSON.stringify({ events: stream.next() })));
  const verify: number[] = [];
  const parse: number[] = [];
  const validate: number[] = [];
  bodies.forEach((body, i) => {
    const headers = signWebhook(secret, `msg_cost_${i}`, body);
    let t = nowMs();
    if (verifyWebhook([secret], headers, body)) throw new Error('own signature refused');
    const tVerify = nowMs() - t;
    t = nowMs();
    const json: unknown = JSON.parse(body.toString('utf8'));
    const tParse = nowMs() - t;
    t = nowMs();
    if (!ingestBatchSchema.safeParse(json).success) throw new Error('own batch refused');
    const tValidate = nowMs() - t;
    if (i < 10) return;
    verify.push(tVerify);
    parse.push(tParse);
    validate.push(tValidate);
  });
  const median = (xs: number[]) => percentile(Float64Array.from(xs).sort(), 50).toFixed(2);
  return (
    `route work per ${BATCH}-event batch (${(bodies[0]!.length / 1024).toFixed(0)} KiB), medians: ` +
    `signature ${median(verify)} ms, JSON.parse ${median(parse)} ms, Zod ${median(validate)} ms`
  );
}

/** Diagnostics: the time spent inside IngestService.ingest, per call (the rest is HTTP, JSON, Zod, signature). */
function timeService(ctx: AppContext) {
  const service = ctx.tradingIngest as unknown as { ingest: (...args: unknown[]) => Promise<unknown> };
  const original = service.ingest;
  const times: number[] = [];
  service.ingest = async function (this: unknown, ...args: unknown[]) {
    const t = nowMs();
    try {
      return await original.apply(this, args);
    } finally {
      times.push(nowMs() - t);
    }
  };
  return {
    /** The measured calls: the warm-up's are dropped. */
    measured: () => times.slice(WARMUP_BATCHES * SENDERS),
    stop() {
      service.ingest = original;
    },
  };
}

/**
 * Diagnostics, PostgreSQL only: the client-observed time of each kind of statement (node-postgres's
 * Client.query patched in this process), to see where a batch's time goes. Concurrent batches overlap,
 * so the totals add up to more than the wall time.
 */
function profileStatements() {
  type Query = (this: pg.Client, ...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  const stats = new Map<string, { n: number; ms: number }>();
  const note = (key: string, ms: number) => {
    const s = stats.get(key) ?? { n: 0, ms: 0 };
    s.n += 1;
    s.ms += ms;
    stats.set(key, s);
  };
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 60);
    const t = nowMs();
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...cb: unknown[]) => {
        note(key, nowMs() - t);
        return (last as (...a: unknown[]) => unknown)(...cb);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      void (result as Promise<unknown>).then(
        () => note(key, nowMs() - t),
        () => note(key, nowMs() - t),
      );
    return result;
  };
  return {
    stop() {
      proto.query = original;
    },
    report(batches: number): string[] {
      const all = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
      const total = all.reduce((sum, [, s]) => sum + s.ms, 0);
      return [
        `statements (client-observed, all batches incl. warm-up, ${batches} batches): ` +
          `${all.reduce((n, [, s]) => n + s.n, 0)} statements, ${(total / batches).toFixed(1)} ms per batch`,
        ...all
          .slice(0, 12)
          .map(
            ([key, s]) =>
              `  ${((s.ms / total) * 100).toFixed(0).padStart(3)}%  ${(s.n / batches).toFixed(2)}/batch  ` +
              `${(s.ms / s.n).toFixed(2)} ms avg  ${key}`,
          ),
      ];
    },
  };
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/**
 * CPU time of the local PostgreSQL server's processes over a window, ms (Linux /proc, USER_HZ 100; null
 * elsewhere). Backends that end within the window are missed; the benchmark's connections stay open.
 */
function postgresCpu(): { stop(): number | null } {
  const read = (): Map<string, number> | null => {
    const ticks = new Map<string, number>();
    try {
      for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
        try {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          const close = stat.lastIndexOf(')');
          if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
          const fields = stat.slice(close + 2).split(' ');
          ticks.set(pid, Number(fields[11]) + Number(fields[12]));
        } catch {
          // ended meanwhile
        }
      }
    } catch {
      return null;
    }
    return ticks;
  };
  const before = read();
  return {
    stop() {
      const after = read();
      if (!before || !after) return null;
      let sum = 0;
      for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
      return sum * 10;
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
