// calls: telephony's call-event path. Two measurements on a real server (buildServer, 127.0.0.1:0):
//
// 1. Throughput: provider call events folded into call records per second, through the ingest (the
//    writer the webhooks call): THROUGHPUT_CALLS inbound calls × 4 events (ringing, answered, ended,
//    recording_ready), from numbers of known clients, once one event per ingest (a PBX posting each
//    event, CONCURRENCY at a time) and once BATCH events per ingest.
// 2. Latency: MANAGERS sales managers with a staff WebSocket each, one client each; every round all of
//    them are on a call at once (100 concurrent calls). Each call's ringing, answered and ended are
//    POSTed to the signed generic webhook over HTTP, open-loop on a schedule, and the manager's socket
//    records the time from just before the POST to the delivery of that call's event (webhook
//    signature check, ingest transaction, commit, NOTIFY, hub fetch and send).
import { randomBytes, randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { loadConfig } from '../src/app/config.js';
import { buildServer } from '../src/app/server.js';
import type { AppContext } from '../src/app/context.js';
import { events } from '../src/db/schema.js';
import { newWebhookSecret, signWebhook } from '../src/core/webhook-signature.js';
import type { CallEvent, PhoneSystem } from '../src/modules/telephony/index.js';
import { nowMs, percentile, progress, sleep, type Figure, type Target } from './harness.js';

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const MANAGERS = env('BENCH_CALLS_CONCURRENT', 100);
const ROUNDS = env('BENCH_CALLS_ROUNDS', 3);
const THROUGHPUT_CALLS = env('BENCH_CALLS_THROUGHPUT_CALLS', 250);
const CONCURRENCY = env('BENCH_CALLS_CONCURRENCY', 8);
const BATCH = env('BENCH_CALLS_BATCH', 50);
/**
 * A round: every call rings at a random moment in the first RING_WINDOW_MS, is answered 1–3 s later
 * and ends 3–9 s after that, so all MANAGERS calls are live together mid-round. Real calls last
 * minutes; this compresses them ~10×, so the event rate (3 × MANAGERS per ~15 s) is well above what
 * 100 real concurrent calls make, without measuring a queue that no call centre produces.
 */
const RING_WINDOW_MS = env('BENCH_CALLS_RING_WINDOW_MS', 6_000);
const DRAIN_TIMEOUT_MS = 5_000;

export const description =
  `${THROUGHPUT_CALLS} calls × 4 events (1 per ingest × ${CONCURRENCY}, and ${BATCH} per ingest); ` +
  `${MANAGERS} concurrent calls × ${ROUNDS} rounds to ${MANAGERS} manager sockets`;
export const timeoutMs = 600_000;

/** A phone system that takes every call at once (the bench plays the provider's events). */
const benchPhone: PhoneSystem = {
  name: 'bench',
  originate: () => Promise.resolve({ providerCallId: `bp-${randomUUID()}` }),
  hangup: () => Promise.resolve(),
};

export async function run(target: Target): Promise<Figure[]> {
  const { database, drop } = await target.freshDatabase();
  const secret = newWebhookSecret();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    TELEPHONY_WEBHOOK_SECRET: secret,
  });
  const { app, ctx } = await buildServer({
    config,
    database,
    secretKey: randomBytes(32),
    logger: false,
    web: false,
    phoneSystem: benchPhone,
  });
  const sockets: WebSocket[] = [];
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const base = `http://127.0.0.1:${port}`;
    const t0 = nowMs();
    const people = await managersWithClients(ctx, MANAGERS);
    progress(`${MANAGERS} managers and clients created (${((nowMs() - t0) / 1000).toFixed(1)} s)`);

    const figures: Figure[] = [];
    figures.push(...(await throughput(ctx, people)));

    // Latency: one socket per manager, waiting for its own calls' events.
    const waiting = new Map<string, (at: number) => void>();
    for (const p of people) {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/ws`, {
        headers: { cookie: `bd_sid=${p.token}`, origin: base },
        perMessageDeflate: false,
      });
      sockets.push(ws);
      await new Promise<void>((resolve, reject) => {
        ws.on('message', (data: Buffer) => {
          const at = nowMs();
          const msg = JSON.parse(data.toString()) as {
            type: string;
            event?: { type: string; payload: { callId?: string } };
          };
          if (msg.type === 'hello') resolve();
          const e = msg.event;
          if (e?.type.startsWith('call.')) waiting.get(`${e.payload.callId}:${e.type}`)?.(at);
        });
        ws.on('error', reject);
      });
    }
    progress(`${sockets.length} sockets open`);
    const latencies: number[] = [];
    let lost = 0;
    let overtaken = 0;
    let retried = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const r = await latencyRound(ctx, base, secret, people, waiting);
      latencies.push(...r.latencies);
      lost += r.lost;
      overtaken += r.overtaken;
      retried += r.retried;
      progress(
        `round ${round + 1}: ${r.latencies.length} deliveries, ${r.overtaken} overtaken, ${r.lost} late (> 5 s), ${r.retried} webhook retries`,
      );
    }
    const sorted = Float64Array.from(latencies).sort();
    figures.push(
      { metric: 'concurrent_calls', value: MANAGERS, unit: 'calls' },
      { metric: 'event_to_socket_p50', value: percentile(sorted, 50), unit: 'ms', digits: 1 },
      { metric: 'event_to_socket_p99', value: percentile(sorted, 99), unit: 'ms', digits: 1 },
      { metric: 'event_to_socket_max', value: percentile(sorted, 100), unit: 'ms', digits: 1 },
      { metric: 'events_late_over_5s', value: lost, unit: 'events' },
      { metric: 'events_overtaken', value: overtaken, unit: 'events' },
      { metric: 'webhook_retries', value: retried, unit: 'requests' },
    );
    return figures;
  } finally {
    for (const ws of sockets) ws.terminate();
    await app.close();
    await drop();
  }
}

interface Person {
  staffId: string;
  token: string;
  clientId: string;
  phone: string;
}

async function managersWithClients(ctx: AppContext, count: number): Promise<Person[]> {
  const out: Person[] = [];
  const db = ctx.database.db;
  for (let i = 0; i < count; i++) {
    const staff = await ctx.staff.create(
      { id: null, ip: null },
      {
        name: `Caller ${i}`,
        email: `calls.${i}.${randomBytes(3).toString('hex')}@bench.local`,
        password: `pw-${randomBytes(8).toString('hex')}`,
        role: 'sales_manager',
        teamId: null,
        languages: ['en'],
        active: true,
      },
    );
    const { token } = await ctx.sessions.create(db, staff.id, { ip: null, userAgent: 'bench' });
    const phone = `+4479111${String(i).padStart(5, '0')}`;
    const client = await db.transaction((tx) =>
      ctx.clients.createInTx(
        tx,
        { name: `Client ${i}`, email: null, phone, country: 'GB', language: 'en', source: 'bench' },
        { actor: null, managerId: staff.id, kind: 'registration' },
      ),
    );
    await ctx.telephony.extensions.ensure(staff.id);
    out.push({ staffId: staff.id, token, clientId: client.id, phone });
  }
  return out;
}

/** The four events of an inbound call from `from`, starting at `t0`. */
function inboundCall(pid: string, from: string, t0: number): CallEvent[] {
  const at = (s: number) => new Date(t0 + s * 1000).toISOString();
  return [
    {
      provider: 'bench',
      eventId: `${pid}:r`,
      providerCallId: pid,
      kind: 'ringing',
      at: at(0),
      direction: 'inbound',
      from,
    },
    { provider: 'bench', eventId: `${pid}:a`, providerCallId: pid, kind: 'answered', at: at(5) },
    {
      provider: 'bench',
      eventId: `${pid}:e`,
      providerCallId: pid,
      kind: 'ended',
      at: at(65),
      cause: 'completed',
    },
    {
      provider: 'bench',
      eventId: `${pid}:x`,
      providerCallId: pid,
      kind: 'recording_ready',
      at: at(66),
      recordingUrl: `https://rec.example/${pid}.wav`,
      durationSec: 60,
    },
  ];
}

