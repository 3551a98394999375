// reports: the dashboards over a year of a seed-004 broker, and how soon an event reaches them.
//
// 1. load: bench/reports-seed.ts writes a year (DAYS) of CLIENTS clients with their status changes,
//    deposits and withdrawals, managers' activity, CHATS + EMAILS conversations a day and their raw
//    support metrics into the real tables (set-based SQL), on a real server (buildServer, 127.0.0.1:0).
// 2. rebuild: POST /api/reports/rollups/rebuild as an admin folds the raw records into the rollups.
// 3. dashboards: GET /api/reports/{sales,support,retention} over the whole year with compare=previous,
//    SAMPLES timed requests each (after 3 untimed), as an admin (all records) and as a team lead (team
//    scope); p95 per dashboard (target ≤ 200 ms).
// 4. lag: LAG_SAMPLES times, a lead created through POST /api/clients (the real service, which appends
//    client.created), then today's sales report polled every 50 ms until its leads figure includes it
//    (target ≤ 5 s).
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/app/config.js';
import type { AppContext } from '../src/app/context.js';
import { buildServer } from '../src/app/server.js';
import { SESSION_COOKIE } from '../src/modules/identity/staff-guard.js';
import { nowMs, percentile, progress, sleep, type Figure, type Target } from './harness.js';
import { seedYear, type SeedSize } from './reports-seed.js';

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

// PostgreSQL gets the year; PGlite (embedded, one connection) a month of a smaller broker.
const SIZE: Record<Target['name'], SeedSize> = {
  pg: {
    days: env('BENCH_REPORTS_DAYS', 365),
    clients: env('BENCH_REPORTS_CLIENTS', 100_000),
    chatsPerDay: env('BENCH_REPORTS_CHATS', 4_700),
    emailsPerDay: env('BENCH_REPORTS_EMAILS', 500),
  },
  pglite: {
    days: env('BENCH_REPORTS_PGLITE_DAYS', 30),
    clients: env('BENCH_REPORTS_PGLITE_CLIENTS', 10_000),
    chatsPerDay: env('BENCH_REPORTS_PGLITE_CHATS', 470),
    emailsPerDay: env('BENCH_REPORTS_PGLITE_EMAILS', 50),
  },
};
const SAMPLES = env('BENCH_REPORTS_SAMPLES', 30);
const LAG_SAMPLES = env('BENCH_REPORTS_LAG_SAMPLES', 5);
const LAG_LIMIT_MS = 30_000;
const DASHBOARDS = ['sales', 'support', 'retention'] as const;

const s = SIZE.pg;
export const description =
  `${s.days} days: ${s.clients.toLocaleString('en')} clients, ${s.chatsPerDay.toLocaleString('en')} chats + ` +
  `${s.emailsPerDay} emails a day (PGlite: ${SIZE.pglite.days} days at a tenth); p95 of each dashboard over the range ` +
  `(${SAMPLES} requests), event → rollup lag (${LAG_SAMPLES} leads)`;
export const timeoutMs = 40 * 60_000;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function run(target: Target): Promise<Figure[]> {
  const { database, drop } = await target.freshDatabase();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    SIMULATED_TRADERS: 'false',
    TRADING_PLATFORM: 'sim',
  });
  const size = SIZE[target.name];
  const figures: Figure[] = [];
  try {
    const seeded = await seedYear(database.db, size);
    progress(
      `loaded ${seeded.clients} clients, ${seeded.events} events, ${seeded.conversations} conversations, ` +
        `${seeded.metrics} support metrics in ${seeded.seconds.toFixed(0)} s`,
    );
    figures.push(
      { metric: 'load_s', value: seeded.seconds, unit: 's', digits: 0 },
      { metric: 'events', value: seeded.events, unit: 'rows' },
      { metric: 'conversations', value: seeded.conversations, unit: 'rows' },
      { metric: 'support_metrics', value: seeded.metrics, unit: 'rows' },
    );
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
      const admin = await session(ctx, 'admin', null);
      const lead = await teamLead(ctx);
      figures.push(...(await measure(base, admin, lead, size.days)));
    } finally {
      await app.close();
    }
  } finally {
    await drop();
  }
  return figures;
}

