// clients: the client list (filters and search) over a large table, and the CSV import rate.
//
// Seeds ROWS clients with set-based SQL (INSERT … SELECT from generate_series: pseudo-random names,
// emails, phones, countries, languages, sources, tags, statuses, sales statuses and creation times over
// two years; managers drawn from 70 staff in 14 teams), with the secondary indexes built after the load
// (as a bulk load would), then VACUUM ANALYZE. Then, through ClientService.list — the code path of
// GET /api/clients, not hand-written SQL — as a team lead, a sales manager and an admin:
//   list   = status + country · sales status + manager · created range (sort created desc) · tag
//   search = `q` = partial name · partial email · phone digits
// SAMPLES timed calls per viewer for each, after warm-up, with parameters drawn from the data. Last, a
// 20,000-row CSV goes through ImportService.run (non-dry run) into the seeded table.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../src/db/connection.js';
import type { Viewer } from '../src/core/events.js';
import { ClientService } from '../src/modules/clients/client-service.js';
import { ImportService } from '../src/modules/clients/import-service.js';
import { clientListQuery } from '../src/modules/clients/contracts.js';
import { writeCsv } from '../src/modules/clients/csv.js';
import { permissionsOf, ROLE_SCOPE, type Role } from '../src/modules/identity/permissions.js';
import { cpuWindow, nowMs, percentile, progress, type Figure, type Target } from './harness.js';

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

// Both targets get a million rows: PGlite seeds them in about a minute here (the brief allowed 200,000
// if it took over 3 minutes). `rows` is printed either way; BENCH_CLIENTS_PGLITE_ROWS overrides PGlite's.
const ROWS = {
  pg: env('BENCH_CLIENTS_ROWS', 1_000_000),
  pglite: env('BENCH_CLIENTS_PGLITE_ROWS', env('BENCH_CLIENTS_ROWS', 1_000_000)),
};
const SAMPLES = env('BENCH_CLIENTS_SAMPLES', 200); // timed calls per viewer, for list and for search
const WARMUP = env('BENCH_CLIENTS_WARMUP', 30); // untimed calls per viewer and kind first
const IMPORT_ROWS = env('BENCH_CLIENTS_IMPORT_ROWS', 20_000);
const IMPORT_CHUNK = env('BENCH_CLIENTS_IMPORT_CHUNK', 1_000); // the service's default chunk
const BUDGET_MS = env('BENCH_CLIENTS_BUDGET_MS', 45_000); // per viewer and kind: stop sampling after this
const SEED_BATCH = 100_000;

export const description = `list and search over ${ROWS.pg.toLocaleString('en')} clients${ROWS.pglite !== ROWS.pg ? ` (PGlite ${ROWS.pglite.toLocaleString('en')})` : ''}, ${SAMPLES} samples per viewer and kind; import of ${IMPORT_ROWS.toLocaleString('en')} CSV rows`;
export const timeoutMs = 8 * 60_000; // seed ~1 min, sampling ≤ 6 × BUDGET_MS, import ~10 s