async function throughput(ctx: AppContext, people: Person[]): Promise<Figure[]> {
  const ingest = (batch: CallEvent[]) => ctx.telephony.ingest.ingest(batch);
  const make = (tag: string) =>
    Array.from({ length: THROUGHPUT_CALLS }, (_, i) =>
      inboundCall(`${tag}-${i}-${randomUUID()}`, people[i % people.length]!.phone, Date.now() + i * 1000),
    );
  // Warm-up: JIT, pool connections.
  for (const e of make('warm').slice(0, 20).flat()) await ingest([e]);

  // One event per ingest, CONCURRENCY in flight; a call's events in order (as a PBX sends them).
  const single = make('single');
  const queue = single.map((events) => [...events]);
  let t = nowMs();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, w) => {
      for (let k = w; k < queue.length; k += CONCURRENCY) for (const e of queue[k]!) await ingest([e]);
    }),
  );
  const singleRate = (single.length * 4) / ((nowMs() - t) / 1000);
  progress(`one event per ingest: ${singleRate.toFixed(0)} events/s`);

  const batched = make('batch').flat();
  t = nowMs();
  const chunks: CallEvent[][] = [];
  for (let k = 0; k < batched.length; k += BATCH) chunks.push(batched.slice(k, k + BATCH));
  await Promise.all(
    Array.from({ length: Math.min(4, CONCURRENCY) }, async (_, w) => {
      for (let k = w; k < chunks.length; k += 4) await ingest(chunks[k]!);
    }),
  );
  const batchRate = batched.length / ((nowMs() - t) / 1000);
  progress(`${BATCH} events per ingest: ${batchRate.toFixed(0)} events/s`);
  return [
    { metric: 'events_per_s_single', value: singleRate, unit: 'events/s', digits: 0 },
    { metric: `events_per_s_batch${BATCH}`, value: batchRate, unit: 'events/s', digits: 0 },
  ];
}