async function measure(base: string, admin: string, lead: string, days: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  const call = async (cookie: string, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, { ...init, headers: { cookie, ...init.headers } });
    const body = (await res.json()) as Record<string, unknown>;
    if (res.status >= 300)
      throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
  let t = nowMs();
  await call(admin, '/api/reports/rollups/rebuild', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const rebuildS = (nowMs() - t) / 1000;
  progress(`rollups rebuilt in ${rebuildS.toFixed(1)} s`);
  figures.push({ metric: 'rebuild_s', value: rebuildS, unit: 's' });

  const today = new Date();
  const from = isoDay(new Date(today.getTime() - (days - 1) * 86_400_000));
  const range = `from=${from}&to=${isoDay(today)}&compare=previous`;
  for (const [who, cookie] of [
    ['admin', admin],
    ['team_lead', lead],
  ] as const) {
    for (const d of DASHBOARDS) {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES + 3; i++) {
        t = nowMs();
        await call(cookie, `/api/reports/${d}?${range}`);
        if (i >= 3) times.push(nowMs() - t);
      }
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 95);
      progress(`${d} as ${who}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
      figures.push({ metric: `${d}_${who}_p95_ms`, value: p95, unit: 'ms', digits: 1 });
    }
  }

  // Event → rollup: a lead created through the API, today's sales report polled until it counts it.
  const todayRange = `from=${isoDay(today)}&to=${isoDay(today)}`;
  const leadsNow = async () => {
    const r = (await call(admin, `/api/reports/sales?${todayRange}`)) as {
      figures: { key: string; value: number | null }[];
    };
    return r.figures.find((f) => f.key === 'leads')?.value ?? 0;
  };
  const lags: number[] = [];
  for (let i = 0; i < LAG_SAMPLES; i++) {
    const before = await leadsNow();
    const tag = randomBytes(4).toString('hex');
    t = nowMs();
    await call(admin, '/api/clients', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Lag Lead ${tag}`, email: `lag.${tag}@bench.local`, source: 'website' }),
    });
    while ((await leadsNow()) <= before) {
      if (nowMs() - t > LAG_LIMIT_MS)
        throw new Error(`the rollups did not count a new lead within ${LAG_LIMIT_MS} ms`);
      await sleep(50);
    }
    lags.push(nowMs() - t);
    await sleep(200 + ((i * 397) % 800)); // not in step with the rollup job's tick
  }
  lags.sort((a, b) => a - b);
  progress(`event → rollup lag: ${lags.map((l) => l.toFixed(0)).join(', ')} ms`);
  figures.push(
    { metric: 'lag_p50_ms', value: percentile(lags, 50), unit: 'ms', digits: 0 },
    { metric: 'lag_max_ms', value: lags[lags.length - 1]!, unit: 'ms', digits: 0 },
  );
  return figures;
}

/** A staff member with a session made directly in the store (the benchmark is not about signing in). */
async function session(ctx: AppContext, role: 'admin' | 'team_lead', teamId: string | null): Promise<string> {
  const user = await ctx.staff.create(
    { id: null, ip: null },
    {
      name: `Bench ${role}`,
      email: `bench.${role}.${randomBytes(3).toString('hex')}@bench.local`,
      password: `pw-${randomBytes(8).toString('hex')}`,
      role,
      teamId,
      languages: ['en'],
      active: true,
    },
  );
  const { token } = await ctx.sessions.create(ctx.database.db, user.id, { ip: null, userAgent: 'bench' });
  return `${SESSION_COOKIE}=${token}`;
}

/** A second lead on the first sales desk (team scope: that desk's figures only). */
async function teamLead(ctx: AppContext): Promise<string> {
  const [desk] = (await ctx.teams.list()).filter((t) => t.name === 'Desk 1');
  if (!desk) throw new Error('the seed made no Desk 1');
  return session(ctx, 'team_lead', desk.id);
}
