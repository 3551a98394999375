// append: how many event-appending transactions per second the event log takes, and how long each
// waits, when the transactions also make other writes — the shape of a cabinet registration (an event,
// then four more writes). WORKERS transactions at a time for DURATION_MS, closed-loop, no server and no
// sockets: only the append path and its lock. Issue 9 moved the append to the transaction's end, so the
// event log's lock is no longer held across the other writes; this shows the difference.
import { sql } from 'drizzle-orm';
import { appendEvents } from '../src/core/events.js';
import { nowMs, percentile, progress, type Figure, type Target } from './harness.js';

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 ? v : fallback;
};

const WORKERS = env('BENCH_APPEND_WORKERS', 20);
const WRITES = env('BENCH_APPEND_WRITES', 4); // other writes per transaction, after its append
const DURATION_MS = env('BENCH_APPEND_DURATION_MS', 5_000);

export const description = `${WORKERS} transactions at a time, each 1 event then ${WRITES} other writes, for ${DURATION_MS / 1000} s`;
export const timeoutMs = 60_000 + DURATION_MS * 2;

export async function run(target: Target): Promise<Figure[]> {
  const { database, drop } = await target.freshDatabase({ poolSize: WORKERS });
  try {
    await database.db.execute(sql`create table bench_scratch (id bigserial primary key, w int, v text)`);
    const latencies: number[] = [];
    const t0 = nowMs();
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        while (nowMs() - t0 < DURATION_MS) {
          const started = nowMs();
          await database.db.transaction(async (tx) => {
            await appendEvents(tx, [{ type: 'settings.updated', subjectType: 'bench', payload: { w } }]);
            for (let i = 0; i < WRITES; i++)
              await tx.execute(sql`insert into bench_scratch (w, v) values (${w}, 'x')`);
          });
          latencies.push(nowMs() - started);
        }
      }),
    );
    const elapsed = nowMs() - t0;
    const sorted = Float64Array.from(latencies).sort();
    progress(`${latencies.length} transactions in ${(elapsed / 1000).toFixed(1)} s`);
    return [
      { metric: 'tx_per_s', value: latencies.length / (elapsed / 1000), unit: 'tx/s', digits: 0 },
      { metric: 'p50_ms', value: percentile(sorted, 50), unit: 'ms', digits: 1 },
      { metric: 'p99_ms', value: percentile(sorted, 99), unit: 'ms', digits: 1 },
    ];
  } finally {
    await drop();
  }
}