const FIRST = [
  'Anna',
  'Ivan',
  'Maria',
  'Dmitry',
  'Olga',
  'Sergey',
  'Elena',
  'Alexei',
  'Natalia',
  'Pavel',
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Putri',
  'Rizky',
  'Wayan',
  'Made',
  'Eko',
  'Sri',
  'John',
  'Emma',
  'James',
  'Olivia',
  'Lukas',
  'Sofia',
  'Mateo',
  'Lea',
  'Ahmed',
  'Fatima',
  'Omar',
  'Layla',
  'Chen',
  'Wei',
  'Li',
  'Yuki',
  'Hiro',
  'Kim',
  'Minh',
  'Linh',
  'Carlos',
  'Lucia',
  'Pedro',
  'Ana',
  'Marco',
  'Giulia',
  'Pierre',
  'Camille',
  'Jan',
  'Eva',
  'Tomas',
  'Petra',
  'Mehmet',
  'Elif',
  'Raj',
  'Priya',
  'Kwame',
  'Amara',
  'Noah',
  'Mia',
];
const LAST = [
  'Petrov',
  'Ivanov',
  'Smirnov',
  'Kuznetsov',
  'Popov',
  'Volkov',
  'Sokolov',
  'Lebedev',
  'Kozlov',
  'Novikov',
  'Santoso',
  'Wijaya',
  'Susanto',
  'Hidayat',
  'Saputra',
  'Pratama',
  'Kusuma',
  'Nugroho',
  'Setiawan',
  'Gunawan',
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Wilson',
  'Taylor',
  'Clark',
  'Muller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Rossi',
  'Russo',
  'Ferrari',
  'Esposito',
  'Garcia',
  'Martinez',
  'Lopez',
  'Gonzalez',
  'Rodriguez',
  'Fernandez',
  'Dubois',
  'Martin',
  'Bernard',
  'Moreau',
  'Nowak',
  'Kowalski',
  'Yilmaz',
  'Kaya',
  'Demir',
  'Sahin',
  'Nguyen',
  'Tran',
  'Lam',
  'Pham',
  'Wang',
  'Zhang',
  'Liu',
  'Tanaka',
  'Suzuki',
  'Sato',
  'Park',
  'Lee',
  'Singh',
  'Kumar',
  'Patel',
  'Sharma',
  'Mensah',
  'Okafor',
  'Silva',
  'Santos',
  'Costa',
  'Oliveira',
];
// Country, its language and calling code; earlier ones are much more frequent (x² skew).
const COUNTRIES: [string, string, string][] = [
  ['RU', 'ru', '7'],
  ['ID', 'id', '62'],
  ['DE', 'de', '49'],
  ['GB', 'en', '44'],
  ['TR', 'tr', '90'],
  ['VN', 'vi', '84'],
  ['KZ', 'ru', '7'],
  ['UA', 'uk', '380'],
  ['MY', 'ms', '60'],
  ['TH', 'th', '66'],
  ['IN', 'en', '91'],
  ['NG', 'en', '234'],
  ['BR', 'pt', '55'],
  ['ES', 'es', '34'],
  ['IT', 'it', '39'],
  ['FR', 'fr', '33'],
  ['PL', 'pl', '48'],
  ['AE', 'ar', '971'],
  ['EG', 'ar', '20'],
  ['ZA', 'en', '27'],
  ['MX', 'es', '52'],
  ['PH', 'en', '63'],
  ['CN', 'zh', '86'],
  ['JP', 'ja', '81'],
  ['KR', 'ko', '82'],
  ['CZ', 'cs', '420'],
  ['NL', 'nl', '31'],
  ['PT', 'pt', '351'],
  ['GH', 'en', '233'],
  ['KE', 'en', '254'],
];
const SOURCES = [
  'google',
  'facebook',
  'instagram',
  'tiktok',
  'youtube',
  'partner',
  'ib',
  'expo',
  'phone',
  'office',
  'website',
  'import',
];
const TAGS = [
  'vip',
  'hot',
  'cold',
  'callback',
  'whale',
  'newbie',
  'crypto',
  'forex',
  'stocks',
  'bonus',
  'webinar',
  'referral',
  'risky',
  'ftd',
  'dormant',
];
const SALES = [
  'new',
  'no_answer',
  'call_back',
  'interested',
  'not_interested',
  'wrong_number',
  'deposit_promised',
];
const DOMAINS = [
  'gmail.com',
  'yahoo.com',
  'mail.ru',
  'yandex.ru',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'proton.me',
];
const TEAMS = 14;
const MANAGERS_PER_TEAM = 4; // + 1 team lead each = 70 staff

