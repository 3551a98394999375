// payments: provider callbacks processed per second end to end, whether any deposit was credited twice,
// and the finance queue's list at 100,000 requests.
//
// A real server (buildServer on 127.0.0.1:0, the built-in trading simulator as the platform) with
// ACCOUNTS live clients, each with a live USD account opened on the platform, and one automatic card
// system behind the simulated provider ('sim').
//   1. callbacks: REQUESTS deposits awaiting payment (seeded by SQL, as the cabinet would leave them);
//      the provider (a worker thread, bench/payments-client.ts) posts `payment.succeeded` for each,
//      signed at send time, over keep-alive HTTP from CONCURRENCY loops, to POST
//      /api/payments/callbacks/sim. Duplicate-heavy: a third of the events go out twice or three times
//      (one copy right beside the original, so they race, another later), and a tenth are preceded by a
//      `payment.pending` that may arrive after the success. Rate = acknowledged deliveries / seconds.
//   2. double credits, counted from the books: deposit ledger entries beyond one per request, plus
//      credits on the platform beyond the ledger (each account's deposits all have one amount, so the
//      excess balance divides into a count). Also: requests not executed, balances not matching.
//   3. queue: the payment_requests table topped up to QUEUE_ROWS by set-based SQL, then a finance user
//      lists GET /api/payments/requests with the queue's usual filters and sorts; p95 per request.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/app/config.js';
import type { AppContext } from '../src/app/context.js';
import { buildServer } from '../src/app/server.js';
import { newWebhookSecret } from '../src/core/webhook-signature.js';
import type { Db } from '../src/db/connection.js';
import { mulberry32 } from '../src/integrations/trading/simulator/random.js';
import { clients } from '../src/modules/clients/schema.js';
import type { ProviderCallback } from '../src/modules/payments/provider.js';
import { paymentSystems } from '../src/modules/payments/schema.js';
import { tradingAccounts } from '../src/modules/trading/schema.js';
import { cpuWindow, nowMs, percentile, progress, type Figure, type Target } from './harness.js';
import { sendCallbacks, type Delivery } from './payments-client.js';
import { queueList } from './payments-queue.js';

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

const REQUESTS = {
  pg: env('BENCH_PAYMENTS_REQUESTS', 4_000),
  pglite: env('BENCH_PAYMENTS_PGLITE_REQUESTS', 1_000),
};
const WARMUP = env('BENCH_PAYMENTS_WARMUP', 300); // requests whose callbacks go first, not measured
const ACCOUNTS = env('BENCH_PAYMENTS_ACCOUNTS', 200);
// A provider's burst from many connections: group commit shares each batch's statements among the
// callbacks waiting, so 32 left batches of ~11 (1.6 statements and ~1.1 ms CPU a delivery), 128 ~20–25.
const CONCURRENCY = env('BENCH_PAYMENTS_CONCURRENCY', 128);
const QUEUE_ROWS = env('BENCH_PAYMENTS_QUEUE_ROWS', 100_000);
const QUEUE_SAMPLES = env('BENCH_PAYMENTS_QUEUE_SAMPLES', 40); // per list variant
const SEED = 20261207;
/** Account i's deposits are all this many cents, so an excess balance counts extra credits exactly. */
const amountOf = (account: number) => 10_000 + (account % 50) * 100;

export const description =
  `${ACCOUNTS} accounts; ${REQUESTS.pg.toLocaleString('en')} deposits on PostgreSQL, ` +
  `${REQUESTS.pglite.toLocaleString('en')} on PGlite, callbacks signed over HTTP from ${CONCURRENCY} ` +
  `connections, a third duplicated; then the finance queue at ${QUEUE_ROWS.toLocaleString('en')} requests`;
export const timeoutMs = 15 * 60_000;

