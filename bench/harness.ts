import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/connection.js';

/**
 * What every benchmark gets: a way to make fresh, migrated databases of one kind. `pglite` is the
 * embedded engine (in a temporary data directory, as production uses a data directory), `pg` a real
 * PostgreSQL server (a new database per call, dropped afterwards).
 */
export interface Target {
  name: 'pglite' | 'pg';
  freshDatabase(opts?: { poolSize?: number }): Promise<FreshDatabase>;
  /** Drops whatever this target created and is still open (used after a timeout or a crash). */
  cleanup(): Promise<void>;
}

export interface FreshDatabase {
  database: Database;
  /** PostgreSQL only: the database's URL, for a benchmark that needs a second connection to it. */
  url?: string;
  drop(): Promise<void>;
}

/** One line of output: `<benchmark>.<target>.<metric> = <value> <unit>`. */
export interface Figure {
  metric: string;
  value: number;
  unit: string;
  /** Decimal places to print; integers print without any. */
  digits?: number;
}

/** The contract of `bench/<name>.ts`. */
export interface BenchmarkModule {
  description: string;
  /** Hard limit for one run on one target; the runner gives up (and cleans up) after it. */
  timeoutMs: number;
  run(target: Target): Promise<Figure[]>;
}

/** Progress and diagnostics: stderr only, so stdout stays machine-readable figures. */
export function progress(message: string): void {
  process.stderr.write(`  ${message}\n`);
}

export function formatFigure(bench: string, target: string, f: Figure): string {
  const digits = f.digits ?? (Number.isInteger(f.value) ? 0 : 1);
  return `${bench}.${target}.${f.metric} = ${f.value.toFixed(digits)} ${f.unit}`;
}

const isLoopback = (host: string) =>
  host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

export function pgliteTarget(): Target {
  const open = new Set<FreshDatabase>();
  return {
    name: 'pglite',
    async freshDatabase() {
      const dir = mkdtempSync(join(tmpdir(), 'bd-bench-pglite-'));
      let database: Database;
      try {
        database = await openDatabase({ kind: 'pglite', dataDir: dir });
      } catch (err) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
      let dropped = false;
      const fresh: FreshDatabase = {
        database,
        async drop() {
          if (dropped) return;
          dropped = true;
          open.delete(fresh);
          await database.close().catch(() => {});
          rmSync(dir, { recursive: true, force: true });
        },
      };
      open.add(fresh);
      try {
        await database.migrate();
      } catch (err) {
        await fresh.drop();
        throw err;
      }
      return fresh;
    },
    async cleanup() {
      for (const f of [...open]) await f.drop();
    },
  };
}

/** The PostgreSQL server benchmarks also run on, if one is configured: BENCH_DATABASE_URL, else TEST_DATABASE_URL. */
export function postgresServerUrl(env = process.env): string | undefined {
  return env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || undefined;
}