/** Rows of a plain-SQL result (node-postgres and PGlite both answer `{ rows }`). */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;
const arr = (values: readonly string[]) =>
  sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`);

export interface Seeded {
  admin: Viewer;
  teamLead: Viewer;
  manager: Viewer;
  managersByTeam: Map<string, string[]>;
  allManagers: string[];
}

export async function seedStaff(db: Db): Promise<Seeded> {
  await db.execute(
    sql`insert into teams (name, kind) select 'Desk ' || t, 'sales' from generate_series(1, ${TEAMS}) t`,
  );
  await db.execute(sql`
    insert into staff_users (name, email, password_hash, role, team_id, capacity, created_at)
    select 'Staff ' || t.name || ' #' || s, 'staff' || s || '.' || replace(lower(t.name), ' ', '') || '@bench.local', 'x',
           case when s = 0 then 'team_lead' when s % 2 = 0 then 'retention_manager' else 'sales_manager' end,
           t.id, 5 + (s * 5), now() - interval '1 year'
    from teams t, generate_series(0, ${MANAGERS_PER_TEAM}) s`);
  await db.execute(
    sql`update teams set lead_id = s.id from staff_users s where s.team_id = teams.id and s.role = 'team_lead'`,
  );
  await db.execute(
    sql`insert into staff_users (name, email, password_hash, role) values ('Bench Admin', 'admin@bench.local', 'x', 'admin')`,
  );
  return readStaff(db);
}

/** The viewers and managers of a seeded database. */
export async function readStaff(db: Db): Promise<Seeded> {
  const [admin] = rowsOf<{ id: string }>(
    await db.execute(sql`select id from staff_users where role = 'admin' order by created_at, id limit 1`),
  );
  const staff = rowsOf<{ id: string; role: Role; team_id: string }>(
    await db.execute(
      sql`select id, role, team_id from staff_users where role <> 'admin' order by team_id, id`,
    ),
  );
  const viewer = (id: string, teamId: string | null, role: Role): Viewer => ({
    id,
    teamId,
    scope: ROLE_SCOPE[role],
    permissions: permissionsOf(role),
  });
  const managersByTeam = new Map<string, string[]>();
  for (const s of staff.filter((s) => s.role !== 'team_lead'))
    managersByTeam.set(s.team_id, [...(managersByTeam.get(s.team_id) ?? []), s.id]);
  const lead = staff.find((s) => s.role === 'team_lead')!;
  const manager = staff.find((s) => s.role === 'sales_manager' && s.team_id === lead.team_id)!;
  return {
    admin: viewer(admin!.id, null, 'admin'),
    teamLead: viewer(lead.id, lead.team_id, 'team_lead'),
    manager: viewer(manager.id, manager.team_id, 'sales_manager'),
    managersByTeam,
    allManagers: [...managersByTeam.values()].flat(),
  };
}

/** Bulk load: drop the secondary indexes, INSERT … SELECT in batches, rebuild the indexes, VACUUM ANALYZE. */
export async function seedClients(db: Db, rows: number, kind: Target['name']): Promise<void> {
  const indexes = rowsOf<{ indexname: string; indexdef: string }>(
    await db.execute(
      sql`select indexname, indexdef from pg_indexes where tablename = 'clients' and indexname <> 'clients_pkey'`,
    ),
  );
  // Per-column statistics targets set on index expressions (see migration 0004) go with the index.
  const statistics = rowsOf<{ index: string; column: number; target: number }>(
    await db.execute(sql`select c.relname as index, a.attnum as column, a.attstattarget as target
                         from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_index i on i.indexrelid = c.oid
                         where i.indrelid = 'clients'::regclass and a.attstattarget > 0`),
  );
  for (const i of indexes) await db.execute(sql.raw(`drop index ${i.indexname}`));
  const countries = arr(COUNTRIES.map((c) => c[0]));
  const languages = arr(COUNTRIES.map((c) => c[1]));
  const codes = arr(COUNTRIES.map((c) => c[2]));
  const [{ superuser } = { superuser: false }] = rowsOf<{ superuser: boolean }>(
    await db.execute(sql`select rolsuper as superuser from pg_roles where rolname = current_user`),
  );
  for (let from = 1; from <= rows; from += SEED_BATCH) {
    const to = Math.min(rows, from + SEED_BATCH - 1);
    const t0 = nowMs();
    await db.transaction(async (tx) => {
      // Foreign keys point at the staff and teams seeded above; skipping their per-row checks is a bulk-load
      // shortcut only, taken when allowed (session_replication_role needs a superuser; PGlite's user is one).
      if (superuser) await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`select setseed(${(from % 1000) / 1000})`);
      await tx.execute(sql`
        with staff as (
          select array_agg(id order by team_id, id) ids, array_agg(team_id order by team_id, id) teams, count(*)::int n
          from staff_users where role in ('sales_manager', 'retention_manager')
        ),
        r as (
          select g,
                 1 + floor(random() * ${FIRST.length})::int fi, 1 + floor(random() * ${LAST.length})::int li,
                 1 + floor(power(random(), 2) * ${COUNTRIES.length})::int ci,
                 random() contact, random() st, random() tg,
                 (now() - random() * interval '730 days') created
          from generate_series(${from}::int, ${to}::int) g
        ),
        p as (
          select r.*, (${arr(FIRST)})[fi] first, (${arr(LAST)})[li] last, 1 + floor(random() * (select n from staff))::int mi
          from r
        )
        insert into clients (name, email, phone, country, language, source, tags, status, sales_status, manager_id, team_id,
                             login, created_at, updated_at, status_changed_at)
        select first || ' ' || last,
               case when contact < 0.9 then lower(first) || '.' || lower(last) || g || '@' || (${arr(DOMAINS)})[1 + g % ${DOMAINS.length}] end,
               case when contact > 0.1 then '+' || (${codes})[ci] || lpad((abs(hashint8(g::bigint)) % 10000000000)::text, 10, '0') end,
               (${countries})[ci],
               case when random() < 0.9 then (${languages})[ci] else 'en' end,
               (${arr(SOURCES)})[1 + floor(random() * ${SOURCES.length})::int],
               case when tg < 0.55 then '{}'::text[]
                    when tg < 0.85 then array[(${arr(TAGS)})[1 + floor(random() * ${TAGS.length})::int]]
                    else array[(${arr(TAGS)})[1 + floor(random() * ${TAGS.length})::int], (${arr(TAGS)})[1 + floor(random() * ${TAGS.length})::int]] end,
               case when st < 0.55 then 'lead' when st < 0.85 then 'demo' else 'live' end,
               (${arr(SALES)})[1 + floor(random() * ${SALES.length})::int],
               staff.ids[mi], staff.teams[mi],
               case when st >= 0.55 then 'u' || g end,
               created, created, created
        from p, staff`);
    });
    progress(
      `  seeded ${to.toLocaleString('en')} / ${rows.toLocaleString('en')} (${((nowMs() - t0) / 1000).toFixed(1)} s for this batch)`,
    );
  }
  const t0 = nowMs();
  await db.transaction(async (tx) => {
    if (kind === 'pg') {
      await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
      await tx.execute(sql`set local max_parallel_maintenance_workers = 2`);
    }
    for (const i of indexes) await tx.execute(sql.raw(i.indexdef));
    for (const st of statistics)
      await tx.execute(
        sql.raw(`alter index ${st.index} alter column ${st.column} set statistics ${st.target}`),
      );
  });
  progress(`  ${indexes.length} indexes rebuilt (${((nowMs() - t0) / 1000).toFixed(1)} s)`);
  const t1 = nowMs();
  await db.execute(sql`vacuum analyze clients`);
  await db.execute(sql`analyze staff_users`);
  progress(`  vacuum analyze (${((nowMs() - t1) / 1000).toFixed(1)} s)`);
}

type Shape = { kind: 'list' | 'search'; name: string; query: (rnd: () => number) => Record<string, string> };

export function shapes(
  seeded: Seeded,
  viewer: Viewer,
  samples: { name: string; email: string | null; phone: string | null }[],
): Shape[] {
  const pick = <T>(rnd: () => number, list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const managers =
    viewer.scope === 'own'
      ? [viewer.id]
      : viewer.scope === 'team'
        ? seeded.managersByTeam.get(viewer.teamId!)!
        : seeded.allManagers;
  const day = 86_400_000;
  const withEmail = samples.filter((s) => s.email);
  const withPhone = samples.filter((s) => s.phone);
  return [
    {
      kind: 'list',
      name: 'status+country',
      query: (r) => ({ status: 'demo', country: pick(r, COUNTRIES.slice(0, 12))[0] }),
    },
    {
      kind: 'list',
      name: 'sales+manager',
      query: (r) => ({ salesStatus: pick(r, SALES), managerId: pick(r, managers) }),
    },
    {
      kind: 'list',
      name: 'created range',
      query: (r) => {
        const to = Date.now() - Math.floor(r() * 700) * day;
        return {
          createdFrom: new Date(to - 30 * day).toISOString(),
          createdTo: new Date(to).toISOString(),
          sort: 'createdAt',
          order: 'desc',
        };
      },
    },
    { kind: 'list', name: 'tag', query: (r) => ({ tags: pick(r, TAGS) }) },
    {
      kind: 'search',
      name: 'partial name',
      query: (r) => {
        const s = pick(r, samples);
        const [first, last] = s.name.split(' ') as [string, string];
        // What people type: part of a surname, or a first name and the start of the surname.
        return { q: r() < 0.5 ? last.slice(0, 4 + Math.floor(r() * 3)) : `${first} ${last.slice(0, 3)}` };
      },
    },
    {
      kind: 'search',
      name: 'partial email',
      query: (r) => ({
        q: pick(r, withEmail)
          .email!.split('@')[0]!
          .slice(0, 8 + Math.floor(r() * 6)),
      }),
    },
    {
      kind: 'search',
      name: 'phone digits',
      query: (r) => {
        const digits = pick(r, withPhone).phone!.slice(1);
        const len = 6 + Math.floor(r() * 4);
        const at = Math.floor(r() * (digits.length - len));
        return { q: digits.slice(at, at + len) };
      },
    },
  ];
}

/** A small deterministic generator, so every run asks the same questions. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function measure(
  service: ClientService,
  viewer: Viewer,
  viewerName: string,
  all: Shape[],
  kind: Shape['kind'],
) {
  const mine = all.filter((s) => s.kind === kind);
  const r = rng(kind === 'list' ? 1 : 2);
  const call = (shape: Shape) => service.list(viewer, clientListQuery.parse(shape.query(r)));
  for (let i = 0; i < WARMUP; i++) await call(mine[i % mine.length]!);
  const times: number[] = [];
  const byShape = new Map<string, number[]>();
  const started = nowMs();
  let estimates = 0;
  for (let i = 0; i < SAMPLES && nowMs() - started < BUDGET_MS; i++) {
    const shape = mine[i % mine.length]!;
    const t0 = nowMs();
    const page = await call(shape);
    const ms = nowMs() - t0;
    if ((page as { totalIsEstimate?: boolean }).totalIsEstimate) estimates++;
    times.push(ms);
    byShape.set(shape.name, [...(byShape.get(shape.name) ?? []), ms]);
  }
  const detail = [...byShape]
    .map(([name, t]) => {
      const s = t.sort((a, b) => a - b);
      return `${name} p50 ${percentile(s, 50).toFixed(1)} p95 ${percentile(s, 95).toFixed(1)}`;
    })
    .join(' · ');
  progress(
    `  ${kind} as ${viewerName}: ${times.length} samples; ${detail} (ms); ${estimates} estimated totals`,
  );
  return times;
}

export async function importRate(db: Db, seeded: Seeded): Promise<number> {
  // Rules, so that assignment has work to do: the first countries go to their own desks.
  const teams = [...seeded.managersByTeam.keys()];
  await db.execute(sql`delete from assignment_rules`);
  for (const [i, [country]] of COUNTRIES.slice(0, 10).entries())
    await db.execute(
      sql`insert into assignment_rules (position, name, countries, team_id) values (${i + 1}, ${country}, ${sql.param([country])}::text[], ${teams[i % teams.length]})`,
    );
  await db.execute(sql`insert into settings (key, value) values ('clients.assignment', ${JSON.stringify({ fallbackTeamId: teams.at(-1) })}::jsonb)
                       on conflict (key) do update set value = excluded.value`);
  // Fresh contacts on every call (the import must not collide with the seed or an earlier import).
  const run = randomBytes(3).toString('hex');
  const r = rng(parseInt(run, 16));
  const rows = [['Full name', 'E-mail', 'Phone', 'Country', 'Language', 'Tags']];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const [country, language, code] = COUNTRIES[Math.floor(r() ** 2 * COUNTRIES.length)]!;
    const first = FIRST[Math.floor(r() * FIRST.length)]!;
    const last = LAST[Math.floor(r() * LAST.length)]!;
    rows.push([
      `${first} ${last}`,
      `${first}.${last}.${run}${i}@import.example`.toLowerCase(),
      `+${code} ${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
      country,
      language,
      r() < 0.3 ? `${TAGS[i % TAGS.length]};expo` : '',
    ]);
  }
  const csv = writeCsv(rows);
  const service = new ImportService(db, { now: () => new Date() }, { chunkSize: IMPORT_CHUNK });
  const admin = seeded.admin;
  const cpu = cpuWindow();
  const t0 = nowMs();
  const report = await service.run(
    admin,
    { id: admin.id, ip: '127.0.0.1' },
    {
      csv,
      mapping: {
        name: 'Full name',
        email: 'E-mail',
        phone: 'Phone',
        country: 'Country',
        language: 'Language',
        tags: 'Tags',
      },
      duplicates: 'skip',
      dryRun: false,
    },
  );
  const seconds = (nowMs() - t0) / 1000;
  progress(
    `  import: ${report.created} created, ${report.skipped + report.duplicates} duplicates, ${report.invalid} invalid in ${seconds.toFixed(2)} s (${(csv.length / 1e6).toFixed(1)} MB; ${cpu.stop().text})`,
  );
  if (report.created + report.skipped + report.duplicates !== IMPORT_ROWS)
    throw new Error(`import report does not add up: ${JSON.stringify({ ...report, rows: undefined })}`);
  return report.created / seconds;
}