interface Account {
  login: string;
  clientId: string;
  index: number;
}

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
    PAYMENTS_SIM_SECRET: secret,
  });
  const { app, ctx } = await buildServer({
    config,
    database,
    secretKey: randomBytes(32),
    logger: false,
    web: false,
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const db = database.db;

    const t0 = nowMs();
    const accounts = await openAccounts(ctx);
    const systemId = await cardSystem(db);
    const n = REQUESTS[target.name];
    const requests = await seedDeposits(db, accounts, systemId, n + WARMUP);
    progress(
      `${ACCOUNTS} accounts on the platform, ${n + WARMUP} deposits awaiting payment (${((nowMs() - t0) / 1000).toFixed(1)} s)`,
    );

    // 1. Callbacks.
    const { warmup, measured, events } = deliveries(requests, WARMUP);
    progress(
      `${measured.length} deliveries of ${events} events (${measured.length - events} duplicates), ${warmup.length} warm-up`,
    );
    // CPU and statements from the end of the warm-up (the worker says when) to the last answer, the
    // window the rate covers.
    let cpu: ReturnType<typeof cpuWindow> | undefined;
    let own: NodeJS.CpuUsage | undefined;
    let statements: ReturnType<typeof countStatements> | undefined;
    const load = await sendCallbacks(
      {
        url: `${base}/api/payments/callbacks/sim`,
        secret,
        warmup,
        deliveries: measured,
        concurrency: CONCURRENCY,
        maxAttempts: 5,
      },
      () => {
        cpu = cpuWindow();
        own = process.cpuUsage();
        if (target.name === 'pg') statements = countStatements();
      },
    );
    if (!cpu || !own) throw new Error('the payments load never reported its measured part');
    const cpuUse = cpu.stop();
    const ownUse = process.cpuUsage(own);
    statements?.stop();
    if (load.failed) throw new Error(`${load.failed} callbacks never acknowledged: ${load.firstFailure}`);
    const times = load.requestMs.sort();
    progress(
      `callbacks: ${load.acknowledged} acknowledged in ${(load.elapsedMs / 1000).toFixed(1)} s; answers ${JSON.stringify(load.statuses)}, ` +
        `${load.retried} retried; per delivery p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms; ` +
        `provider thread busy ${((load.activeMs / load.elapsedMs) * 100).toFixed(0)}%, loop delay p99 ${load.loopDelayP99Ms.toFixed(1)} ms`,
    );
    progress(`cpu while receiving callbacks: ${cpuUse.text}`);
    // Per delivery, so less sensitive to other work than the rate. process.cpuUsage counts every thread,
    // the provider's too: its own CPU time (from /proc, else its event-loop busy time) is taken out.
    const ownMs = (ownUse.user + ownUse.system) / 1000;
    const providerMs = load.cpuMs ?? load.activeMs;
    const serverMs = Math.max(0, ownMs - providerMs);
    progress(
      `cpu per delivery: server ${((serverMs * 1000) / load.sent).toFixed(0)} µs, provider thread ${((providerMs * 1000) / load.sent).toFixed(0)} µs`,
    );
    if (statements) progress(statements.report(load.sent));
    warnIfBusy(cpuUse.otherPct);

    // 2. The books.
    const books = await countCredits(ctx, accounts, requests);
    progress(
      `books: ${books.executed}/${requests.length} executed, ${books.ledgerExtra} extra ledger entries, ` +
        `${books.platformExtra} extra platform credits, ${books.mismatched} accounts whose balance ≠ ledger`,
    );

    // 3. The finance queue.
    const queue = await queueList(ctx, base, { rows: QUEUE_ROWS, samples: QUEUE_SAMPLES, systemId });
    progress(
      `queue: ${queue.rows} requests; per variant p95 ${queue.variants.map((v) => `${v.name} ${v.p95.toFixed(1)} ms`).join(', ')}`,
    );

    return [
      { metric: 'callbacks', value: load.acknowledged, unit: 'callbacks' },
      {
        metric: 'callbacks_per_s',
        value: load.acknowledged / (load.elapsedMs / 1000),
        unit: 'callbacks/s',
        digits: 0,
      },
      {
        metric: 'duplicate_share',
        value: (measured.length - events) / measured.length,
        unit: 'ratio',
        digits: 2,
      },
      { metric: 'callback_p50_ms', value: percentile(times, 50), unit: 'ms', digits: 1 },
      { metric: 'callback_p99_ms', value: percentile(times, 99), unit: 'ms', digits: 1 },
      { metric: 'cpu_per_callback_us', value: (serverMs * 1000) / load.sent, unit: 'µs', digits: 0 },
      ...(statements
        ? [
            {
              metric: 'statements_per_callback',
              value: statements.perDelivery(load.sent),
              unit: 'statements',
              digits: 1,
            },
          ]
        : []),
      { metric: 'double_credits', value: books.ledgerExtra + books.platformExtra, unit: 'count' },
      { metric: 'not_executed', value: requests.length - books.executed, unit: 'count' },
      { metric: 'balance_mismatches', value: books.mismatched, unit: 'count' },
      { metric: 'queue_rows', value: queue.rows, unit: 'requests' },
      { metric: 'queue_list_p95_ms', value: queue.p95, unit: 'ms', digits: 1 },
    ];
  } finally {
    await app.close().catch(() => {});
    await drop();
  }
}