export function postgresTarget(serverUrl: string): Target {
  const host = new URL(serverUrl).hostname;
  if (!isLoopback(host) && process.env.BENCH_ALLOW_REMOTE_DB !== '1')
    throw new Error(
      `benchmarks only use loopback databases; ${host} is not (set BENCH_ALLOW_REMOTE_DB=1 to allow it)`,
    );
  const open = new Set<FreshDatabase>();
  const dropByName = async (name: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await c.end();
    }
  };
  return {
    name: 'pg',
    async freshDatabase(opts = {}) {
      const name = `bd_bench_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      let database: Database;
      try {
        // The production default pool size (openDatabase's), unless a benchmark asks otherwise.
        database = await openDatabase({
          kind: 'postgres',
          url: url.toString(),
          poolSize: opts.poolSize ?? 10,
        });
      } catch (err) {
        await dropByName(name);
        throw err;
      }
      let dropped = false;
      const fresh: FreshDatabase = {
        database,
        url: url.toString(),
        async drop() {
          if (dropped) return;
          dropped = true;
          open.delete(fresh);
          await database.close().catch(() => {});
          await dropByName(name);
        },
      };
      open.add(fresh);
      try {
        await database.migrate();
      } catch (err) {
        await fresh.drop();
        throw err;
      }
      return fresh;
    },
    async cleanup() {
      for (const f of [...open]) await f.drop();
    },
  };
}

/** Nearest-rank percentile of an ascending-sorted array (p in 0..100). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** Milliseconds on the process-wide monotonic clock: comparable between the main thread and workers. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * CPU ticks (USER_HZ, utime + stime) by pid of the processes whose command `which` accepts (Linux;
 * empty elsewhere). Kernel threads are in /proc too.
 */
function ticksOf(which: (command: string) => boolean): Map<string, number> {
  const ticks = new Map<string, number>();
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!which(stat.slice(stat.indexOf('(') + 1, close))) continue;
      const fields = stat.slice(close + 2).split(' '); // fields[0] is field 3 (state)
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

const isPostgres = (command: string) => command === 'postgres';
/** Deferred interrupt work (loopback TCP under load) runs in these kernel threads. */
const isSoftirqThread = (command: string) => command.startsWith('ksoftirqd/');

function ticksSince(before: Map<string, number>, which: (command: string) => boolean): number {
  let sum = 0;
  for (const [pid, t] of ticksOf(which)) sum += t - (before.get(pid) ?? 0);
  return sum;
}

/**
 * CPU use over a window, as shares of all CPUs: this process, local PostgreSQL processes, interrupt
 * work, and the rest of the machine ("other": work that is not the benchmark's and skews it). Linux;
 * elsewhere only this process's share is known.
 *
 * "Other" is a residual and only an estimate: with tick-based accounting (no IRQ_TIME_ACCOUNTING)
 * interrupt time is also charged to whichever process it interrupted, so it may be counted twice
 * (this process's share then includes it); `otherPct` takes the lower bound.
 */
export function cpuWindow(): { stop(): { text: string; otherPct: number | null } } {
  const readStat = (): number[] | null => {
    try {
      const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
      return line.trim().split(/\s+/).slice(1).map(Number);
    } catch {
      return null;
    }
  };
  const before = readStat();
  const pgBefore = ticksOf(isPostgres);
  const softirqBefore = ticksOf(isSoftirqThread);
  const ownBefore = process.cpuUsage();
  const t0 = nowMs();
  return {
    stop() {
      const elapsedMs = nowMs() - t0;
      const own = process.cpuUsage(ownBefore);
      const n = cpus().length;
      const ownPct = ((own.user + own.system) / 1000 / elapsedMs / n) * 100;
      const after = readStat();
      if (!before || !after)
        return { text: `this process ${ownPct.toFixed(0)}% of ${n} CPUs`, otherPct: null };
      const d = after.map((v, i) => v - (before[i] ?? 0));
      const total = d.reduce((a, b) => a + b, 0);
      const pct = (ticks: number) => (ticks / total) * 100;
      const busyPct = pct(total - (d[3] ?? 0) - (d[4] ?? 0)); // minus idle and iowait
      const pgPct = pct(ticksSince(pgBefore, isPostgres));
      const irqPct = pct((d[5] ?? 0) + (d[6] ?? 0)) + pct(ticksSince(softirqBefore, isSoftirqThread));
      const residual = busyPct - ownPct - pgPct;
      const otherPct = Math.max(0, residual - irqPct);
      const text =
        `machine busy ${busyPct.toFixed(0)}% of ${n} CPUs: this process ${ownPct.toFixed(0)}%, ` +
        `postgres ${pgPct.toFixed(0)}%, interrupts ${irqPct.toFixed(0)}%, ` +
        `other ${otherPct.toFixed(0)}–${Math.max(0, residual).toFixed(0)}%`;
      return { text, otherPct };
    },
  };
}
