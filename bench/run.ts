// `npm run bench` runs every benchmark; `npm run bench -- NAME [NAME…]` runs the named ones.
// Each runs on embedded PGlite and, when BENCH_DATABASE_URL (else TEST_DATABASE_URL) is set, on that
// PostgreSQL server too. Figures go to stdout, one per line: `NAME.TARGET.metric = value unit`;
// progress goes to stderr. Exit code: 0 all ran, 1 a benchmark failed or timed out, 2 unknown name.
import { cpus, loadavg } from 'node:os';
import {
  formatFigure,
  pgliteTarget,
  postgresServerUrl,
  postgresTarget,
  progress,
  type BenchmarkModule,
  type Target,
} from './harness.js';

/** The registry: add a benchmark by writing `bench/<name>.ts` (see BenchmarkModule) and one line here. */
const BENCHMARKS: Record<string, () => Promise<BenchmarkModule>> = {
  realtime: () => import('./realtime.js'),
  append: () => import('./append.js'),
  clients: () => import('./clients.js'),
  ingest: () => import('./ingest.js'),
  'reset-timing': () => import('./reset-timing.js'),
  payments: () => import('./payments.js'),
  chat: () => import('./chat.js'),
  sentiment: () => import('./sentiment.js'),
  bot: () => import('./bot.js'),
  calls: () => import('./calls.js'),
  reports: () => import('./reports.js'),
};

/** The target being run, so an interrupt can still drop its database. */
let current: Target | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: cleaning up`);
    void (current?.cleanup() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

async function main(argv: string[]): Promise<number> {
  const names = argv.length ? argv : Object.keys(BENCHMARKS);
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length) {
    process.stderr.write(
      `unknown benchmark: ${unknown.join(', ')}\navailable: ${Object.keys(BENCHMARKS).join(', ')}\n`,
    );
    return 2;
  }
  const pgUrl = postgresServerUrl();
  let targets: { name: string; make: () => Target }[] = [
    { name: 'pglite', make: pgliteTarget },
    ...(pgUrl ? [{ name: 'pg', make: () => postgresTarget(pgUrl) }] : []),
  ];
  if (!pgUrl) progress('no BENCH_DATABASE_URL or TEST_DATABASE_URL: PGlite only');
  // BENCH_TARGETS=pg (or pglite) narrows the run, e.g. for profiling one database.
  const only = process.env.BENCH_TARGETS?.split(',').filter(Boolean);
  if (only?.length) targets = targets.filter((t) => only.includes(t.name));
  for (const t of targets) t.make(); // refuses a bad database URL before anything runs

  let failed = false;
  for (const name of names) {
    const bench = await BENCHMARKS[name]!();
    for (const { make } of targets) {
      const target = make();
      current = target;
      // Other work on the machine skews every figure; say so where the figures are made.
      const load = loadavg()[0]!;
      progress(
        `${name} on ${target.name}: ${bench.description} (load average ${load.toFixed(2)} on ${cpus().length} CPUs)`,
      );
      if (load > cpus().length / 2)
        progress(`warning: the machine is busy; figures will be worse than on a quiet machine`);
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Error(`timed out after ${bench.timeoutMs} ms`);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timedOut), bench.timeoutMs);
      });
      try {
        const figures = await Promise.race([bench.run(target), timeout]);
        for (const f of figures) process.stdout.write(formatFigure(name, target.name, f) + '\n');
        progress(`${name} on ${target.name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      } catch (err) {
        failed = true;
        progress(
          `${name} on ${target.name}: FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        );
        // A timed-out run may still be working; running the next one beside it would skew both.
        if (err === timedOut) return 1; // (after the cleanup below)
      } finally {
        clearTimeout(timer);
        await target.cleanup().catch((err) => progress(`cleanup failed: ${String(err)}`));
      }
    }
  }
  return failed ? 1 : 0;
}

// Exit explicitly: a benchmark that timed out may still hold sockets or timers, and the run must end.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