/** Statements the app sends to PostgreSQL (pg only), by their first words: what a callback costs in round trips. */
function countStatements() {
  type Query = (this: pg.Client, ...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: Query };
  const original = proto.query;
  const counts = new Map<string, number>();
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const key = (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').slice(0, 50);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return original.apply(this, args);
  };
  return {
    stop: () => void (proto.query = original),
    perDelivery: (deliveries: number) => [...counts.values()].reduce((a, b) => a + b, 0) / deliveries,
    report(deliveries: number) {
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
      return (
        `statements: ${(total / deliveries).toFixed(1)} per delivery; most frequent: ` +
        top.map(([k, n]) => `${(n / deliveries).toFixed(2)}× ${k}`).join(' | ')
      );
    },
  };
}

function warnIfBusy(otherPct: number | null): void {
  if (otherPct !== null && otherPct > 10)
    progress(`warning: ${otherPct.toFixed(0)}% of the machine went to other work; the figures are skewed`);
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Live clients, each with a live USD account opened on the trading platform and recorded here. */
async function openAccounts(ctx: AppContext): Promise<Account[]> {
  const db = ctx.database.db;
  const made = await db
    .insert(clients)
    .values(
      Array.from({ length: ACCOUNTS }, (_, i) => ({
        name: `Payer ${i}`,
        email: `payer.${i}@bench.local`,
        status: 'live' as const,
        source: 'bench',
      })),
    )
    .returning({ id: clients.id });
  const accounts: Account[] = [];
  for (const [index, c] of made.entries()) {
    const opened = await ctx.tradingPlatform.openAccount({
      clientId: c.id,
      name: `Payer ${index}`,
      email: null,
      kind: 'live',
      currency: 'USD',
      leverage: 100,
    });
    accounts.push({ login: opened.login, clientId: c.id, index });
  }
  await db.insert(tradingAccounts).values(
    accounts.map((a) => ({
      clientId: a.clientId,
      platform: ctx.tradingPlatform.name,
      login: a.login,
      kind: 'live' as const,
      currency: 'USD',
      leverage: 100,
    })),
  );
  return accounts;
}

async function cardSystem(db: Db): Promise<string> {
  const [row] = await db
    .insert(paymentSystems)
    .values({
      name: 'Card (simulated)',
      kind: 'automatic',
      method: 'card',
      provider: 'sim',
      currencies: ['USD'],
      minAmount: 100,
      maxAmount: 100_000_000,
      directions: ['deposit'],
    })
    .returning({ id: paymentSystems.id });
  return row!.id;
}

interface Seeded {
  id: string;
  ref: string;
  amount: number;
  account: number;
}

/** Deposits sent to the provider's page, as POST /api/portal/payments/deposits leaves them. */
async function seedDeposits(db: Db, accounts: Account[], systemId: string, count: number): Promise<Seeded[]> {
  const seeded: Seeded[] = [];
  for (let from = 0; from < count; from += 2_000) {
    const chunk = Array.from({ length: Math.min(2_000, count - from) }, (_, k) => {
      const i = from + k;
      const a = accounts[i % accounts.length]!;
      return { i, a, ref: `pay_bench_${i}`, amount: amountOf(a.index) };
    });
    const values = sql.join(
      chunk.map(
        (c) =>
          sql`('deposit', ${c.a.clientId}::uuid, ${c.a.login}, ${systemId}::uuid, 'awaiting_payment', ${c.amount}, 'USD', 'USD', ${c.amount}, 'sim', ${c.ref}, 'trader')`,
      ),
      sql`, `,
    );
    const rows = rowsOf<{ id: string; provider_ref: string }>(
      await db.execute(sql`insert into payment_requests
        (direction, client_id, login, system_id, status, amount, currency, account_currency, account_amount, provider, provider_ref, requested_by)
        values ${values} returning id, provider_ref`),
    );
    const byRef = new Map(rows.map((r) => [r.provider_ref, r.id]));
    for (const c of chunk)
      seeded.push({ id: byRef.get(c.ref)!, ref: c.ref, amount: c.amount, account: c.a.index });
  }
  return seeded;
}

/** The provider's deliveries: a third of the events twice or three times, a tenth after a pending. */
function deliveries(requests: Seeded[], warm: number) {
  const rng = mulberry32(SEED);
  let seq = 0;
  const event = (r: Seeded, type: ProviderCallback['type']): Delivery => {
    const id = `msg_bench_${++seq}`;
    const body: ProviderCallback = {
      type,
      id,
      providerRef: r.ref,
      requestId: r.id,
      amount: r.amount,
      currency: 'USD',
      occurredAt: new Date().toISOString(),
    };
    return { id, body: JSON.stringify(body) };
  };
  const build = (list: Seeded[]) => {
    const out: Delivery[] = [];
    const later: Delivery[] = [];
    let events = 0;
    for (const r of list) {
      if (rng() < 0.1) {
        const pending = event(r, 'payment.pending');
        events += 1;
        // Half the pendings come after the success they precede.
        (rng() < 0.5 ? out : later).push(pending);
      }
      const success = event(r, 'payment.succeeded');
      events += 1;
      out.push(success);
      if (rng() < 1 / 3) {
        out.push(success); // right beside the original: the two race
        if (rng() < 0.5) later.push(success);
      }
    }
    // The later copies land at random places in the stream.
    for (const d of later) out.splice(Math.floor(rng() * (out.length + 1)), 0, d);
    return { list: out, events };
  };
  const warmup = build(requests.slice(0, warm)).list;
  const { list: measured, events } = build(requests.slice(warm));
  return { warmup, measured, events };
}

/** Extra credits in the ledger and on the platform, and the accounts whose balance differs from the ledger. */
async function countCredits(ctx: AppContext, accounts: Account[], requests: Seeded[]) {
  const db = ctx.database.db;
  const [ledger] = rowsOf<{ extra: string | number }>(
    await db.execute(sql`select coalesce(sum(n - 1), 0) as extra from
      (select count(*) as n from payment_ledger where entry = 'deposit' group by request_id) t`),
  );
  const ids = requests.map((r) => r.id);
  const [executed] = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from payment_requests where status = 'executed'
      and id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`),
  );
  const sums = new Map(
    rowsOf<{ login: string; cents: string | number }>(
      await db.execute(sql`select login, sum(amount) as cents from payment_ledger group by login`),
    ).map((r) => [r.login, Number(r.cents)]),
  );
  let platformExtra = 0;
  let mismatched = 0;
  for (const a of accounts) {
    const balanceCents = Math.round((await ctx.tradingPlatform.readAccount(a.login)).balance * 100);
    const ledgerCents = sums.get(a.login) ?? 0;
    if (balanceCents !== ledgerCents) mismatched += 1;
    if (balanceCents > ledgerCents)
      platformExtra += Math.round((balanceCents - ledgerCents) / amountOf(a.index));
  }
  return { ledgerExtra: Number(ledger!.extra), executed: Number(executed!.n), platformExtra, mismatched };
}