export async function run(target: Target): Promise<Figure[]> {
  const rows = ROWS[target.name];
  const { database, drop } = await target.freshDatabase();
  try {
    const db = database.db;
    const cpu = cpuWindow();
    const t0 = nowMs();
    const seeded = await seedStaff(db);
    await seedClients(db, rows, target.name);
    const seedS = (nowMs() - t0) / 1000;
    progress(`seeded ${rows.toLocaleString('en')} clients in ${seedS.toFixed(1)} s (${cpu.stop().text})`);

    const samples = rowsOf<{ name: string; email: string | null; phone: string | null }>(
      await db.execute(
        sql`select name, email, phone from clients order by hashint4(length(name) + extract(microseconds from created_at)::int) limit 1000`,
      ),
    );
    const service = new ClientService(db, { now: () => new Date() });
    const viewers: [string, Viewer][] = [
      ['team lead', seeded.teamLead],
      ['manager', seeded.manager],
      ['admin', seeded.admin],
    ];
    const list: number[] = [];
    const search: number[] = [];
    const qcpu = cpuWindow();
    for (const [name, viewer] of viewers) {
      const all = shapes(seeded, viewer, samples);
      list.push(...(await measure(service, viewer, name, all, 'list')));
      search.push(...(await measure(service, viewer, name, all, 'search')));
    }
    progress(`queries: ${qcpu.stop().text}`);
    list.sort((a, b) => a - b);
    search.sort((a, b) => a - b);

    const importPerS = await importRate(db, seeded);
    return [
      { metric: 'rows', value: rows, unit: 'rows' },
      { metric: 'seed_s', value: seedS, unit: 's' },
      { metric: 'list_p50_ms', value: percentile(list, 50), unit: 'ms' },
      { metric: 'list_p95_ms', value: percentile(list, 95), unit: 'ms' },
      { metric: 'search_p50_ms', value: percentile(search, 50), unit: 'ms' },
      { metric: 'search_p95_ms', value: percentile(search, 95), unit: 'ms' },
      { metric: 'import_rows_per_s', value: Math.round(importPerS), unit: 'rows/s' },
    ];
  } finally {
    await drop();
  }
}
