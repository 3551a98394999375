// reset-timing: does POST /api/portal/password-reset take longer for an email that has a cabinet?
//
// A real server (buildServer, listening on 127.0.0.1:0, TRUST_PROXY on so every request comes from
// its own X-Forwarded-For address and the per-address limit stays out of the way) with KNOWN
// cabinets. Each round sends one reset request for every known email and for as many unknown ones
// (the same unknown ones every round),
// in a shuffled order, and times each from send to the last byte of the answer. The HTTP client runs
// in a worker thread, as a browser is another machine: in the server's thread, the work a request
// leaves behind (PGlite runs in that thread) would delay the client's reading of an answer that
// had already been sent. Between rounds the server's clock moves on an hour, so the per-email limit
// (5 an hour) never answers 429. The links are issued in the background at a random moment within a
// second of each answer; the shuffled order spreads that work over both kinds' samples alike.
//
// Then the follow-on effect: work a request leaves behind (issuing the link after answering) could
// slow the next request instead. PROBES pairs: a request for a known or an unknown email, then at
// once a probe for a never-seen email, timed; the probe's median after each is printed too.
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../src/app/config.js';
import { buildServer } from '../src/app/server.js';
import { ManualClock } from '../src/core/clock.js';
import { nowMs, percentile, progress, type Figure, type Target } from './harness.js';

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const KNOWN = env('BENCH_RESET_KNOWN', 25);
const ROUNDS = env('BENCH_RESET_ROUNDS', 8); // timed; one more untimed round warms up
const PROBES = env('BENCH_RESET_PROBES', 100); // pairs after a known and after an unknown email, each

export const description = `${KNOWN} known and ${KNOWN} unknown emails × ${ROUNDS} rounds, ${PROBES} follow-on probes each`;
export const timeoutMs = 5 * 60_000;

const HOUR = 3_600_000;

// The client thread: sends the given reset requests one after another on a keep-alive connection and
// answers with each one's time, ms. Plain JavaScript, so the worker needs no TypeScript loader.
const CLIENT = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', async ({ url, requests }) => {
  const times = [];
  try {
    for (const { email, address } of requests) {
      const started = process.hrtime.bigint();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ email }),
      });
      await res.text();
      if (res.status !== 202) throw new Error('reset for ' + email + ' answered ' + res.status);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    parentPort.postMessage({ times });
  } catch (err) {
    parentPort.postMessage({ error: String(err) });
  }
});`;

/** Runs requests in the client thread, in order, one at a time; resolves with their times. */
function clientThread(url: string) {
  const worker = new Worker(CLIENT, { eval: true });
  let seq = 0;
  return {
    send(emails: string[]): Promise<number[]> {
      const requests = emails.map((email) => {
        seq += 1;
        return { email, address: `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}` };
      });
      return new Promise((resolve, reject) => {
        worker.once('message', (m: { times?: number[]; error?: string }) =>
          m.times ? resolve(m.times) : reject(new Error(m.error)),
        );
        worker.postMessage({ url, requests });
      });
    },
    stop: () => worker.terminate(),
  };
}

export async function run(target: Target): Promise<Figure[]> {
  const { database, drop } = await target.freshDatabase();
  const clock = new ManualClock(new Date());
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    TRUST_PROXY: 'true',
  });
  const { app, ctx } = await buildServer({
    config,
    database,
    secretKey: randomBytes(32),
    clock,
    logger: false,
    web: false,
  });
  let client: ReturnType<typeof clientThread> | undefined;
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const url = `http://127.0.0.1:${port}/api/portal/password-reset`;

    const t0 = nowMs();
    const known: string[] = [];
    for (let i = 0; i < KNOWN; i++) {
      const email = `known.${i}.${randomBytes(3).toString('hex')}@bench.test`;
      await ctx.cabinet.register(
        {
          name: `Bench Trader ${i}`,
          email,
          phone: '+62 812 0000 0000',
          country: 'ID',
          language: 'id',
          password: 'bench-password-2026',
          acceptTerms: true,
          acceptRisk: true,
        },
        { ip: `10.99.${i >> 8}.${i & 255}`, userAgent: null },
      );
      known.push(email);
    }
    progress(`${KNOWN} cabinets registered (${((nowMs() - t0) / 1000).toFixed(1)} s)`);

    client = clientThread(url);
    const unknown = () => `ghost.${randomBytes(4).toString('hex')}@bench.test`;
    // As many unknown emails, each asked about as often as each known one: the per-email limit's
    // counter row then exists (or not) alike for both kinds.
    const ghosts = known.map(() => unknown());

    const times = { known: [] as number[], unknown: [] as number[] };
    for (let round = 0; round <= ROUNDS; round++) {
      const batch = shuffle([
        ...known.map((email) => ({ kind: 'known' as const, email })),
        ...ghosts.map((email) => ({ kind: 'unknown' as const, email })),
      ]);
      for (const { kind, email } of batch) {
        const [ms] = await client.send([email]);
        if (round > 0) times[kind].push(ms!);
      }
      await ctx.cabinet.settled();
      clock.advance(HOUR + 60_000);
    }

    // Follow-on: the first request's leftovers, seen in the next one's time.
    const probes = { known: [] as number[], unknown: [] as number[] };
    const order = shuffle([
      ...Array<'known'>(PROBES).fill('known'),
      ...Array<'unknown'>(PROBES).fill('unknown'),
    ]);
    for (const [i, kind] of order.entries()) {
      if (i % 20 === 0) {
        await ctx.cabinet.settled();
        clock.advance(HOUR + 60_000); // per-email windows of the known emails
      }
      const [, probe] = await client.send([(kind === 'known' ? known : ghosts)[i % KNOWN]!, unknown()]);
      probes[kind].push(probe!);
    }
    await ctx.cabinet.settled();

    const med = (xs: number[]) => percentile(Float64Array.from(xs).sort(), 50);
    const p90 = (xs: number[]) => percentile(Float64Array.from(xs).sort(), 90);
    const k = med(times.known);
    const u = med(times.unknown);
    progress(
      `known p90 ${p90(times.known).toFixed(2)} ms, unknown p90 ${p90(times.unknown).toFixed(2)} ms; ` +
        `${times.known.length} + ${times.unknown.length} samples`,
    );
    return [
      { metric: 'known_median_ms', value: k, unit: 'ms', digits: 2 },
      { metric: 'unknown_median_ms', value: u, unit: 'ms', digits: 2 },
      { metric: 'difference_ms', value: k - u, unit: 'ms', digits: 2 },
      { metric: 'probe_after_known_median_ms', value: med(probes.known), unit: 'ms', digits: 2 },
      { metric: 'probe_after_unknown_median_ms', value: med(probes.unknown), unit: 'ms', digits: 2 },
    ];
  } finally {
    await client?.stop();
    await app.close();
    await drop();
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