/** All managers on a call at once; each call's ringing, answered, ended via the signed webhook. */
async function latencyRound(
  ctx: AppContext,
  base: string,
  secret: string,
  people: Person[],
  waiting: Map<string, (at: number) => void>,
): Promise<{ latencies: number[]; lost: number; overtaken: number; retried: number }> {
  const latencies: number[] = [];
  let retried = 0;
  const calls = await Promise.all(
    people.map(async (p) => ({
      p,
      callId: await ctx.telephony.calls.originate(
        { id: p.staffId, teamId: null, scope: 'own', permissions: new Set(['telephony.call']) },
        { id: p.staffId, ip: null },
        { clientId: p.clientId },
      ),
    })),
  );
  const expected = new Set<string>();
  const start = nowMs();
  const posts: Promise<void>[] = [];
  for (const { callId } of calls) {
    const ring = Math.random() * RING_WINDOW_MS;
    const answer = ring + 1_000 + Math.random() * 2_000;
    const end = answer + 3_000 + Math.random() * 6_000;
    const kinds = [
      ['ringing', 'call.ringing', ring],
      ['answered', 'call.answered', answer],
      ['ended', 'call.ended', end],
    ] as const;
    kinds.forEach(([kind, type, offset]) => {
      const key = `${callId}:${type}`;
      expected.add(key);
      posts.push(
        (async () => {
          await sleep(Math.max(0, start + offset - nowMs()));
          let sentAt = 0;
          const delivered = new Promise<number>((resolve) => waiting.set(key, resolve));
          const body = JSON.stringify({
            events: [
              {
                provider: 'bench',
                eventId: `${callId}:${kind}`,
                providerCallId: `bench-${callId}`,
                callId,
                kind,
                at: new Date().toISOString(),
                ...(kind === 'ended' ? { cause: 'completed' } : {}),
              },
            ],
          });
          sentAt = nowMs();
          // As a PBX would: a 503 (no database connection within 5 s on a loaded machine) is retried.
          for (let attempt = 0; ; attempt++) {
            const res = await fetch(`${base}/api/telephony/webhook`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...signWebhook(secret, randomUUID(), body) },
              body,
            });
            if (res.status === 200) break;
            if (res.status !== 503 || attempt >= 5)
              throw new Error(`webhook ${res.status}: ${await res.text()}`);
            retried += 1;
            await sleep(200);
          }
          const at = await Promise.race([delivered, sleep(DRAIN_TIMEOUT_MS).then(() => NaN)]);
          waiting.delete(key);
          if (Number.isFinite(at)) {
            latencies.push(at - sentAt);
            expected.delete(key);
          }
        })(),
      );
    });
  }
  await Promise.all(posts);
  // An event not pushed in time may have been overtaken: its call moved past that state before it was
  // folded (a later event committed first), so no domain event was due. Late: written, but not on the
  // socket within DRAIN_TIMEOUT_MS of the POST (counted apart, not in the percentiles).
  const missing = [...expected].map((k) => k.split(':') as [string, string]);
  const written = new Set(
    (await ctx.database.db.select({ type: events.type, payload: events.payload }).from(events))
      .filter((e) => e.type.startsWith('call.'))
      .map((e) => `${(e.payload as { callId: string }).callId}:${e.type}`),
  );
  const lost = missing.filter(([id, type]) => written.has(`${id}:${type}`)).length;
  return { latencies, lost, overtaken: missing.length - lost, retried };
}
