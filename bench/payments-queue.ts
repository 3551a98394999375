// The finance-queue part of the payments benchmark (bench/payments.ts): tops payment_requests up to
// QUEUE_ROWS with set-based SQL, then times GET /api/payments/requests as finance uses it.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../src/app/context.js';
import { SESSION_COOKIE } from '../src/modules/identity/staff-guard.js';
import { nowMs, percentile, progress } from './harness.js';

/** The queue's everyday views: the default (open, oldest first), problems, one client, a status page deep in. */
const VARIANTS: { name: string; query: string }[] = [
  { name: 'open', query: '' },
  { name: 'problems', query: 'problem=declined' },
  { name: 'withdrawals', query: 'direction=withdrawal&status=requested' },
  { name: 'page_20', query: 'status=executed&page=20&pageSize=50' },
];

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export async function queueList(
  ctx: AppContext,
  base: string,
  opts: { rows: number; samples: number; systemId: string; clientQuery?: string },
) {
  const db = ctx.database.db;
  const [have] = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from payment_requests`),
  );
  const missing = Math.max(0, opts.rows - Number(have!.n));
  const t0 = nowMs();
  for (let from = 0; from < missing; from += 25_000) {
    const to = Math.min(missing, from + 25_000);
    // Clients and logins drawn from the accounts already seeded; statuses in a realistic spread (most
    // requests are long done), created over the last 90 days.
    await db.execute(sql`
      with acc as (select row_number() over (order by login) - 1 as k, client_id, login from trading_accounts),
           n as (select count(*) as c from acc)
      insert into payment_requests
        (direction, client_id, login, system_id, status, amount, currency, account_currency, account_amount,
         provider, provider_ref, requested_by, problem, problem_at, created_at, updated_at, executed_at)
      select d.direction, acc.client_id, acc.login, ${opts.systemId}::uuid, d.status, d.amount, 'USD', 'USD', d.amount,
             'sim', 'pay_queue_' || g, 'trader',
             case when d.status = 'declined' then 'declined' end,
             case when d.status = 'declined' then d.created end,
             d.created, d.created,
             case when d.status in ('executed', 'paid') then d.created + interval '3 minutes' end
      from generate_series(${from}::int, ${to - 1}::int) g
      cross join n
      join acc on acc.k = g % n.c
      cross join lateral (select
        case when g % 4 = 0 then 'withdrawal' else 'deposit' end as direction,
        case when g % 4 = 0 then (array['paid','paid','paid','rejected','requested','approved'])[1 + (g / 4) % 6]
             else (array['executed','executed','executed','executed','executed','declined','rejected','pending','provider_pending','needs_review'])[1 + (g / 4) % 10] end as status,
        1000 + (g * 7919) % 500000 as amount,
        now() - ((g * 104729) % (90 * 86400)) * interval '1 second' as created) d`);
  }
  await db.execute(sql`analyze payment_requests`);
  progress(`queue: ${missing} requests added by SQL in ${((nowMs() - t0) / 1000).toFixed(1)} s`);

  const cookie = await financeSession(ctx);
  const all: number[] = [];
  const variants: { name: string; p95: number; total: number }[] = [];
  for (const v of VARIANTS) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < opts.samples + 3; i++) {
      const started = nowMs();
      const res = await fetch(`${base}/api/payments/requests${v.query ? `?${v.query}` : ''}`, {
        headers: { cookie },
      });
      const body = (await res.json()) as { total?: number; code?: string; message?: string };
      if (res.status !== 200) throw new Error(`queue list ${v.name}: ${res.status} ${JSON.stringify(body)}`);
      total = body.total ?? total;
      // The first three warm the plan cache and the pool, as a page that is open all day has.
      if (i >= 3) times.push(nowMs() - started);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    variants.push({ name: v.name, p95: percentile(times, 95), total });
  }
  all.sort((a, b) => a - b);
  const [rows] = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from payment_requests`),
  );
  return { rows: Number(rows!.n), p95: percentile(all, 95), variants };
}

/** A finance user with a session made directly in the store (the benchmark is not about signing in). */
async function financeSession(ctx: AppContext): Promise<string> {
  const user = await ctx.staff.create(
    { id: null, ip: null },
    {
      name: 'Bench Finance',
      email: `bench.finance.${randomBytes(3).toString('hex')}@bench.local`,
      password: `pw-${randomBytes(8).toString('hex')}`,
      role: 'finance',
      teamId: null,
      languages: ['en'],
      active: true,
    },
  );
  const { token } = await ctx.sessions.create(ctx.database.db, user.id, { ip: null, userAgent: 'bench' });
  return `${SESSION_COOKIE}=${token}`;
}
